import type { Plugin, TransformResult } from 'vite';

/** `@astrojs/mdx`'s Vite plugin, which compiles each `.mdx` module (`vite-plugin-mdx.js`). */
const mdxPluginName = '@mdx-js/rolldown';

type TransformHandler = (
	this: { parse(code: string): unknown },
	code: string,
	id: string,
	options?: unknown,
) => Promise<TransformResult | string | null | undefined>;

/**
 * One `.mdx` page that MDX cannot compile never fails the bundle: it compiles as a notice saying
 * why, and `onFailure` hears of it (the build's log). MDX's own grammar is checked first (the
 * content loader renders a page it rejects as Markdown), but the compiler refuses more than the
 * grammar does (two `export default` layouts, a name declared twice), and a failure of one of the
 * site's plugins on one page is that page's alone.
 *
 * This wraps the handler of `@astrojs/mdx`'s own Vite plugin, found by name, so it relies on the
 * inside of `@astrojs/mdx` (8.x): a release without that plugin, or with another shape, stops the
 * build at once with a message naming it, rather than losing the isolation unseen.
 */
export function mdxIsolationPlugin(onFailure: (id: string, reason: string) => void): Plugin {
	return {
		name: 'waymark:mdx-isolation',
		configResolved(resolved) {
			const mdx = resolved.plugins.find((plugin) => plugin.name === mdxPluginName);
			// No MDX compiler (an untrusted tree): nothing to isolate.
			if (!mdx) return;
			const transform = mdx.transform as { handler?: TransformHandler } | undefined;
			const compile = transform?.handler;
			if (!transform || typeof compile !== 'function')
				throw new Error(
					`Unexpected @astrojs/mdx: its \`${mdxPluginName}\` Vite plugin has no \`transform.handler\`; Waymark isolates each page's MDX compilation there and needs a release it knows.`,
				);
			transform.handler = async function (code, id, options) {
				try {
					const result = await compile.call(this, code, id, options);
					// Code the compiler wrote but no parser takes (`export const a` twice) fails the bundle just the same.
					const output = typeof result === 'string' ? result : result?.code;
					if (typeof output === 'string') this.parse(output);
					return result;
				} catch (error) {
					// "Parse failed with 1 error:" says what follows it.
					const [first = 'unknown error', second] = ((error as Error).message ?? String(error))
						.split('\n')
						.filter((line) => line.trim() !== '');
					const reason = first.endsWith(':') && second ? `${first} ${second.trim()}` : first;
					onFailure(id, reason);
					return compile.call(this, noticePage(reason), id, options);
				}
			};
		},
	};
}

/** An MDX page that only says why the page could not be compiled (the reason as code, so nothing in it is read as MDX). */
function noticePage(reason: string): string {
	return `> [!WARNING]\n> This page's MDX could not be compiled, so its content is not shown: \`${reason.replaceAll('`', "'")}\`. Read it in the repository.\n`;
}

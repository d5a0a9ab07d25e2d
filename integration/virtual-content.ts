import { createHash } from 'node:crypto';
import { packageModule } from '../core/package.ts';
import type { Plugin } from 'vite';
import { guidebookLoader, type ContentLoaderData } from './content-loader.ts';
import type { LivePulls } from './live-pulls.ts';

const id = 'virtual:waymark/content';

// The loader's module, for a content config evaluated where this process's loaders are not
// (TypeScript here, JavaScript once `npm pack` has bundled it).
const loaderModule = packageModule('integration/content-loader');

/** Where the content config finds the loader this process made: across Vite's module runner, by a key. */
const registryKey = 'waymark.contentLoaders';
type Registry = Map<string, ReturnType<typeof guidebookLoader>>;

function registry(): Registry {
	const global = globalThis as { [key: symbol]: Registry | undefined };
	return (global[Symbol.for(registryKey)] ??= new Map<
		string,
		ReturnType<typeof guidebookLoader>
	>());
}

/**
 * Serves `virtual:waymark/content`: the guidebooks collection's loader, built from the prepared
 * tree's pages, so `src/` never imports Node code and the collection holds exactly those pages.
 * Astro evaluates the content config in this process, through Vite's module runner, which would
 * transform and run the loader's 190 modules of this package again: the module hands over the
 * loader this process made (by the digest of its data, which the code also carries, so the
 * config changes with it), and imports the loader's module only where that one is not there.
 */
export function virtualContentPlugin(data: ContentLoaderData, live?: LivePulls): Plugin {
	const json = JSON.stringify(data);
	const key = createHash('sha256').update(json).digest('base64url');
	const loaders = registry();
	// One build at a time keeps its loader; a loader asked for and gone is made again below.
	loaders.clear();
	// A copy, as the module's own data would be: the dev watcher edits the loader's frontmatter notes.
	loaders.set(key, guidebookLoader(JSON.parse(json) as ContentLoaderData, live));
	const code = [
		`const made = globalThis[Symbol.for(${JSON.stringify(registryKey)})]?.get(${JSON.stringify(key)});`,
		`export const loader = made ?? (await import(${JSON.stringify(loaderModule)})).guidebookLoader(${json});`,
	].join('\n');
	return {
		name: 'waymark:content',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) => (resolved === `\0${id}` ? `${code}\n` : undefined),
	};
}

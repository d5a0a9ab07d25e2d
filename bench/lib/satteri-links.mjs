import { fileURLToPath } from 'node:url';
import { defineMdastPlugin } from 'satteri';
import { rewriteHref } from '../../markdown/link-target.ts';

/**
 * Waymark's link rewriting (`markdown/remark-links.ts`) ported to Sätteri's plugin API, to
 * measure what one site plugin costs there; the benchmark's estimate of a full port starts from
 * it. The same `rewriteHref` as the site; URLs inside raw HTML (`<img src>`) are left out, as the
 * benchmark tree has none. Not used by the site.
 * @param {{ root: string; base: string; files?: import('../../markdown/link-target.ts').TreeFiles }} options
 */
export function satteriLinks(options) {
	const prefix = options.root.endsWith('/') ? options.root : `${options.root}/`;
	/** @param {import('satteri').MdastVisitorContext} ctx */
	const pageOf = (ctx) => {
		const full = ctx.fileURL && fileURLToPath(ctx.fileURL);
		return full?.startsWith(prefix) ? full.slice(prefix.length) : undefined;
	};
	/**
	 * @param {{ url: string }} node
	 * @param {import('satteri').MdastVisitorContext} ctx
	 * @param {'image' | undefined} kind
	 */
	const rewrite = (node, ctx, kind) => {
		const path = pageOf(ctx);
		if (path === undefined) return;
		const url = rewriteHref(path, node.url, options.base, options.files, kind ? { kind } : {});
		if (url !== node.url) ctx.setProperty(/** @type {any} */ (node), 'url', url);
	};
	return defineMdastPlugin({
		name: 'waymark-links',
		link: (node, ctx) => rewrite(node, ctx, undefined),
		definition: (node, ctx) => rewrite(node, ctx, undefined),
		image: (node, ctx) => rewrite(node, ctx, 'image'),
	});
}

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { fromHtml } from 'hast-util-from-html';
import { readRawHtml } from '../markdown/html-references.ts';
import { walkMdast } from '../markdown/walk-mdast.ts';
import { pagePathOf } from '../markdown/page-path.ts';

/**
 * Writes each Markdown link's fragment as the id it reaches on the tree's forge, where that differs
 * from the fragment as written (`SiteLinkVerdicts.landsOn`): GitHub looks a fragment up in lower
 * case too, so `[why](#Motivation)` reaches `## Motivation` there, and must on the site, where a
 * browser matches ids exactly. Before links are rewritten; a definition's URL is its references';
 * raw HTML's `href` too (an `<a href="#Motivation">` works on GitHub as well), the rest of it byte
 * for byte.
 */
export function remarkLandingFragments(options: {
	root: string;
	landsOn: (fromPath: string, href: string) => string | undefined;
}) {
	return (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		const landed = (url: string) => {
			const id = url.includes('#') ? options.landsOn(path, url) : undefined;
			return id === undefined ? undefined : `${url.slice(0, url.indexOf('#'))}#${id}`;
		};
		walkMdast(tree, (node) => {
			if (node.type === 'html' && node.value.includes('#'))
				node.value = withLandedHrefs(node.value, landed);
			if (node.type !== 'link' && node.type !== 'definition') return;
			const url = landed(node.url);
			if (url !== undefined) node.url = url;
		});
	};
}

/** `html` with each `href` whose fragment lands elsewhere written as where it lands. */
function withLandedHrefs(html: string, landed: (url: string) => string | undefined): string {
	let out = html;
	// From the end, so earlier offsets hold; a value with a character reference is left as written.
	for (const link of readRawHtml(html, fromHtml)
		.links.filter((found) => found.attribute === 'href')
		.sort((a, b) => b.valueStart - a.valueStart)) {
		const url = landed(link.value);
		if (url === undefined || html.slice(link.valueStart, link.valueEnd) !== link.value) continue;
		out = `${out.slice(0, link.valueStart)}${url.replaceAll('"', '&quot;')}${out.slice(link.valueEnd)}`;
	}
	return out;
}

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { walkMdast } from '../src/lib/walk-mdast.ts';
import { pagePathOf } from '../src/markdown/page-path.ts';

/**
 * Writes each Markdown link's fragment as the id it reaches on the tree's forge, where that differs
 * from the fragment as written (`SiteLinkVerdicts.landsOn`): GitHub looks a fragment up in lower
 * case too, so `[why](#Motivation)` reaches `## Motivation` there, and must on the site, where a
 * browser matches ids exactly. Before links are rewritten; a definition's URL is its references'.
 */
export function remarkLandingFragments(options: { root: string; landsOn: (fromPath: string, href: string) => string | undefined }) {
	return (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		walkMdast(tree, (node) => {
			if (node.type !== 'link' && node.type !== 'definition') return;
			const id = node.url.includes('#') ? options.landsOn(path, node.url) : undefined;
			if (id !== undefined) node.url = `${node.url.slice(0, node.url.indexOf('#'))}#${id}`;
		});
	};
}

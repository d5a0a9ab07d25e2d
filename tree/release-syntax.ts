import type { GuidebookTree } from './load-tree.ts';

/**
 * Drops every page's syntax tree once the checks are done with it. A build still needs each
 * page's facts (title, headings, links, directives, text) for the site and the preview, but
 * nothing after the checks reads the mdast; held while Astro renders, it was the largest part of
 * the build's memory (2.3 GiB of a 20,000-page build before Astro started, `bench/HISTORY.md`).
 * The tree is marked, and the checks refuse a marked tree rather than judge empty pages.
 */
export function releaseSyntaxTrees(tree: GuidebookTree): void {
	for (const page of tree.pages.values()) page.tree = { type: 'root', children: [] };
	tree.syntaxReleased = true;
}

import type { Parents, Root, Text } from 'mdast';
import remarkGemoji from 'remark-gemoji';
import { walkMdast } from './walk-mdast.ts';

/**
 * remark-gemoji (`:+1:` → 👍) run on each text that holds two colons, alone under a root of its
 * own, and what it makes of that text put in its place. Its own code does the work; its walk of
 * every node of every page (mdast-util-find-and-replace, with unist-util-visit) is what is saved:
 * most pages have no shortcode at all. Not `runOnParts`: a text may come back as several nodes.
 * remark-gemoji is pinned exactly; test/site/astro-steps.test.ts holds this to it.
 */
export function remarkGemojiText() {
	const gemoji = remarkGemoji();
	return (tree: Root): void => {
		const found: Array<{ parent: Parents; text: Text }> = [];
		walkMdast(tree, (node, parent) => {
			if (node.type === 'text' && parent && node.value.indexOf(':') !== node.value.lastIndexOf(':'))
				found.push({ parent, text: node });
		});
		for (const { parent, text } of found) {
			const alone: Root = { type: 'root', children: [text] };
			gemoji(alone);
			if (alone.children.length === 1 && alone.children[0] === text) continue;
			const siblings = parent.children as Root['children'];
			siblings.splice(siblings.indexOf(text), 1, ...alone.children);
		}
	};
}

import type { List, ListItem, Parents, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { splitExplicitId } from './anchors.ts';
import { walkMdast } from './walk-mdast.ts';

/**
 * `::toc` (GitLab's `[[_TOC_]]` and `[TOC]`, rewritten by the tool's `rewrite`, `tools/syntax/toc-marker.ts`) becomes the
 * page's table of contents in place: a nested list of its headings below the title, each linking
 * to its id. Runs after `remarkHeadingIds`.
 */
export function remarkToc() {
	return (tree: Root) => {
		const headings: Array<{ depth: number; text: string; id: string }> = [];
		const tocs: Array<{ parent: Parents; index: number }> = [];
		walkMdast(tree, (node, parent, index) => {
			if (node.type === 'heading') {
				const id = node.data?.hProperties?.['id'];
				if (node.depth > 1 && typeof id === 'string')
					headings.push({
						depth: node.depth,
						text: splitExplicitId(toString(node)).text.trim(),
						id,
					});
			} else if (
				node.type === 'leafDirective' &&
				node.name === 'toc' &&
				parent &&
				index !== undefined
			) {
				tocs.push({ parent, index });
			}
		});
		// Every heading is known before any list is made (a `::toc` usually comes first); the last
		// ones are replaced first, so the places found before them stay where they were.
		for (const { parent, index } of tocs.reverse()) {
			const list = nestedList(headings);
			const replacement = list
				? [
						{
							type: 'tocNav',
							children: [list],
							data: {
								hName: 'nav',
								hProperties: { className: ['toc-inline'], ariaLabel: 'Table of contents' },
							},
						} as unknown as RootContent,
					]
				: [];
			parent.children.splice(index, 1, ...(replacement as never[]));
		}
	};
}

function nestedList(
	headings: ReadonlyArray<{ depth: number; text: string; id: string }>,
): List | undefined {
	if (headings.length === 0) return undefined;
	const top = Math.min(...headings.map((h) => h.depth));
	const root: List = { type: 'list', ordered: false, spread: false, children: [] };
	const stack: Array<{ depth: number; list: List }> = [{ depth: top, list: root }];
	for (const heading of headings) {
		while (stack.length > 1 && (stack.at(-1)?.depth ?? top) > heading.depth) stack.pop();
		let current = stack.at(-1) as { depth: number; list: List };
		if (heading.depth > current.depth) {
			const parentItem = current.list.children.at(-1);
			if (parentItem) {
				const sub: List = { type: 'list', ordered: false, spread: false, children: [] };
				parentItem.children.push(sub);
				current = { depth: heading.depth, list: sub };
				stack.push(current);
			}
		}
		const item: ListItem = {
			type: 'listItem',
			spread: false,
			children: [
				{
					type: 'paragraph',
					children: [
						{
							type: 'link',
							url: `#${encodeURIComponent(heading.id)}`,
							children: [{ type: 'text', value: heading.text }],
						},
					],
				},
			],
		};
		current.list.children.push(item);
	}
	return root;
}

import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { expect, test } from 'vitest';
import { remarkToc } from '../../markdown/remark-toc.ts';

const toc = (): LeafDirective => ({
	type: 'leafDirective',
	name: 'toc',
	attributes: {},
	children: [],
});
const heading = (depth: 1 | 2 | 3, text: string, id: string): Heading => ({
	type: 'heading',
	depth,
	children: [{ type: 'text', value: text }],
	data: { hProperties: { id } },
});
const paragraph = (text: string): Paragraph => ({
	type: 'paragraph',
	children: [{ type: 'text', value: text }],
});
const run = (tree: Root): Root => {
	remarkToc()(tree);
	return tree;
};
/** Each top-level node's type; a `tocNav` as the links it holds. */
const outline = (nodes: RootContent[]): unknown[] =>
	nodes.map((node) =>
		(node.type as string) === 'tocNav'
			? `nav ${JSON.stringify(node)
					.match(/#[\w-]+/g)
					?.join(' ')}`
			: node.type,
	);

test('puts the table of contents where each `::toc` stands, before or after the headings, in lists too', () => {
	const tree = run({
		type: 'root',
		children: [
			heading(1, 'Failover', 'failover'),
			toc(),
			heading(2, 'Promote the replica', 'promote'),
			{
				type: 'list',
				spread: false,
				children: [{ type: 'listItem', spread: false, children: [toc(), paragraph('after')] }],
			},
			heading(3, 'Check lag', 'lag'),
			toc(),
		],
	});
	expect(outline(tree.children)).toEqual([
		'heading',
		'nav #promote #lag',
		'heading',
		'list',
		'heading',
		'nav #promote #lag',
	]);
	const item = (tree.children[3] as { children: Array<{ children: RootContent[] }> }).children[0];
	expect(outline(item?.children ?? [])).toEqual(['nav #promote #lag', 'paragraph']);
});

test('removes every `::toc` of a page without headings below its title, and keeps what is between them', () => {
	const tree = run({
		type: 'root',
		children: [toc(), paragraph('one'), toc(), toc(), paragraph('two')],
	});
	expect(tree.children).toEqual([paragraph('one'), paragraph('two')]);
});

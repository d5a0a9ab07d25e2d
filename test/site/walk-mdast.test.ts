import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import { nativeParser } from '../../markdown/native-parse.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';

const parse = nativeParser({ frontmatter: true }) as (markdown: string) => Root;
const page =
	'---\ntitle: T\n---\n\n# Title *em* `code`\n\n> - a [link](x.md)\n>   - **b** :status[api]\n\n| a | b |\n| - | - |\n| `c` | d |\n\n```sh\nls\n```\n';
const label = (node: Nodes, index: number | undefined) =>
	`${node.type}@${node.position?.start.line ?? 0}:${node.position?.start.column ?? 0}#${index ?? '-'}`;

test('visits every node in the order unist-util-visit does, with the same parents and indexes', () => {
	const tree = parse(page);
	const expected: string[] = [];
	visit(
		tree,
		(node, index, parent) => void expected.push(`${label(node, index)} in ${parent?.type ?? '-'}`),
	);
	const seen: string[] = [];
	walkMdast(
		tree,
		(node, parent, index) => void seen.push(`${label(node, index)} in ${parent?.type ?? '-'}`),
	);
	expect(seen).toEqual(expected);
	expect(seen.length).toBeGreaterThan(25);
});

test("goes on with the next sibling when enter replaces a node and returns 'skip'", () => {
	const tree = parse('a **b *c*** d\n');
	const seen: string[] = [];
	walkMdast(tree, (node, parent, index) => {
		seen.push(node.type);
		if (node.type === 'strong' && parent && index !== undefined) {
			parent.children.splice(index, 1, { type: 'text', value: 'B' });
			return 'skip';
		}
		return undefined;
	});
	expect(seen).toEqual(['root', 'paragraph', 'text', 'strong', 'text']);
	expect(tree.children[0]).toMatchObject({
		children: [{ value: 'a ' }, { value: 'B' }, { value: ' d' }],
	});
});

import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import { walkElements, walkHast } from '../../markdown/walk-hast.ts';

const html =
	'<h2 id="a">Restore <em>the</em> database</h2><!-- note --><blockquote><p>[!WARNING] <code>pg_restore</code></p></blockquote><table><tr><td>x</td></tr></table><pre><code class="language-sh">ls</code></pre>';
const page = (): Root => fromHtml(html, { fragment: true });
const label = (
	node: Root | Root['children'][number],
	index: number | undefined,
	parent: { type: string } | undefined,
) =>
	`${node.type === 'element' ? node.tagName : node.type}#${index ?? '-'} in ${parent?.type ?? '-'}`;

test('visits every node, and every element, in the order unist-util-visit does, with the same parents and indexes', () => {
	const expected: string[] = [];
	visit(page(), (node, index, parent) => void expected.push(label(node, index, parent)));
	const seen: string[] = [];
	walkHast(page(), (node, parent, index) => void seen.push(label(node, index, parent)));
	expect(seen).toEqual(expected);
	expect(seen.length).toBeGreaterThan(15);

	const elements: string[] = [];
	visit(page(), 'element', (node, index, parent) => void elements.push(label(node, index, parent)));
	const walked: string[] = [];
	walkElements(page(), (node, parent, index) => void walked.push(label(node, index, parent)));
	expect(walked).toEqual(elements);
});

test("goes on with the next sibling when enter wraps a node and returns 'skip', and into the old node's children without it", () => {
	const tree = page();
	const seen: string[] = [];
	walkElements(tree, (node, parent, index) => {
		seen.push(node.tagName);
		if (node.tagName === 'table') {
			parent.children[index] = h('div', { className: ['table-scroll'] }, [node]);
			return 'skip';
		}
		// The new node has children of its own; the walk still goes into the old node's.
		if (node.tagName === 'blockquote') parent.children[index] = h('aside', [h('span', 'new')]);
		return undefined;
	});
	// The table's cells are not visited (skipped); the old blockquote's paragraph is, the aside's span is not.
	expect(seen).toEqual(['h2', 'em', 'blockquote', 'p', 'code', 'table', 'pre', 'code']);
	expect((tree.children[3] as Element).properties['className']).toEqual(['table-scroll']);
	expect((tree.children[2] as Element).tagName).toBe('aside');
});

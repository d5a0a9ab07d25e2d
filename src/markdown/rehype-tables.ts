import type { Root } from 'hast';
import { h } from 'hastscript';
import { visit, SKIP } from 'unist-util-visit';

/** Wraps each table in a focusable region that scrolls sideways on narrow screens. */
export function rehypeTables() {
	return (tree: Root) => {
		visit(tree, 'element', (node, index, parent) => {
			if (node.tagName !== 'table' || !parent || index === undefined) return;
			parent.children[index] = h('div', { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table (scrolls sideways)' }, [node]);
			return SKIP;
		});
	};
}

import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { walkElements } from './walk-hast.ts';

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Wraps each table in a scroller for narrow screens and names it after its caption or the heading
 * above it (`data-label`, unique on the page: "Restore steps, table 2"). The wrapper becomes a
 * focusable, named region only while it actually scrolls (`scripts/table-scroll.ts`), so keyboard
 * and landmark navigation skip tables that fit.
 */
export function rehypeTables() {
	return (tree: Root) => {
		let heading = '';
		const used = new Map<string, number>();
		walkElements(tree, (node, parent, index) => {
			if (headingTags.has(node.tagName)) heading = toString(node).trim();
			if (node.tagName !== 'table') return;
			const base = captionOf(node) ?? (heading === '' ? 'Table' : `${heading} table`);
			const count = (used.get(base) ?? 0) + 1;
			used.set(base, count);
			const label = count === 1 ? base : `${base} ${count}`;
			parent.children[index] = h('div', { className: ['table-scroll'], dataLabel: label }, [node]);
			return 'skip';
		});
	};
}

function captionOf(table: Element): string | undefined {
	const caption = table.children.find(
		(child): child is Element => child.type === 'element' && child.tagName === 'caption',
	);
	const text = caption && toString(caption).trim();
	return text === '' ? undefined : text;
}

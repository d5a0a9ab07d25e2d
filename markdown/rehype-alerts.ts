import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { calloutIcon } from './callout-icons.ts';
import { walkElements } from './walk-hast.ts';

/** GitHub's alert kinds, with the title each one shows. */
const alertKinds = {
	note: 'Note',
	tip: 'Tip',
	important: 'Important',
	warning: 'Warning',
	caution: 'Caution',
} as const;
type AlertKind = keyof typeof alertKinds;

const marker = /^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\r?\n)?/i;

/**
 * `> [!WARNING]` blockquotes (GitHub alerts) become callouts: an `<aside>` with an icon and a
 * title in text, so the kind never depends on colour alone. The title is furniture for search
 * (`data-pagefind-ignore`); the callout's text is indexed.
 */
export function rehypeAlerts() {
	return (tree: Root) => {
		walkElements(tree, (node, parent, index) => {
			if (node.tagName !== 'blockquote') return;
			const paragraph = node.children.find((child): child is Element => child.type === 'element');
			const first = paragraph?.tagName === 'p' ? paragraph.children[0] : undefined;
			if (first?.type !== 'text') return;
			const match = marker.exec(first.value);
			if (!match?.[1]) return;
			const kind = match[1].toLowerCase() as AlertKind;
			first.value = first.value.slice(match[0].length);
			if (paragraph && isBlank(paragraph))
				node.children.splice(node.children.indexOf(paragraph), 1);
			const title = h('p', { className: ['callout-title'], dataPagefindIgnore: true }, [
				calloutIcon(),
				alertKinds[kind],
			]);
			parent.children[index] = h(
				'aside',
				{ className: ['callout', `callout-${kind}`], role: 'note', ariaLabel: alertKinds[kind] },
				[title, ...node.children],
			);
		});
	};
}

function isBlank(paragraph: Element): boolean {
	return paragraph.children.every((child) => child.type === 'text' && child.value.trim() === '');
}

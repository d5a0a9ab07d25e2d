import {
	findPlaceholders,
	readsAnglePlaceholders,
	type Placeholder,
} from '../../../markdown/label-template.ts';
import { walkMdast } from '../../../markdown/walk-mdast.ts';
import { pageFact, type PageModel } from '../../../tree/parse-page.ts';
import type { Position } from '../../finding.ts';

/** A placeholder of a page, where its source has it. */
export interface PagePlaceholder extends Pick<Placeholder, 'name' | 'kind'> {
	/** As written: `{{ $labels.instance }}`, `<namespace>`. */
	written: string;
	position: Position;
}

/**
 * The placeholders a page's site fills from an alert's labels, as `markdown/` marks them:
 * `{{ $labels.NAME }}` in text, inline code and code blocks, `<name>` in code blocks that are not
 * markup. Read from the page's source between each node's offsets, so positions are the file's.
 */
export function pagePlaceholders(page: PageModel): PagePlaceholder[] {
	// Of the page's text alone: kept with the page between runs, so its syntax tree is not parsed again for them.
	return pageFact(page, 'placeholders', () => findPagePlaceholders(page));
}

function findPagePlaceholders(page: PageModel): PagePlaceholder[] {
	const found: PagePlaceholder[] = [];
	const lineStarts = [0];
	for (let i = page.text.indexOf('\n'); i !== -1; i = page.text.indexOf('\n', i + 1))
		lineStarts.push(i + 1);
	const positionOf = (offset: number): Position => {
		let low = 0;
		let high = lineStarts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (lineStarts[mid]! <= offset) low = mid;
			else high = mid - 1;
		}
		return { line: low + 1, column: offset - lineStarts[low]! + 1 };
	};
	walkMdast(page.tree, (node) => {
		if (node.type !== 'text' && node.type !== 'inlineCode' && node.type !== 'code')
			return undefined;
		// Diagrams are drawn, not shown as code: the site marks nothing in them (`placeholder-decorations.ts`).
		if (node.type === 'code' && node.lang === 'mermaid') return undefined;
		const { start, end } = node.position ?? {};
		if (start?.offset === undefined || end?.offset === undefined) return undefined;
		const source = page.text.slice(start.offset, end.offset);
		const angle = node.type === 'code' && readsAnglePlaceholders(node.lang ?? 'plaintext');
		// A fenced block's first line is its fence and info string.
		const fenced = node.type === 'code' && /^(?:`{3,}|~{3,})/.test(source);
		const from = fenced ? source.indexOf('\n') + 1 || source.length : 0;
		for (const p of findPlaceholders(source.slice(from), { angle }))
			found.push({
				name: p.name,
				kind: p.kind,
				written: source.slice(from + p.start, from + p.end),
				position: positionOf(start.offset + from + p.start),
			});
		return undefined;
	});
	return found;
}

/**
 * The labels that fill a page's placeholders (what its alert context reads): each name as
 * written, and for an all-capitals `<NAME>` the lower-case label too (`labelFor` in
 * `markdown/label-template.ts`).
 */
export function placeholderLabels(page: PageModel): Set<string> {
	const labels = new Set<string>();
	for (const { name, kind } of pagePlaceholders(page)) {
		labels.add(name);
		if (kind === 'angle' && /^[A-Z0-9_]+$/.test(name)) labels.add(name.toLowerCase());
	}
	return labels;
}

import { diffWordsWithSpace, type Change } from 'diff';
import type { Element, ElementContent, Text } from 'hast';
import { classList, ownText, ownTextNodes, type Block } from './blocks.ts';

export type Mark = 'ins' | 'del';

/** Elements that stay outside an `<ins>`/`<del>` wrapper: they are blocks of their own. */
const keepOutside = new Set([
	'ul',
	'ol',
	'p',
	'pre',
	'table',
	'blockquote',
	'div',
	'dl',
	'figure',
	'details',
	'li',
]);

export function addClass(node: Element, name: string): void {
	node.properties.className = [...classList(node).filter((c) => c !== name), name];
}

function wrap(tag: Mark, children: ElementContent[]): Element {
	return { type: 'element', tagName: tag, properties: {}, children };
}

/** Wraps a block's own content in `<ins>` or `<del>` and tags it `waymark-ins-block`/`waymark-del-block`. */
export function markBlock(block: Pick<Block, 'kind' | 'node' | 'cells'>, tag: Mark): void {
	addClass(block.node, `waymark-${tag}-block`);
	for (const target of block.kind === 'row' ? (block.cells ?? []) : [block.node])
		wrapChildren(target, tag);
}

function wrapChildren(node: Element, tag: Mark): void {
	const next: ElementContent[] = [];
	let run: ElementContent[] = [];
	const flush = () => {
		if (run.some((c) => c.type !== 'text' || c.value.trim() !== '')) next.push(wrap(tag, run));
		else next.push(...run);
		run = [];
	};
	for (const child of node.children) {
		if (child.type === 'element' && keepOutside.has(child.tagName)) {
			flush();
			next.push(child);
		} else run.push(child);
	}
	flush();
	node.children = next;
}

/** A diagram replaced by a before/after pair: the base rendering deleted, the current one inserted. */
export function diagramChange(before: Element, after: Element): Element {
	const side = (tag: Mark, label: string, node: Element): Element => ({
		type: 'element',
		tagName: 'div',
		properties: { className: [`waymark-diagram-${tag === 'del' ? 'before' : 'after'}`] },
		children: [
			{
				type: 'element',
				tagName: 'p',
				properties: { className: ['waymark-diagram-label'] },
				children: [{ type: 'text', value: label }],
			},
			wrap(tag, [node]),
		],
	});
	return {
		type: 'element',
		tagName: 'div',
		properties: { className: ['waymark-diagram-change'] },
		children: [side('del', 'Before', before), side('ins', 'After', after)],
	};
}

/**
 * Marks, inside `head`, the words inserted since `baseText` (`<ins>`) and puts the deleted ones
 * (`<del>`) where they stood. Head's inline markup (links, emphasis, code) is kept.
 */
export function markWords(head: Element, baseText: string): void {
	const changes = quietWhitespace(diffWordsWithSpace(baseText, ownText(head)));
	const inserted: Array<[number, number]> = [];
	const deleted: Array<{ at: number; text: string }> = [];
	let offset = 0;
	for (const change of changes) {
		if (change.removed) deleted.push({ at: offset, text: change.value });
		else {
			if (change.added) inserted.push([offset, offset + change.value.length]);
			offset += change.value.length;
		}
	}
	const nodes = ownTextNodes(head);
	if (nodes.length === 0) {
		head.children.push(...deleted.map((d) => wrap('del', [{ type: 'text', value: d.text }])));
		return;
	}
	let start = 0;
	nodes.forEach(({ text, parent }, index) => {
		const end = start + text.value.length;
		const last = index === nodes.length - 1;
		const pieces = splitText(
			text.value,
			start,
			inserted,
			deleted.filter((d) => d.at >= start && (d.at < end || (last && d.at === end))),
		);
		const at = parent.children.indexOf(text);
		parent.children.splice(at, 1, ...pieces);
		start = end;
	});
}

function splitText(
	value: string,
	start: number,
	inserted: Array<[number, number]>,
	deleted: Array<{ at: number; text: string }>,
): ElementContent[] {
	const cuts = new Set<number>([0, value.length]);
	for (const [s, e] of inserted)
		for (const p of [s - start, e - start]) if (p > 0 && p < value.length) cuts.add(p);
	for (const d of deleted) cuts.add(d.at - start);
	const points = [...cuts].sort((a, b) => a - b);
	const out: ElementContent[] = [];
	for (let i = 0; i < points.length; i++) {
		const p = points[i] ?? 0;
		for (const d of deleted)
			if (d.at - start === p) out.push(wrap('del', [{ type: 'text', value: d.text }]));
		const next = points[i + 1];
		if (next === undefined || next === p) continue;
		const piece: Text = { type: 'text', value: value.slice(p, next) };
		const isInserted = inserted.some(([s, e]) => s <= start + p && start + next <= e);
		out.push(isInserted ? wrap('ins', [piece]) : piece);
	}
	return out;
}

/** A whitespace change next to a real one (a re-wrapped line) is not worth a mark of its own. */
function quietWhitespace(changes: Change[]): Change[] {
	return changes.flatMap((change, i) => {
		if (!(change.added || change.removed) || change.value.trim() !== '') return [change];
		const neighbours = [changes[i - 1], changes[i + 1]];
		const partner = neighbours.some(
			(n) => n && (n.added || n.removed) && n.added !== change.added && n.value.trim() === '',
		);
		if (!partner) return [change];
		return change.added ? [{ ...change, added: false }] : [];
	});
}

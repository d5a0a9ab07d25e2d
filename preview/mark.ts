import { diffWordsWithSpace, wordsWithSpaceDiff, type Change } from 'diff';
import type { Element, ElementContent, Text } from 'hast';
import { classList, ownText, ownTextNodes, type Block } from './blocks.ts';
import { ChangedTooMuch, editLowerBound, type DiffBudget } from './diff-budget.ts';

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
 * (`<del>`) where they stood. Head's inline markup (links, emphasis, code) is kept. A block too
 * different to diff word by word within what `budget` has left is shown deleted whole, then
 * inserted whole; linear in the text however many marks it gets.
 */
export function markWords(head: Element, baseText: string, budget: DiffBudget): void {
	const changes = quietWhitespace(wordChanges(baseText, ownText(head), budget));
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
	// Both lists are in text order, and so are the nodes: one pass over each.
	const replaced = new Map<Element, Map<ElementContent, ElementContent[]>>();
	let start = 0;
	let nextInserted = 0;
	let nextDeleted = 0;
	nodes.forEach(({ text, parent }, index) => {
		const end = start + text.value.length;
		const last = index === nodes.length - 1;
		while (nextInserted < inserted.length && (inserted[nextInserted]?.[1] ?? 0) <= start)
			nextInserted++;
		const ranges: Array<[number, number]> = [];
		for (let i = nextInserted; i < inserted.length && (inserted[i]?.[0] ?? end) < end; i++)
			ranges.push(inserted[i]!);
		const here: Array<{ at: number; text: string }> = [];
		for (; nextDeleted < deleted.length; nextDeleted++) {
			const at = deleted[nextDeleted]!.at;
			if (at > end || (at === end && !last)) break;
			here.push(deleted[nextDeleted]!);
		}
		const pieces = splitText(text.value, start, ranges, here);
		const forParent = replaced.get(parent) ?? new Map<ElementContent, ElementContent[]>();
		replaced.set(parent, forParent.set(text, pieces));
		start = end;
	});
	for (const [parent, pieces] of replaced)
		parent.children = parent.children.flatMap((child) => pieces.get(child) ?? [child]);
}

/**
 * The word changes from `base` to `head` (jsdiff `diffWordsWithSpace`) within `budget`: the whole
 * block as one deletion and one insertion when even the fewest edits it needs exceed what is left
 * for its size; `ChangedTooMuch` when Myers runs past what is left.
 */
function wordChanges(base: string, head: string, budget: DiffBudget): Change[] {
	const tokens = [wordsWithSpaceDiff.tokenize(base), wordsWithSpaceDiff.tokenize(head)] as const;
	const size = tokens[0].length + tokens[1].length;
	const most = budget.maxEdits(size);
	if (editLowerBound(...tokens) > most) {
		budget.spend(size);
		return [
			{ value: base, removed: true, added: false, count: tokens[0].length },
			{ value: head, removed: false, added: true, count: tokens[1].length },
		].filter((change) => change.value !== '');
	}
	const changes = diffWordsWithSpace(base, head, { maxEditLength: most });
	if (!changes) throw new ChangedTooMuch();
	budget.spend(
		size *
			changes.reduce(
				(edits, change) => edits + (change.added || change.removed ? change.count : 0),
				0,
			),
	);
	return changes;
}

/** One text node cut at the `inserted` boundaries and `deleted` places inside it (both in text order, offsets from the block's start). */
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
	let nextDeleted = 0;
	let range = 0;
	for (let i = 0; i < points.length; i++) {
		const p = points[i] ?? 0;
		for (; nextDeleted < deleted.length && deleted[nextDeleted]!.at - start === p; nextDeleted++)
			out.push(wrap('del', [{ type: 'text', value: deleted[nextDeleted]!.text }]));
		const next = points[i + 1];
		if (next === undefined || next === p) continue;
		const piece: Text = { type: 'text', value: value.slice(p, next) };
		while (range < inserted.length && inserted[range]![1] <= start + p) range++;
		const [s, e] = inserted[range] ?? [Number.POSITIVE_INFINITY, 0];
		out.push(s <= start + p && start + next <= e ? wrap('ins', [piece]) : piece);
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

import { diffArrays } from 'diff';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { collectBlocks, normalise, ownText, textOf, type Block } from './blocks.ts';
import {
	ChangedTooMuch,
	createDiffBudget,
	editLowerBound,
	type DiffBudget,
} from './diff-budget.ts';
import { addClass, diagramChange, markBlock, markWords } from './mark.ts';

export interface RenderedDiff {
	/** The page as it renders now, with `<ins>`/`<del>` marks and removed blocks put back in place. */
	html: string;
	/** Blocks inserted, deleted and changed; all zero means the rendered text is the same. */
	counts: { inserted: number; deleted: number; changed: number };
	/** The page changed too much to diff word by word: `html` is the whole new page under a notice, `counts` every block replaced. */
	whole?: true;
}

/** Above a page shown whole instead of diffed. */
export const changedTooMuchNotice =
	'<p class="waymark-diff-notice">This page changed too much to diff word by word; showing the whole new page.</p>';

/** Two blocks this alike (shared words over all words) are one block edited, not one removed and one added. */
const minSimilarity = 0.3;

/**
 * Diffs two renderings of a page (`undefined` for a side where the page does not exist): blocks are
 * aligned by their text (jsdiff `diffArrays`), edited blocks get a word diff, whole blocks that
 * came or went are marked whole, a changed diagram is shown before and after. The work is bounded
 * (`diff-budget.ts`): a page that changed too much for it is shown whole under a notice.
 */
export function diffRenderedHtml(
	baseHtml: string | undefined,
	headHtml: string | undefined,
	budget: DiffBudget = createDiffBudget(),
): RenderedDiff {
	const base = fromHtml(baseHtml ?? '', { fragment: true });
	const head = fromHtml(headHtml ?? '', { fragment: true });
	const baseBlocks = collectBlocks(base);
	const headBlocks = collectBlocks(head);
	try {
		return diffBlocks(baseBlocks, headBlocks, head, budget);
	} catch (error) {
		if (!(error instanceof ChangedTooMuch)) throw error;
		return {
			html: `${changedTooMuchNotice}${headHtml ?? ''}`,
			counts: { inserted: headBlocks.length, deleted: baseBlocks.length, changed: 0 },
			whole: true,
		};
	}
}

function diffBlocks(
	baseBlocks: Block[],
	headBlocks: Block[],
	head: Root,
	budget: DiffBudget,
): RenderedDiff {
	const counts = { inserted: 0, deleted: 0, changed: 0 };
	const matched = new Set<Block>();
	const removed: Array<{ block: Block; after: Block | undefined; before: Block | undefined }> = [];
	const edits: Array<() => void> = [];
	const words = wordSets();

	let b = 0;
	let h = 0;
	const parts = alignBlocks(
		baseBlocks.map((x) => x.key),
		headBlocks.map((x) => x.key),
		budget,
	);

	for (let i = 0; i < parts.length; i++) {
		const part = parts[i]!;
		if (!part.added && !part.removed) {
			for (let k = 0; k < part.count; k++) {
				matched.add(baseBlocks[b++]!);
				h++;
			}
			continue;
		}
		// A chunk is a run of removals and additions between two unchanged stretches.
		const gone: Block[] = [];
		const came: Block[] = [];
		for (; i < parts.length && (parts[i]!.added || parts[i]!.removed); i++) {
			const p = parts[i]!;
			// One at a time: spreading a run of 200,000 code lines would overflow the stack.
			if (p.removed) for (const end = b + p.count; b < end; b++) gone.push(baseBlocks[b]!);
			else for (const end = h + p.count; h < end; h++) came.push(headBlocks[h]!);
		}
		i--;
		const pairs = pairBlocks(gone, came, words, budget);
		for (const block of came) {
			const partner = pairs.get(block);
			if (partner) {
				matched.add(partner);
				counts.changed++;
				edits.push(() => applyEdit(partner, block, budget));
			} else {
				counts.inserted++;
				edits.push(() => markBlock(block, 'ins'));
			}
		}
		const after = headBlocks[h - came.length - 1];
		for (const block of gone)
			if (!matched.has(block)) removed.push({ block, after, before: headBlocks[h - came.length] });
	}
	for (const edit of edits) edit();
	counts.deleted = removed.length;
	placeRemoved(removed, baseBlocks, matched, head);
	for (const top of head.children)
		if (top.type === 'element' && isWhollyInserted(top)) addClass(top, 'waymark-ins-block');
	return { html: toHtml(head), counts };
}

/**
 * jsdiff `diffArrays` of the blocks' keys within `budget`, after their common beginning; a side
 * with no block left is one removal or insertion, as jsdiff would have it. `ChangedTooMuch` when
 * even the fewest edits exceed it.
 */
function alignBlocks(
	base: string[],
	head: string[],
	budget: DiffBudget,
): Array<{ added: boolean; removed: boolean; count: number }> {
	// Myers keeps the whole common beginning first; without it, a side may be left with nothing.
	let same = 0;
	while (same < base.length && same < head.length && base[same] === head[same]) same++;
	const kept = same === 0 ? [] : [{ added: false, removed: false, count: same }];
	if (same === base.length || same === head.length) {
		const count = base.length + head.length - 2 * same;
		return count === 0
			? kept
			: [...kept, { added: head.length > same, removed: base.length > same, count }];
	}
	[base, head] = [base.slice(same), head.slice(same)];
	const size = base.length + head.length;
	const most = budget.maxEdits(size);
	if (editLowerBound(base, head) > most) throw new ChangedTooMuch();
	const parts = diffArrays(base, head, { maxEditLength: most });
	if (!parts) throw new ChangedTooMuch();
	budget.spend(
		size * parts.reduce((edits, part) => edits + (part.added || part.removed ? part.count : 0), 0),
	);
	return [...kept, ...parts];
}

/** Each block's set of lower-case words, made once per block. */
function wordSets(): (block: Block) => Set<string> {
	const made = new Map<Block, Set<string>>();
	return (block) => {
		let words = made.get(block);
		if (!words) {
			words = new Set(
				block.key
					.slice(block.key.indexOf(':') + 1)
					.toLowerCase()
					.split(/\s+/)
					.filter(Boolean),
			);
			made.set(block, words);
		}
		return words;
	};
}

function pairBlocks(
	gone: Block[],
	came: Block[],
	words: (block: Block) => Set<string>,
	budget: DiffBudget,
): Map<Block, Block> {
	const pairs = new Map<Block, Block>();
	// Text blocks swapped one for one (same count, same kinds in order) are edits however little
	// they kept; a word diff reads better than a struck block over a new one. Rows keep the
	// similarity rule: a whole row replaced is clearer as a removed row and an added one.
	if (
		gone.length === came.length &&
		gone.every((g, i) => g.kind === came[i]?.kind && g.kind !== 'row')
	) {
		gone.forEach((g, i) => pairs.set(came[i]!, g));
		return pairs;
	}
	let from = 0;
	for (const block of came) {
		let best = -1;
		let bestScore = -1;
		for (let j = from; j < gone.length; j++) {
			const candidate = gone[j]!;
			if (candidate.kind !== block.kind) continue;
			const score =
				block.kind === 'diagram' ? 1 : similarity(words(candidate), words(block), budget);
			if (score > bestScore) [best, bestScore] = [j, score];
		}
		if (best !== -1 && bestScore >= minSimilarity) {
			pairs.set(block, gone[best]!);
			from = best + 1;
		}
	}
	return pairs;
}

function similarity(x: Set<string>, y: Set<string>, budget: DiffBudget): number {
	if (x.size === 0 && y.size === 0) return 1;
	const [small, large] = x.size <= y.size ? [x, y] : [y, x];
	budget.spend(small.size + 1);
	let shared = 0;
	for (const w of small) if (large.has(w)) shared++;
	return shared / (x.size + y.size - shared);
}

function applyEdit(base: Block, head: Block, budget: DiffBudget): void {
	if (head.kind === 'diagram') {
		// In place, so the element stays where other blocks and removed blocks expect it.
		Object.assign(head.node, diagramChange(structuredClone(base.node), { ...head.node }));
		return;
	}
	if (head.kind !== 'row') {
		markWords(head.node, ownText(base.node), budget);
		return;
	}
	const baseCells = base.cells ?? [];
	const headCells = head.cells ?? [];
	headCells.forEach((cell, i) => {
		const old = baseCells[i];
		if (!old) markBlock({ kind: 'p', node: cell }, 'ins');
		else if (normalise(textOf(old)) !== normalise(textOf(cell)))
			markWords(cell, textOf(old), budget);
	});
	for (const old of baseCells.slice(headCells.length)) {
		const clone = structuredClone(old);
		markBlock({ kind: 'p', node: clone }, 'del');
		head.node.children.push(clone);
	}
}

/**
 * Puts removed blocks back where they stood: a whole removed element (a paragraph, list, table,
 * callout) after the element before it; a removed list item, row or code line next to its former
 * neighbour of the same kind; anything else as its own deleted paragraph.
 */
function placeRemoved(
	removed: Array<{ block: Block; after: Block | undefined; before: Block | undefined }>,
	baseBlocks: Block[],
	matched: Set<Block>,
	head: Root,
): void {
	const placedTops = new Set<RootContent>();
	const lastAfter = new Map<unknown, RootContent | Element>();
	const insertAfter = (
		parent: Root | Element,
		anchor: RootContent | Element | undefined,
		node: Element,
	) => {
		const key = anchor ?? parent;
		const previous = lastAfter.get(key) ?? anchor;
		const siblings = parent.children as Array<RootContent | Element>;
		// From the end: removed blocks are put back in reading order, so the anchor is mostly the last one placed.
		const at = previous ? siblings.lastIndexOf(previous) + 1 : 0;
		siblings.splice(at, 0, node);
		lastAfter.set(key, node);
	};
	const keptTops = new Set(baseBlocks.filter((x) => matched.has(x)).map((x) => x.top));
	for (const { block, after, before } of removed) {
		if (!keptTops.has(block.top)) {
			if (placedTops.has(block.top)) continue;
			placedTops.add(block.top);
			const clone = structuredClone(block.top) as Element;
			for (const inner of collectBlocks({ type: 'root', children: [clone] }))
				markBlock(inner, 'del');
			addClass(clone, 'waymark-del-block');
			insertAfter(head, after ? after.top : undefined, clone);
			continue;
		}
		const clone = structuredClone(block.node);
		markBlock({ ...block, node: clone, ...(block.cells && { cells: cellsOf(clone) }) }, 'del');
		if (after && after.kind === block.kind && sameContainer(after, block))
			insertAfter(after.parent, after.node, clone);
		else if (before && before.kind === block.kind && sameContainer(before, block)) {
			const siblings = before.parent.children as Element[];
			siblings.splice(siblings.indexOf(before.node), 0, clone);
		} else {
			const paragraph: Element = {
				type: 'element',
				tagName: 'div',
				properties: { className: ['waymark-del-block'] },
				children: [
					{
						type: 'element',
						tagName: 'del',
						properties: {},
						children: [{ type: 'text', value: normalise(textOf(block.node)) }],
					},
				],
			};
			insertAfter(head, after ? after.top : undefined, paragraph);
		}
	}
}

function cellsOf(row: Element): Element[] {
	return row.children.filter(
		(c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'),
	);
}

function sameContainer(a: Block, b: Block): boolean {
	const tag = (block: Block) => (block.parent.type === 'root' ? '' : block.parent.tagName);
	return tag(a) === tag(b);
}

function isWhollyInserted(node: Element): boolean {
	const blocks = collectBlocks({ type: 'root', children: [node] });
	return (
		blocks.length > 0 &&
		blocks.every((b) => b.node.properties.className?.toString().includes('waymark-ins-block'))
	);
}

import { diffArrays } from 'diff';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { collectBlocks, normalise, ownText, textOf, type Block } from './blocks.ts';
import { addClass, diagramChange, markBlock, markWords } from './mark.ts';

export interface RenderedDiff {
	/** The page as it renders now, with `<ins>`/`<del>` marks and removed blocks put back in place. */
	html: string;
	/** Blocks inserted, deleted and changed; all zero means the rendered text is the same. */
	counts: { inserted: number; deleted: number; changed: number };
}

/** Two blocks this alike (shared words over all words) are one block edited, not one removed and one added. */
const minSimilarity = 0.3;

/**
 * Diffs two renderings of a page (`undefined` for a side where the page does not exist): blocks are
 * aligned by their text (jsdiff `diffArrays`), edited blocks get a word diff, whole blocks that
 * came or went are marked whole, a changed diagram is shown before and after.
 */
export function diffRenderedHtml(
	baseHtml: string | undefined,
	headHtml: string | undefined,
): RenderedDiff {
	const base = fromHtml(baseHtml ?? '', { fragment: true });
	const head = fromHtml(headHtml ?? '', { fragment: true });
	const baseBlocks = collectBlocks(base);
	const headBlocks = collectBlocks(head);
	const counts = { inserted: 0, deleted: 0, changed: 0 };
	const matched = new Set<Block>();
	const removed: Array<{ block: Block; after: Block | undefined; before: Block | undefined }> = [];
	const edits: Array<() => void> = [];

	let b = 0;
	let h = 0;
	const parts = diffArrays(
		baseBlocks.map((x) => x.key),
		headBlocks.map((x) => x.key),
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
			if (p.removed) gone.push(...baseBlocks.slice(b, (b += p.count)));
			else came.push(...headBlocks.slice(h, (h += p.count)));
		}
		i--;
		const pairs = pairBlocks(gone, came);
		for (const block of came) {
			const partner = pairs.get(block);
			if (partner) {
				matched.add(partner);
				counts.changed++;
				edits.push(() => applyEdit(partner, block));
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

function pairBlocks(gone: Block[], came: Block[]): Map<Block, Block> {
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
			const score = block.kind === 'diagram' ? 1 : similarity(candidate, block);
			if (score > bestScore) [best, bestScore] = [j, score];
		}
		if (best !== -1 && bestScore >= minSimilarity) {
			pairs.set(block, gone[best]!);
			from = best + 1;
		}
	}
	return pairs;
}

function similarity(a: Block, b: Block): number {
	const words = (block: Block) =>
		new Set(
			block.key
				.slice(block.key.indexOf(':') + 1)
				.toLowerCase()
				.split(/\s+/)
				.filter(Boolean),
		);
	const x = words(a);
	const y = words(b);
	if (x.size === 0 && y.size === 0) return 1;
	let shared = 0;
	for (const w of x) if (y.has(w)) shared++;
	return shared / (x.size + y.size - shared);
}

function applyEdit(base: Block, head: Block): void {
	if (head.kind === 'diagram') {
		// In place, so the element stays where other blocks and removed blocks expect it.
		Object.assign(head.node, diagramChange(structuredClone(base.node), { ...head.node }));
		return;
	}
	if (head.kind !== 'row') {
		markWords(head.node, ownText(base.node));
		return;
	}
	const baseCells = base.cells ?? [];
	const headCells = head.cells ?? [];
	headCells.forEach((cell, i) => {
		const old = baseCells[i];
		if (!old) markBlock({ kind: 'p', node: cell }, 'ins');
		else if (normalise(textOf(old)) !== normalise(textOf(cell))) markWords(cell, textOf(old));
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
		const at = previous ? siblings.indexOf(previous) + 1 : 0;
		siblings.splice(at, 0, node);
		lastAfter.set(key, node);
	};
	for (const { block, after, before } of removed) {
		if (!baseBlocks.some((x) => x.top === block.top && matched.has(x))) {
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

import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';

/**
 * How deeply block quotes and lists nest. Every Markdown tool walks a page recursively, so a
 * 4 KB page of 2,000 nested lists (`- - - - … x`) overflows the stack of whatever renders it;
 * the tree measures nesting once, and a page deeper than `checks.maxNestingDepth` is published
 * as a notice, not rendered.
 */

/** A container marker (`>`, `-`, `*`, `+`, `1.` or `1)`, with its spacing) where the last one ended. */
const marker = /[ \t]{0,3}(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/y;

/**
 * The most container markers one line opens (`> > - 1. x` opens 4), in linear time, without
 * parsing: enough to refuse the one-line bombs before a parser recurses into them.
 */
export function markersOnOneLine(text: string): number {
	let most = 0;
	forEachLine(text, (_start, _end, count) => {
		if (count > most) most = count;
	});
	return most;
}

/**
 * `text` with every line that opens more than `limit` markers turned into spaces (same length,
 * so every other line keeps its offsets): the rest of such a page can still be parsed.
 */
export function blankDeepLines(text: string, limit: number): string {
	let out = '';
	let kept = 0;
	forEachLine(text, (start, end, count) => {
		if (count <= limit) return;
		out += text.slice(kept, start) + ' '.repeat(end - start);
		kept = end;
	});
	return out + text.slice(kept);
}

/** Calls `visit` with each line's bounds and how many container markers it opens. */
function forEachLine(
	text: string,
	visit: (start: number, end: number, markers: number) => void,
): void {
	let start = 0;
	while (start <= text.length) {
		let count = 0;
		marker.lastIndex = start;
		while (marker.exec(text)) count++;
		const newline = text.indexOf('\n', start);
		const end = newline === -1 ? text.length : newline;
		visit(start, end, count);
		if (newline === -1) break;
		start = newline + 1;
	}
}

const containers = new Set(['blockquote', 'list']);

/** Deepest nesting of `blockquote` and `list` nodes in `tree`; iterative, so any depth is safe. */
export function nestingDepth(tree: Root): number {
	let deepest = 0;
	const stack: Array<[Node, number]> = [[tree, 0]];
	for (let item = stack.pop(); item; item = stack.pop()) {
		const [node, depth] = item;
		const here = containers.has(node.type) ? depth + 1 : depth;
		if (here > deepest) deepest = here;
		for (const child of (node as Partial<Parent>).children ?? []) stack.push([child, here]);
	}
	return deepest;
}

/** Removes every container nested deeper than `limit` (with its content), so recursive walks of `tree` stay shallow. */
export function pruneNesting(tree: Root, limit: number): void {
	const stack: Array<[Parent, number]> = [[tree, 0]];
	for (let item = stack.pop(); item; item = stack.pop()) {
		const [node, depth] = item;
		node.children = node.children.filter(
			(child) => !(containers.has(child.type) && depth + 1 > limit),
		);
		for (const child of node.children) {
			if ('children' in child)
				stack.push([child as Parent, containers.has(child.type) ? depth + 1 : depth]);
		}
	}
}

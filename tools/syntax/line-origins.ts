/**
 * A page's lines while its dialect's syntax is rewritten, each with the line of the file it comes
 * from (1-based). Snippets and includes add lines, so findings on the rewritten text are moved
 * back to the line that pulled them in (`sourceLineOf`). Every step keeps at least one line per
 * line it is given, so every line of the file has a rewritten line (`rewrittenLineOf`).
 */
import { isBlank, type PastedLine, type PastedPlaces } from './pasted-lines.ts';

export interface OriginLines {
	lines: string[];
	origins: number[];
	/** Where each line pasted from another file comes from (`pasted-lines.ts`), when one was. */
	pasted?: Array<PastedLine | undefined>;
}

export function originLines(text: string, firstLine = 1): OriginLines {
	const lines = text.split('\n');
	return { lines, origins: lines.map((_, i) => firstLine + i) };
}

/** Text built piece by piece, tracking where each of its lines comes from. */
export class LineEmitter {
	#text = '';
	/** Whether the current line holds nothing but blanks so far (kept as text comes, never scanned: a long line is appended to many times). */
	#blankLine = true;
	readonly origins: number[];
	/** Parallel to `origins` once a line was pasted from another file (`insert` with its places). */
	pasted: Array<PastedLine | undefined> | undefined;

	constructor(firstOrigin: number) {
		this.origins = [firstOrigin];
	}

	/**
	 * Appends `chunk`; the line after its `n`-th line break comes from `originOf(n)` (n from 1), and,
	 * with `placeOf`, was pasted from where `placeOf(n)` says (`pasted-lines.ts`): the chunk's first
	 * line joins the current line, which takes `placeOf(0)` only when nothing but blanks stands
	 * before it.
	 */
	emit(
		chunk: string,
		originOf: (n: number) => number,
		placeOf?: (n: number) => PastedLine | undefined,
	): void {
		const first = this.origins.length - 1;
		const blankBefore = this.#blankLine;
		let n = 0;
		let last = -1;
		for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) {
			this.origins.push(originOf(++n));
			last = at;
		}
		this.#text += chunk;
		this.#blankLine = (last === -1 ? blankBefore : true) && isBlank(chunk, last + 1);
		if (!placeOf && !this.pasted) return;
		const pasted = (this.pasted ??= []);
		pasted.length = this.origins.length;
		const start = placeOf?.(0);
		if (start && blankBefore) pasted[first] = start;
		for (let i = 1; i <= n; i++) pasted[first + i] = placeOf?.(i);
	}

	/**
	 * Appends text pulled in at `origin`: all its lines come from there. With `places` (one per line
	 * of `chunk`, `placeLines`), a finding on a line pasted from a file is reported at the file's
	 * line; the chunk's first line joins the current line, which takes its place only when nothing
	 * but blanks stands before it.
	 */
	insert(chunk: string, origin: number, places?: PastedPlaces): void {
		this.emit(chunk, () => origin, places?.some(Boolean) ? (n) => places[n] : undefined);
	}

	get text(): string {
		return this.#text;
	}

	/** Where the next character goes: its line and column (1-based). */
	get end(): { line: number; column: number } {
		return { line: this.origins.length, column: this.#text.length - this.#text.lastIndexOf('\n') };
	}
}

/** The file's line for a line of the rewritten text (1-based); the line itself without a map. */
export function sourceLineOf(line: number, origins: readonly number[] | undefined): number {
	return origins?.[line - 1] ?? line;
}

/** The first rewritten line that comes from the file's line `line` (1-based). */
export function rewrittenLineOf(line: number, origins: readonly number[] | undefined): number {
	if (!origins) return line;
	const at = origins.findIndex((origin) => origin >= line);
	return at === -1 ? origins.length : at + 1;
}

/** `origins` when some line moved, else `undefined` (most pages). */
export function movedOrigins(origins: readonly number[]): number[] | undefined {
	return origins.every((origin, i) => origin === i + 1) ? undefined : [...origins];
}

/**
 * The rewritten lines that are lines of the file moved left (MkDocs' indented blocks, Docusaurus'
 * tab items: their content loses its indentation), each with how many characters went from its
 * start (fewer than none where a tab became spaces): `[line, removed]`, 1-based rewritten lines;
 * `undefined` when no line moved. Found by
 * comparing each line with the file's line it comes from, so any rewrite that moves lines is
 * covered, and a finding in such a line gets the file's column (`sourceColumnOf`); with the
 * `spans` a rewrite made where it pulled text in, in line order.
 */
export function movedColumns(
	fileText: string,
	text: string,
	origins: readonly number[] | undefined,
	spans: readonly ColumnMove[] = [],
): ColumnMove[] | undefined {
	if (fileText === text) return undefined;
	const file = fileText.split('\n');
	const moved: ColumnMove[] = [];
	// Lines the rewrite mapped itself (`spans`, text pulled in) are taken as it mapped them.
	const spanned = new Set(spans.map((span) => span[0]));
	let next = 0;
	text.split('\n').forEach((line, i) => {
		while (next < spans.length && (spans[next] as ColumnMove)[0] === i + 1)
			moved.push(spans[next++] as ColumnMove);
		if (spanned.has(i + 1)) return;
		const written = file[sourceLineOf(i + 1, origins) - 1];
		if (written === undefined || written === line) return;
		const content = line.trimStart();
		if (content === '' || !written.endsWith(content)) return;
		const indent = written.length - content.length;
		if (written.slice(0, indent).trim() !== '') return;
		const removed = indent - (line.length - content.length);
		if (removed !== 0) moved.push([i + 1, removed]);
	});
	return moved.length > 0 ? moved : undefined;
}

/**
 * How a rewritten line's columns map to the file's: `[line, removed]`, the line moved left by
 * `removed` characters (`movedColumns`); or `[line, removed, from, until, at]`, a span of the line
 * (`from` up to `until`, exclusive) that text pulled in at the file's column `at` fills, with
 * the line's columns after it `removed` to the left of the file's (`expandMdbookLinks`). A line
 * may have several spans, in order; lines in order.
 */
export type ColumnMove =
	| [line: number, removed: number]
	| [line: number, removed: number, from: number, until: number, at: number];

/** A position's column in the file, for a position on a rewritten line `moved` lists. */
export function sourceColumnOf(
	position: { line: number; column: number },
	moved: readonly ColumnMove[] | undefined,
): number {
	const moves = movesOn(position.line, moved);
	let shift = 0;
	for (const move of moves) {
		if (move.length === 2) return position.column + move[1];
		const [, removed, from, until, at] = move;
		if (position.column < from) return position.column + shift;
		// Text pulled in stands for its link; an empty one, at its place, too.
		if (position.column < until || (position.column === from && from === until)) return at;
		shift = removed;
	}
	return position.column + shift;
}

/** The column on rewritten line `line` of the file's column `column` (`sourceColumnOf` turned round): a column a span stands for is the span's first. */
export function rewrittenColumnOf(
	line: number,
	column: number,
	moved: readonly ColumnMove[] | undefined,
): number {
	const moves = movesOn(line, moved);
	let shift = 0;
	for (const move of moves) {
		if (move.length === 2) return Math.max(1, column - move[1]);
		const [, removed, from, until, at] = move;
		if (column < at) return Math.max(1, column - shift);
		if (column < until + removed) return from;
		shift = removed;
	}
	return Math.max(1, column - shift);
}

/** The moves of rewritten line `line` (1-based), in order. */
function movesOn(line: number, moved: readonly ColumnMove[] | undefined): readonly ColumnMove[] {
	if (!moved || moved.length === 0) return [];
	// In line order: a binary search for the first, since a long page may have many findings and many such lines.
	let [low, high] = [0, moved.length];
	while (low < high) {
		const middle = (low + high) >> 1;
		if ((moved[middle] as ColumnMove)[0] < line) low = middle + 1;
		else high = middle;
	}
	let end = low;
	while (end < moved.length && (moved[end] as ColumnMove)[0] === line) end++;
	return moved.slice(low, end);
}

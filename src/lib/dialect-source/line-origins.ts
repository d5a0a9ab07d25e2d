/**
 * A page's lines while its dialect's syntax is rewritten, each with the line of the file it comes
 * from (1-based). Snippets and includes add lines, so findings on the rewritten text are moved
 * back to the line that pulled them in (`sourceLineOf`). Every step keeps at least one line per
 * line it is given, so every line of the file has a rewritten line (`rewrittenLineOf`).
 */
export interface OriginLines {
	lines: string[];
	origins: number[];
}

export function originLines(text: string, firstLine = 1): OriginLines {
	const lines = text.split('\n');
	return { lines, origins: lines.map((_, i) => firstLine + i) };
}

/** Text built piece by piece, tracking where each of its lines comes from. */
export class LineEmitter {
	#text = '';
	readonly origins: number[];

	constructor(firstOrigin: number) {
		this.origins = [firstOrigin];
	}

	/** Appends `chunk`; the line after its `n`-th line break comes from `originOf(n)` (n from 1). */
	emit(chunk: string, originOf: (n: number) => number): void {
		let n = 0;
		for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) this.origins.push(originOf(++n));
		this.#text += chunk;
	}

	/** Appends text pulled in at `origin`: all its lines come from there. */
	insert(chunk: string, origin: number): void {
		this.emit(chunk, () => origin);
	}

	get text(): string {
		return this.#text;
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
 * covered, and a finding in such a line gets the file's column (`sourceColumnOf`).
 */
export function movedColumns(fileText: string, text: string, origins: readonly number[] | undefined): Array<[number, number]> | undefined {
	if (fileText === text) return undefined;
	const file = fileText.split('\n');
	const moved: Array<[number, number]> = [];
	text.split('\n').forEach((line, i) => {
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

/** A position's column in the file, for a position on a rewritten line `movedColumns` lists. */
export function sourceColumnOf(position: { line: number; column: number }, moved: ReadonlyArray<readonly [number, number]> | undefined): number {
	return position.column + removedColumns(position.line, moved);
}

/** How many characters went from the start of rewritten line `line` (1-based), by `movedColumns`. */
export function removedColumns(line: number, moved: ReadonlyArray<readonly [number, number]> | undefined): number {
	if (!moved) return 0;
	// In line order: a binary search, since a long page may have many findings and many such lines.
	let [low, high] = [0, moved.length - 1];
	while (low <= high) {
		const middle = (low + high) >> 1;
		const [at, removed] = moved[middle] as readonly [number, number];
		if (at === line) return removed;
		if (at < line) low = middle + 1;
		else high = middle - 1;
	}
	return 0;
}

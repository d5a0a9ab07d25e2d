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

// A line of a CRLF file ends in `\r`. The info string is `[^]`, not `.`: a `.` stopped at U+2028
// (text to CommonMark) failed the `$`, and each shorter run of backticks read the rest again.
const fence = /^[ \t]*(`{3,}|~{3,})([^]*?)\r?$/;

/**
 * For each line, whether it belongs to fenced code (the fences included) or to the frontmatter at
 * the top of the page: the dialect rewrites leave those lines alone, as the forges do.
 */
export function literalLines(
	lines: readonly string[],
	options: { frontmatter: boolean } = { frontmatter: true },
): boolean[] {
	const literal = lines.map(() => false);
	const start = options.frontmatter ? frontmatterLineCount(lines) : 0;
	for (let i = 0; i < start; i++) literal[i] = true;
	scanFences(lines, start, literal);
	return literal;
}

/** The fence still open after the last line (its backticks or tildes), when the text ends inside fenced code. */
export function openFenceAtEnd(lines: readonly string[]): string | undefined {
	return scanFences(lines, 0);
}

/** Walks the fences from line `start`, marking fenced lines in `literal` when given; returns the fence left open at the end. */
function scanFences(
	lines: readonly string[],
	start: number,
	literal?: boolean[],
): string | undefined {
	let open: string | undefined;
	for (let i = start; i < lines.length; i++) {
		const match = fence.exec(lines[i] ?? '');
		if (open) {
			if (literal) literal[i] = true;
			if (
				match?.[1] &&
				match[1][0] === open[0] &&
				match[1].length >= open.length &&
				(match[2] ?? '').trim() === ''
			)
				open = undefined;
		} else if (match?.[1] && !(match[1][0] === '`' && (match[2] ?? '').includes('`'))) {
			if (literal) literal[i] = true;
			open = match[1];
		}
	}
	return open;
}

/** How many lines the YAML (`---`) or TOML (`+++`) front matter at the top of the page takes, its fences included; 0 without one. */
export function frontmatterLineCount(lines: readonly string[]): number {
	const first = lines[0]?.trimEnd();
	if (first !== '---' && first !== '+++') return 0;
	const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === first);
	return end > 0 ? end + 1 : 0;
}

/**
 * `line` with its inline code spans blanked out (same length), so a search never matches inside
 * them. A span opens with a run of backticks and closes at the next run of the same length, as
 * CommonMark reads it; a run with no such run after it is text. Each run is looked at once (a
 * pattern such as `(`+)[^`]*?\1` tried every length of every run: a line of backticks cost n²).
 */
export function maskInlineCode(line: string): string {
	if (!line.includes('`')) return line;
	const runs = [...line.matchAll(/`+/g)].map((run) => ({
		at: run.index,
		end: run.index + run[0].length,
	}));
	// The index of the next run of the same length after each run, -1 when there is none.
	const nextOfLength = new Map<number, number>();
	const closes = runs.map(() => -1);
	for (let i = runs.length - 1; i >= 0; i--) {
		const length = runs[i]!.end - runs[i]!.at;
		closes[i] = nextOfLength.get(length) ?? -1;
		nextOfLength.set(length, i);
	}
	let masked = '';
	let copied = 0;
	for (let i = 0; i < runs.length; i++) {
		const close = closes[i]!;
		if (close < 0) continue;
		masked += line.slice(copied, runs[i]!.at) + ' '.repeat(runs[close]!.end - runs[i]!.at);
		copied = runs[close]!.end;
		i = close;
	}
	return masked + line.slice(copied);
}

/**
 * For each line index, the index of the first line at or after it that `matches`, or `lines.length`
 * when none does (one more entry, for the index past the last line). One pass from the end: a
 * block's search for its close then costs nothing, however many blocks never close.
 */
export function nextMatchingLines(
	lines: readonly string[],
	matches: (line: string, index: number) => boolean,
): number[] {
	const next = Array.from({ length: lines.length + 1 }, () => lines.length);
	for (let i = lines.length - 1; i >= 0; i--) next[i] = matches(lines[i]!, i) ? i : next[i + 1]!;
	return next;
}

/** The width of a line's leading whitespace, tabs counted to the next multiple of 4. */
export function indentWidth(line: string): number {
	let width = 0;
	for (const char of line) {
		if (char === ' ') width++;
		else if (char === '\t') width += 4 - (width % 4);
		else break;
	}
	return width;
}

/** `line` with `columns` columns of leading whitespace removed (tabs expanded first). */
export function dedent(line: string, columns: number): string {
	const width = indentWidth(line);
	const rest = line.replace(/^[ \t]*/, '');
	return ' '.repeat(Math.max(0, width - columns)) + rest;
}

export const isBlank = (line: string): boolean => line.trim() === '';

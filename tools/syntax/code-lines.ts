// A line of a CRLF file ends in `\r`, which `.` does not match.
const fence = /^[ \t]*(`{3,}|~{3,})(.*?)\r?$/;

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
	let open: string | undefined;
	for (let i = start; i < lines.length; i++) {
		const match = fence.exec(lines[i] ?? '');
		if (open) {
			literal[i] = true;
			if (
				match?.[1] &&
				match[1][0] === open[0] &&
				match[1].length >= open.length &&
				(match[2] ?? '').trim() === ''
			)
				open = undefined;
		} else if (match?.[1] && !(match[1][0] === '`' && (match[2] ?? '').includes('`'))) {
			literal[i] = true;
			open = match[1];
		}
	}
	return literal;
}

/** How many lines the YAML (`---`) or TOML (`+++`) front matter at the top of the page takes, its fences included; 0 without one. */
export function frontmatterLineCount(lines: readonly string[]): number {
	const first = lines[0]?.trimEnd();
	if (first !== '---' && first !== '+++') return 0;
	const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === first);
	return end > 0 ? end + 1 : 0;
}

/** `line` with its inline code spans blanked out (same length), so a search never matches inside them. */
export function maskInlineCode(line: string): string {
	return line.includes('`')
		? line.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length))
		: line;
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

/**
 * Hugo's JSON front matter: a page that opens with `{` starts with a JSON object, up to its
 * matching `}` (braces inside strings do not count), as Hugo's page parser reads it. Found by one
 * pass over the characters, never by a regular expression over the page.
 */
export interface JsonFrontmatter {
	/** The parsed object, or `undefined` when the JSON does not parse. */
	data?: Record<string, unknown>;
	/** Why it does not parse. */
	error?: string;
	/** How many lines it spans (the line of its `}` included). */
	lines: number;
	/** The JSON text itself, from its `{` to its `}`. */
	source: string;
	/** The line its `{` is on (1-based). */
	firstLine: number;
}

/** The JSON front matter `text` opens with, if any (a byte-order mark and blank lines may precede it). */
export function readJsonFrontmatter(text: string): JsonFrontmatter | undefined {
	const start = /^\uFEFF?[ \t\r\n]*/.exec(text)?.[0].length ?? 0;
	if (text[start] !== '{') return undefined;
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) {
			const lineEnd = text.indexOf('\n', i);
			// The object must end its line, as in Hugo.
			if (text.slice(i + 1, lineEnd === -1 ? text.length : lineEnd).trim() !== '') return undefined;
			const lines = text.slice(0, i).split('\n').length;
			const source = text.slice(start, i + 1);
			const where = { lines, source, firstLine: text.slice(0, start).split('\n').length };
			try {
				const data: unknown = JSON.parse(source);
				return data && typeof data === 'object' && !Array.isArray(data)
					? { ...where, data: data as Record<string, unknown> }
					: { ...where, error: 'not an object' };
			} catch (error) {
				return { ...where, error: (error as Error).message };
			}
		}
	}
	return undefined;
}

/** `lines` (a page's) with its JSON front matter blanked, so no Markdown parser shows it; line numbers stay. */
export function blankJsonFrontmatter(lines: string[]): boolean {
	const found = readJsonFrontmatter(lines.join('\n'));
	if (!found) return false;
	for (let i = 0; i < found.lines; i++) lines[i] = '';
	return true;
}

/**
 * Lines a tool pastes into a page from another file (a snippet, an include), kept with where they
 * come from, so a finding on one is reported at the included file's line and column, naming the
 * page (`checks/included-files.ts`). While a page is rewritten each line has its own record
 * (`PastedLine`, beside `origins`); the page keeps runs of them (`PastedRun`), plain data, and
 * none at all when it pulls nothing in, as most pages do.
 */

/** A line pasted from `file` (from the root): its line there (1-based) and what that line says, for its columns. */
export interface PastedLine {
	file: string;
	line: number;
	text: string;
}

/** Where each line of a piece of text comes from: `undefined` for a line of the page's own (or one a tool wrote). */
export type PastedPlaces = ReadonlyArray<PastedLine | undefined>;

/**
 * Rewritten lines `at` … `at + count - 1` (1-based) are lines `line` … of `file`, each `shift`
 * columns to the right of where the file has it (an indent the paste added; less than none where
 * it removed one).
 */
export interface PastedRun {
	at: number;
	count: number;
	file: string;
	line: number;
	shift: number;
}

/**
 * Which lines of `fileText` the pasted `lines` are, found in order: a tool pastes a file's lines
 * in their order, whatever it leaves out (a line range, a section, hidden lines) or adds in front
 * (an indent), so each line is the next line of the file that says the same once trimmed. A line
 * no later line of the file says (one the tool wrote or changed) has no place; a blank line only
 * the place just after the last one found.
 */
export function placeLines(
	lines: readonly string[],
	file: string,
	fileText: string,
): Array<PastedLine | undefined> {
	const fileLines = fileText.split(/\r?\n/);
	const where = new Map<string, number[]>();
	fileLines.forEach((text, i) => {
		const key = text.trim();
		if (key === '') return;
		const found = where.get(key);
		if (found) found.push(i);
		else where.set(key, [i]);
	});
	let next = 0;
	return lines.map((text) => {
		const key = text.trim();
		if (key === '') {
			const blank = next < fileLines.length && (fileLines[next] ?? '').trim() === '';
			return blank ? { file, line: ++next, text: fileLines[next - 1] ?? '' } : undefined;
		}
		const at = firstFrom(where.get(key) ?? [], next);
		if (at === undefined) return undefined;
		next = at + 1;
		return { file, line: next, text: fileLines[at] ?? '' };
	});
}

/** The first of the sorted `indices` at or after `from`. */
function firstFrom(indices: readonly number[], from: number): number | undefined {
	let [low, high] = [0, indices.length];
	while (low < high) {
		const middle = (low + high) >> 1;
		if ((indices[middle] as number) < from) low = middle + 1;
		else high = middle;
	}
	return indices[low];
}

/**
 * The runs of the rewritten `lines` pasted from other files, from each line's record (`pasted`,
 * parallel to `lines`), with each line's shift found by where the file's line stands in it:
 * `undefined` when no line was pasted.
 */
export function pastedRuns(
	lines: readonly string[],
	pasted: PastedPlaces | undefined,
): PastedRun[] | undefined {
	if (!pasted?.some(Boolean)) return undefined;
	const runs: PastedRun[] = [];
	let last: PastedRun | undefined;
	lines.forEach((text, i) => {
		const place = pasted[i];
		if (!place) {
			last = undefined;
			return;
		}
		const blank = place.text.trim() === '';
		const shift = blank && last ? last.shift : shiftOf(text, place.text);
		if (
			last &&
			last.file === place.file &&
			last.line + last.count === place.line &&
			last.shift === shift
		) {
			last.count++;
			return;
		}
		last = { at: i + 1, count: 1, file: place.file, line: place.line, shift };
		runs.push(last);
	});
	return runs;
}

/** How far right of the file's line `written` its content stands on the rewritten `line`. */
function shiftOf(line: string, written: string): number {
	const content = written.trim();
	const indent = written.length - written.trimStart().length;
	const at = content === '' ? -1 : line.indexOf(content);
	return at === -1 ? line.length - line.trimStart().length - indent : at - indent;
}

/** Where rewritten line `line` (1-based) comes from, when it was pasted: the file, its line and the shift of its columns. */
export function pastedAt(
	line: number,
	runs: readonly PastedRun[] | undefined,
): { file: string; line: number; shift: number } | undefined {
	if (!runs || runs.length === 0) return undefined;
	let [low, high] = [0, runs.length];
	while (low < high) {
		const middle = (low + high) >> 1;
		if ((runs[middle] as PastedRun).at <= line) low = middle + 1;
		else high = middle;
	}
	const run = runs[low - 1];
	if (!run || line >= run.at + run.count) return undefined;
	return { file: run.file, line: run.line + (line - run.at), shift: run.shift };
}

/** Text with the place of each of its lines in the file it was pasted from (none for a line no file holds, a notice). */
export interface Placed {
	text: string;
	places?: PastedPlaces;
}

/**
 * `content` with each of `spans` (in order, none inside another) replaced by what `paste` gives
 * for it, every line keeping its place: the content's own lines theirs, a pasted text's lines its
 * own (a nested include pasted in turn). A span `paste` answers `undefined` for stays as written.
 */
export function pasteSpans<Span extends { start: number; end: number }>(
	content: Placed,
	spans: Iterable<Span>,
	paste: (span: Span) => Placed | undefined,
): { text: string; places: PastedPlaces } {
	const { text } = content;
	const out = new PlacedText();
	let from = 0;
	let line = 0;
	for (const span of spans) {
		const pasted = paste(span);
		if (pasted === undefined) continue;
		line += out.append(text.slice(from, span.start), content.places, line);
		out.append(pasted.text, pasted.places);
		for (
			let at = text.indexOf('\n', span.start);
			at !== -1 && at < span.end;
			at = text.indexOf('\n', at + 1)
		)
			line++;
		from = span.end;
	}
	out.append(text.slice(from), content.places, line);
	return { text: out.text, places: out.places };
}

/** Text built from pieces whose lines may be pasted from files, each line with its place (a nested include's text, before it is pasted in turn). */
export class PlacedText {
	text = '';
	#blankLine = true;
	readonly places: Array<PastedLine | undefined> = [undefined];

	/**
	 * Appends `chunk`, its lines placed as `places` says from `first` on (one per line of the
	 * chunk): its first line joins the current one, which takes that place only when nothing but
	 * blanks stands before it. Returns how many lines the chunk ended.
	 */
	append(chunk: string, places: PastedPlaces = [], first = 0): number {
		if (this.#blankLine && places[first]) this.places[this.places.length - 1] = places[first];
		let n = 0;
		let last = -1;
		for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) {
			this.places.push(places[first + ++n]);
			last = at;
		}
		this.text += chunk;
		this.#blankLine = (last !== -1 || this.#blankLine) && isBlank(chunk, last + 1);
		return n;
	}
}

/** Whether `text` from `from` on holds nothing but spaces and tabs. */
export function isBlank(text: string, from = 0): boolean {
	for (let i = from; i < text.length; i++) {
		const char = text[i];
		if (char !== ' ' && char !== '\t' && char !== '\r') return false;
	}
	return true;
}

/**
 * The part of a file an `{include}` or `{literalinclude}` shows, cut as the engine cuts it.
 * MyST-Parser's `include` (Sphinx) works as docutils' does: `:start-line:`/`:end-line:` slice the
 * file's lines as Python does (from 0, negative from the end), then `:start-after:` and
 * `:end-before:` cut the text at the first place that holds theirs, in the middle of a line if
 * there. Sphinx's `literalinclude`, and both directives in mystmd, cut whole lines instead: from the
 * first line holding `:start-at:` (or the one after the line holding `:start-after:`) to the next
 * line holding `:end-at:` (kept) or `:end-before:` (not), then `:lines:` (`1,3,5-7,9-`).
 */
import type { MystEngine } from './ids.ts';

/** What is shown of the file, or why nothing is (a cut whose text the file does not hold). */
export type IncludedPart = { text: string } | { problem: string };

/** Lines as Python's `str.splitlines()` gives them: no empty line after a final line break. */
function splitLines(text: string): string[] {
	const lines = text.split(/\r\n|\r|\n/);
	if (lines.at(-1) === '') lines.pop();
	return lines;
}

/** An option written as a whole number (`-2`, `10`), else `undefined`. */
function wholeNumber(written: string | undefined): number | undefined {
	if (written === undefined || !/^[ \t]*[-+]?\d+[ \t]*$/.test(written)) return undefined;
	return Number(written);
}

/** Python's `lines[start:end]`. */
function pythonSlice<T>(items: readonly T[], start?: number, end?: number): T[] {
	const at = (index: number | undefined, fallback: number) =>
		index === undefined
			? fallback
			: index < 0
				? Math.max(0, items.length + index)
				: Math.min(index, items.length);
	return items.slice(at(start, 0), at(end, items.length));
}

/** docutils' `include` (MyST-Parser's): line slice, then the text after `start-after`, then before `end-before`. */
export function docutilsPart(
	text: string,
	options: Readonly<Record<string, string>>,
): IncludedPart {
	for (const name of ['start-line', 'end-line'])
		if (options[name] !== undefined && wholeNumber(options[name]) === undefined)
			return { problem: `its \`:${name}:\` is \`${options[name]}\`, not a whole number` };
	let part = pythonSlice(
		splitLines(text),
		wholeNumber(options['start-line']),
		wholeNumber(options['end-line']),
	).join('\n');
	const after = options['start-after'];
	if (after) {
		const at = part.indexOf(after);
		if (at === -1) return { problem: `it holds no \`${after}\` (its \`:start-after:\`)` };
		part = part.slice(at + after.length);
	}
	const before = options['end-before'];
	if (before) {
		const at = part.indexOf(before);
		if (at === -1) return { problem: `it holds no \`${before}\` (its \`:end-before:\`)` };
		part = part.slice(0, at);
	}
	return { text: part };
}

/**
 * Sphinx's `literalinclude` (`LiteralIncludeReader`: start, end, then `:lines:`), and mystmd's
 * include filter, which reads the same options the same way, except that a text it does not find
 * is a warning and the file is shown from its start or to its end (`lenient`).
 */
export function linesPart(
	text: string,
	options: Readonly<Record<string, string>>,
	engine: MystEngine,
): IncludedPart & { warnings?: string[] } {
	const lenient = engine === 'mystmd';
	const warnings: string[] = [];
	let lines = splitLines(text);
	const startAt = options['start-at'] || undefined;
	const startAfter = options['start-after'] || undefined;
	const start = startAt ?? startAfter;
	if (start !== undefined) {
		const at = lines.findIndex((line) => line.includes(start));
		const name = startAt !== undefined ? 'start-at' : 'start-after';
		if (at === -1) {
			const problem = `it holds no \`${start}\` (its \`:${name}:\`)`;
			if (!lenient) return { problem };
			warnings.push(`${problem}: shown from its first line`);
		} else lines = lines.slice(startAt !== undefined ? at : at + 1);
	}
	const endAt = options['end-at'] || undefined;
	const endBefore = options['end-before'] || undefined;
	const end = endAt ?? endBefore;
	if (end !== undefined) {
		// Both skip the first line for `end-before` (Sphinx: `end-before ignores first line`; mystmd looks from the second); mystmd for `end-at` too.
		const from = endAt !== undefined && !lenient ? 0 : 1;
		const found = lines.slice(from).findIndex((line) => line.includes(end));
		const name = endAt !== undefined ? 'end-at' : 'end-before';
		if (found === -1) {
			const problem = `it holds no \`${end}\` (its \`:${name}:\`)`;
			if (!lenient) return { problem };
			warnings.push(`${problem}: shown to its last line`);
		} else lines = lines.slice(0, from + found + (endAt !== undefined ? 1 : 0));
	}
	const spec = options['lines'];
	if (spec !== undefined && spec.trim() !== '') {
		const picked = lineNumbers(spec, lines.length);
		if (picked === undefined)
			return {
				problem: `its \`:lines:\` is \`${spec}\`, expected numbers and ranges (\`1,3,5-7,9-\`)`,
			};
		lines = picked.filter((n) => n < lines.length).map((n) => lines[n]!);
		if (lines.length === 0) return { problem: `its \`:lines: ${spec}\` picks none of its lines` };
	}
	return { text: lines.join('\n'), ...(warnings.length > 0 && { warnings }) };
}

/** Sphinx's `parselinenos`: `1,3,5-7,9-` as line indexes (from 0) of a file of `total` lines; `undefined` when not so written. */
export function lineNumbers(spec: string, total: number): number[] | undefined {
	const picked: number[] = [];
	for (const part of spec.split(',')) {
		const range = /^[ \t]*(\d*)[ \t]*(-)?[ \t]*(\d*)[ \t]*$/.exec(part);
		if (!range || (range[1] === '' && range[3] === '')) return undefined;
		const first = range[1] === '' ? 1 : Number(range[1]);
		const last = range[2] ? (range[3] === '' ? Math.max(first, total) : Number(range[3])) : first;
		if (first < 1 || last < first) return undefined;
		// Lines past the file's end are none of its lines: `1-999999999` picks as many as the file has.
		for (let n = first; n <= Math.min(last, total); n++) picked.push(n - 1);
	}
	return picked;
}

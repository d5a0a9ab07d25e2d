import { describe, expect, test } from 'vitest';
import { docutilsPart, lineNumbers, linesPart } from '../../../tools/myst/include-slice.ts';

// Small reference implementations, written from the engines' own code rather than from ours:
// docutils' `Include.run` (as MyST-Parser's `MockIncludeDirective` copies it) and Sphinx's
// `LiteralIncludeReader` (`start_filter`, `end_filter`, `lines_filter`).

/** Python's `lines[start:end]`, written out as CPython's `PySlice_AdjustIndices` does it. */
function pySlice<T>(items: T[], start: number | null, end: number | null): T[] {
	const n = items.length;
	let [s, e] = [start ?? 0, end ?? n];
	if (s < 0) s = Math.max(0, s + n);
	if (e < 0) e = Math.max(0, e + n);
	const out: T[] = [];
	for (let i = s; i < Math.min(e, n); i++) out.push(items[i]!);
	return out;
}

function referenceInclude(text: string, o: Record<string, string>): string | null {
	const lines = text.split('\n');
	if (text.endsWith('\n')) lines.pop();
	let content = pySlice(
		lines,
		o['start-line'] === undefined ? null : Number(o['start-line']),
		o['end-line'] === undefined ? null : Number(o['end-line']),
	).join('\n');
	if (o['start-after']) {
		const pieces = content.split(o['start-after']);
		if (pieces.length === 1) return null;
		content = pieces.slice(1).join(o['start-after']);
	}
	if (o['end-before']) {
		const pieces = content.split(o['end-before']);
		if (pieces.length === 1) return null;
		content = pieces[0]!;
	}
	return content;
}

function referenceLiteralInclude(text: string, o: Record<string, string>): string | null {
	// `readlines()`: an empty file has no line.
	let lines = text === '' ? [] : text.split('\n');
	if (text.endsWith('\n')) lines.pop();
	const start = o['start-at'] ?? o['start-after'];
	if (start !== undefined) {
		let found = false;
		for (let i = 0; i < lines.length; i++)
			if (lines[i]!.includes(start)) {
				lines = o['start-at'] !== undefined ? lines.slice(i) : lines.slice(i + 1);
				found = true;
				break;
			}
		if (!found) return null;
	}
	const end = o['end-at'] ?? o['end-before'];
	if (end !== undefined) {
		let found = false;
		for (let i = 0; i < lines.length; i++)
			if (lines[i]!.includes(end)) {
				if (o['end-at'] !== undefined) {
					lines = lines.slice(0, i + 1);
					found = true;
					break;
				}
				if (i === 0) continue; // "end-before ignores first line"
				lines = lines.slice(0, i);
				found = true;
				break;
			}
		if (!found) return null;
	}
	if (o['lines'] !== undefined) {
		const picked: number[] = [];
		for (const part of o['lines'].split(',')) {
			const [a, b] = part.trim().split('-');
			if (b === undefined) picked.push(Number(a) - 1);
			else {
				const first = Number(a || 1);
				const last = Number(b || Math.max(first, lines.length));
				for (let n = first - 1; n < last; n++) picked.push(n);
			}
		}
		lines = picked.filter((n) => n < lines.length).map((n) => lines[n]!);
		if (lines.length === 0) return null;
	}
	return lines.join('\n');
}

const files = [
	'# Title\nline 1\nline 2 BEGIN here\nline 3\nline 4 END there\nline 5\n',
	'BEGIN END on one line\nsecond END\n',
	'no markers at all',
	'',
];
const numbers = [undefined, '-9', '-2', '-1', '0', '1', '2', '5', '40'];
const markers = [undefined, 'BEGIN', 'END', 'line', 'absent'];

/** Every combination of `values` for `keys`, as options (an `undefined` value leaves the key out). */
function combinations(
	keys: string[],
	values: Array<Array<string | undefined>>,
): Array<Record<string, string>> {
	return keys.reduce<Array<Record<string, string>>>(
		(all, key, k) =>
			all.flatMap((options) =>
				values[k]!.map((value) => (value === undefined ? options : { ...options, [key]: value })),
			),
		[{}],
	);
}

describe('{include} cut as docutils cuts it (MyST-Parser)', () => {
	const cases = combinations(
		['start-line', 'end-line', 'start-after', 'end-before'],
		[numbers, numbers, markers, markers],
	);
	test(`${cases.length * files.length} option combinations match the reference`, () => {
		for (const file of files)
			for (const options of cases) {
				const expected = referenceInclude(file, options);
				const got = docutilsPart(file, options);
				expect({ options, file, got: 'text' in got ? got.text : null }).toEqual({
					options,
					file,
					got: expected,
				});
			}
	});
	test('a cut in the middle of a line keeps the rest of it', () => {
		expect(
			docutilsPart('a BEGIN b\nc END d\n', { 'start-after': 'BEGIN', 'end-before': 'END' }),
		).toEqual({
			text: ' b\nc ',
		});
	});
	test('a line option that is no number is a problem', () => {
		expect(docutilsPart('a', { 'start-line': 'two' })).toEqual({
			problem: 'its `:start-line:` is `two`, not a whole number',
		});
	});
});

describe('{literalinclude} cut as Sphinx cuts it', () => {
	const cases = combinations(
		['start-at', 'start-after', 'end-at', 'end-before', 'lines'],
		[
			[undefined, 'BEGIN', 'absent'],
			[undefined, 'BEGIN', 'line 1'],
			[undefined, 'END', 'absent'],
			[undefined, 'END', 'line'],
			[undefined, '1', '2-3', '-2', '3-', '1,3,5-6', '40'],
		],
	).filter((o) => !(o['start-at'] && o['start-after']) && !(o['end-at'] && o['end-before']));
	test(`${cases.length * files.length} option combinations match the reference`, () => {
		for (const file of files)
			for (const options of cases) {
				const expected = referenceLiteralInclude(file, options);
				const got = linesPart(file, options, 'sphinx');
				expect({ options, file, got: 'text' in got ? got.text : null }).toEqual({
					options,
					file,
					got: expected,
				});
			}
	});
	test('mystmd shows the file from its start when a marker is missing, with a warning', () => {
		const got = linesPart('a\nb\n', { 'start-after': 'zzz' }, 'mystmd');
		expect(got).toMatchObject({ text: 'a\nb' });
		expect('warnings' in got && got.warnings?.[0]).toContain('holds no `zzz`');
	});
	test('line specs as Sphinx parses them; a huge range costs no more than the file', () => {
		expect(lineNumbers('1,3,5-6', 10)).toEqual([0, 2, 4, 5]);
		expect(lineNumbers('-2', 10)).toEqual([0, 1]);
		expect(lineNumbers('9-', 10)).toEqual([8, 9]);
		expect(lineNumbers('1-999999999', 3)).toEqual([0, 1, 2]);
		expect(lineNumbers('a-b', 3)).toBeUndefined();
		expect(lineNumbers('3-1', 3)).toBeUndefined();
	});
});

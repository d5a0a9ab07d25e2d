import { expect, test } from 'vitest';
import { LineEmitter } from '../../tools/syntax/line-origins.ts';
import {
	pastedAt,
	pastedRuns,
	placeLines,
	PlacedText,
	type PastedLine,
	type PastedPlaces,
} from '../../tools/syntax/pasted-lines.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// Generated: pages whose lines are, at random, their own or an include of a random file (indented
// at random, the included file pulling in others in turn, a line range of it or all), built as a
// tool's rewrite builds them (`LineEmitter.insert` with the places `placeLines` finds, nested
// includes through `PlacedText`). Every rewritten line of the page then maps back to the file and
// line it was written on, and every column of the file's line to where it stands.

interface Written {
	file: string;
	line: number;
	text: string;
}

/** A line each generated file holds: mostly its own words, sometimes one every file has (a fence, a blank). */
function fileLine(random: Random, file: string, n: number): string {
	const roll = random();
	if (roll < 0.1) return '';
	if (roll < 0.2) return '```';
	return `${pickItem(random, ['', '  ', '\t'])}${file} says ${n} [link](x.md)`;
}

function makeFiles(random: Random): Map<string, string[]> {
	const files = new Map<string, string[]>();
	for (let f = 0; f < 6; f++) {
		const name = `parts/f${f}.md`;
		const lines = Array.from({ length: 1 + pick(random, 12) }, (_, n) =>
			fileLine(random, name, n + 1),
		);
		// A file may include a later one (never an earlier: no loops).
		if (f < 5 && random() < 0.5)
			lines.splice(
				pick(random, lines.length + 1),
				0,
				`@include parts/f${f + 1 + pick(random, 5 - f)}.md`,
			);
		files.set(name, lines);
	}
	return files;
}

/** The file's text as an include pastes it (its lines, or a range of them), with where each line comes from. */
function pasteOf(
	random: Random,
	files: Map<string, string[]>,
	name: string,
): { text: string; places: PastedPlaces; truth: Array<Written | undefined> } {
	const lines = files.get(name) ?? [];
	const from = random() < 0.3 ? pick(random, lines.length) : 0;
	const to = random() < 0.3 ? from + 1 + pick(random, lines.length - from) : lines.length;
	const taken = lines.slice(from, to);
	const own = placeLines(taken, name, lines.join('\n'));
	const out = new PlacedText();
	const truth: Array<Written | undefined> = [];
	taken.forEach((line, i) => {
		const prefix = i === 0 ? '' : '\n';
		const nested = /^@include (.*)$/.exec(line);
		if (!nested) {
			out.append(prefix + line, [undefined, own[i]].slice(i === 0 ? 1 : 0));
			truth.push({ file: name, line: from + i + 1, text: line });
			return;
		}
		const inner = pasteOf(random, files, nested[1] ?? '');
		out.append(prefix);
		out.append(inner.text, inner.places);
		truth.push(...inner.truth);
	});
	return { text: out.text, places: out.places, truth };
}

test.each(Array.from({ length: 40 }, (_, n) => n))(
	'lines pasted into generated page %i map back to their file, line and column',
	(seed) => {
		const random = seededRandom(5300 + seed);
		const files = makeFiles(random);
		const emitter = new LineEmitter(1);
		const truth: Array<Written | undefined> = [undefined];
		const pageLines = 1 + pick(random, 30);
		for (let n = 1; n <= pageLines; n++) {
			if (n > 1) {
				emitter.emit('\n', () => n);
				truth.push(undefined);
			}
			if (random() < 0.3) {
				const paste = pasteOf(random, files, `parts/f${pick(random, 6)}.md`);
				const indent = pickItem(random, ['', '    ', '  ']);
				// Indented like its marker, as snippets and Jekyll's includes paste.
				const text = paste.text
					.split('\n')
					.map((line) => indent + line)
					.join('\n');
				// After text of the page's on its line (mdBook's `Run {{#include x}}`), the first line is the page's.
				const after = random() < 0.25;
				if (after) emitter.emit('Run ', () => n);
				emitter.insert(text, n, paste.places);
				truth.splice(
					truth.length - 1,
					1,
					...(after ? [undefined, ...paste.truth.slice(1)] : paste.truth),
				);
			} else emitter.emit(`page line ${n}`, () => n);
		}
		const lines = emitter.text.split('\n');
		expect(lines).toHaveLength(truth.length);
		const runs = pastedRuns(lines, emitter.pasted);
		lines.forEach((line, i) => {
			const written = truth[i];
			const at = pastedAt(i + 1, runs);
			if (!written || written.text.trim() === '' || written.text === '```') {
				// A line every file has is placed in its own file at a line that says the same, or not at all.
				if (at && written) expect(at.file).toBe(written.file);
				if (!written) expect(at).toBeUndefined();
				return;
			}
			expect(at, `line ${i + 1}: ${line}`).toMatchObject({
				file: written.file,
				line: written.line,
			});
			// Every column of the file's content is found where the rewritten line has it.
			const start = written.text.length - written.text.trimStart().length;
			const column = start + 1 + pick(random, written.text.trim().length);
			expect(line[column - 1 + (at?.shift ?? 0)]).toBe(written.text[column - 1]);
		});
	},
);

test('a page that pastes nothing keeps no record', () => {
	const emitter = new LineEmitter(1);
	emitter.emit('one\ntwo', (n) => n + 1);
	emitter.insert('three\nfour', 2);
	expect(emitter.pasted).toBeUndefined();
	expect(pastedRuns(emitter.text.split('\n'), emitter.pasted)).toBeUndefined();
});

test('consecutive lines of one file are one run, whatever their number', () => {
	const file = Array.from({ length: 500 }, (_, i) => `line ${i + 1}`).join('\n');
	const places = placeLines(file.split('\n'), 'part.md', file);
	const emitter = new LineEmitter(1);
	emitter.emit('# Page\n', () => 2);
	emitter.insert(file, 2, places);
	const runs = pastedRuns(emitter.text.split('\n'), emitter.pasted);
	expect(runs).toEqual([{ at: 2, count: 500, file: 'part.md', line: 1, shift: 0 }]);
	expect(pastedAt(1, runs)).toBeUndefined();
	expect(pastedAt(501, runs)).toEqual({ file: 'part.md', line: 500, shift: 0 });
	expect(pastedAt(502, runs)).toBeUndefined();
});

test('a line the tool changed, or wrote, has no place; the lines after it keep theirs', () => {
	const file = 'first\nsecond\nthird';
	const places = placeLines(['first', 'rewritten', '```rust', 'third'], 'a.md', file);
	expect(places.map((place?: PastedLine) => place?.line)).toEqual([1, undefined, undefined, 3]);
});

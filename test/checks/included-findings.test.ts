import { expect, test } from 'vitest';
import { onIncludedFiles, withoutIncluding } from '../../checks/included-files.ts';
import { messageKey } from '../../checks/baseline/fingerprint.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import type { PageModel } from '../../tree/parse-page.ts';
import type { PastedRun } from '../../tools/syntax/pasted-lines.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

// How the engine reports a finding on a pasted line: at the included file's line and column,
// naming the page; the same finding from many pages once, naming a few and counting the rest.

function page(path: string, pasted: PastedRun[], sourceLines?: number[]): PageModel {
	return { path, pasted, ...(sourceLines && { sourceLines }) } as unknown as PageModel;
}

function finding(
	file: string,
	line: number,
	column: number,
	message = 'Unexpected link to missing file `gone.md`',
): Finding {
	return { ruleId: 'internal-links', severity: 'error', file, position: { line, column }, message };
}

const onPage = (f: Finding): Finding => ({ ...f, message: `${f.message} [page's own]` });

test.each(Array.from({ length: 30 }, (_, n) => n))(
	'findings at random lines of generated page %i go to the included file and line, or stay on the page',
	(seed) => {
		const random = seededRandom(7100 + seed);
		const runs: PastedRun[] = [];
		const truth = new Map<number, { file: string; line: number; shift: number }>();
		let at = 1 + pick(random, 5);
		for (let n = 0; n < 1 + pick(random, 6); n++) {
			const run: PastedRun = {
				at,
				count: 1 + pick(random, 20),
				file: `parts/p${pick(random, 3)}.md`,
				line: 1 + pick(random, 50),
				shift: pick(random, 9) - 4,
			};
			runs.push(run);
			for (let k = 0; k < run.count; k++)
				truth.set(run.at + k, { file: run.file, line: run.line + k, shift: run.shift });
			at += run.count + pick(random, 4);
		}
		const lines = at + 5;
		// Every pasted line stands at the line that pulled it in: the line before its run.
		const origins = Array.from({ length: lines }, (_, i) => i + 1);
		const pages = new Map([['ops/a.md', page('ops/a.md', runs, origins)]]);
		for (let line = 1; line <= lines; line++) {
			const column = 1 + pick(random, 30);
			const [moved] = onIncludedFiles([finding('ops/a.md', line, column)], pages, onPage);
			const expected = truth.get(line);
			if (!expected) {
				expect(moved?.file).toBe('ops/a.md');
				expect(moved?.message).toMatch(/\[page's own\]$/);
				continue;
			}
			expect(moved).toMatchObject({
				file: expected.file,
				position: { line: expected.line, column: Math.max(1, column - expected.shift) },
				message: `Unexpected link to missing file \`gone.md\` (in ops/a.md, included at line ${line})`,
			});
		}
	},
);

test('the same finding from many including pages is one, naming three and counting the rest', () => {
	const pages = new Map(
		Array.from({ length: 6 }, (_, i) => [
			`p${i}.md`,
			page(
				`p${i}.md`,
				[{ at: 3, count: 4, file: '_includes/x.md', line: 1, shift: 2 }],
				[1, 2, 2, 2, 2, 2, 3],
			),
		]),
	);
	const found = onIncludedFiles(
		[...pages.keys()].reverse().map((path) => finding(path, 4, 7)),
		pages,
		onPage,
	);
	expect(found.map(formatFinding)).toEqual([
		'_includes/x.md:2:5: Unexpected link to missing file `gone.md` (in p0.md, included at line 2; also included by p1.md:2, p2.md:2, p3.md:2 and 2 more) (internal-links)',
	]);
	expect(found[0]?.related?.map((r) => r.file)).toEqual([
		'p1.md',
		'p2.md',
		'p3.md',
		'p4.md',
		'p5.md',
	]);
});

test('findings that differ by page stay one per page', () => {
	const run: PastedRun = { at: 2, count: 1, file: 'x.md', line: 9, shift: 0 };
	const pages = new Map([
		['a.md', page('a.md', [run])],
		['b.md', page('b.md', [run])],
	]);
	const found = onIncludedFiles(
		[finding('a.md', 2, 1, 'Unexpected a'), finding('b.md', 2, 1, 'Unexpected b')],
		pages,
		onPage,
	);
	expect(found.map(formatFinding)).toEqual([
		'x.md:9:1: Unexpected a (in a.md, included at line 2) (internal-links)',
		'x.md:9:1: Unexpected b (in b.md, included at line 2) (internal-links)',
	]);
});

test('the baseline keys a finding in an included file without the pages that include it', () => {
	const one = 'Unexpected image `a.png` (in a.md, included at line 2)';
	const many =
		'Unexpected image `a.png` (in b (1).md, included at line 7; also included by c.md:1)';
	expect(withoutIncluding(one)).toBe('Unexpected image `a.png`');
	expect(messageKey(one)).toBe(messageKey(many));
	expect(withoutIncluding('Unexpected `(in a)`')).toBe('Unexpected `(in a)`');
});

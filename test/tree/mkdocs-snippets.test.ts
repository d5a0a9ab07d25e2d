import '../helpers/load-tools.ts';
import { describe, expect, test } from 'vitest';
import { inputsFromRecord, type MkdocsMarkdown } from '../../tools/mkdocs/settings.ts';
import type { PulledFile } from '../../tools/syntax/pulled-file.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

const snippetsOn = (
	options: Partial<NonNullable<MkdocsMarkdown['snippets']>> = {},
): MkdocsMarkdown => ({ snippets: { autoAppend: [], dedentSubsections: false, ...options } });

function rewrite(
	text: string,
	files: Record<string, string | { problem: string }>,
	markdown: MkdocsMarkdown = snippetsOn(),
) {
	const snippets = Object.fromEntries(
		Object.entries(files).map(([path, value]): [string, PulledFile] => [
			path,
			typeof value === 'string' ? { text: value } : value,
		]),
	);
	const mkdocs = inputsFromRecord({ markdown, snippets, includes: {}, icons: {} });
	return rewriteAs(text, { dialect: 'mkdocs', path: 'page.md', pages: new Set(), mkdocs });
}

describe('snippet line ranges', () => {
	// The documented meaning, written independently of the code: lines counted from 1, both ends
	// included, a negative number counted back from the last line (-1 is the last), 0 read as 1.
	const documented = (lines: string[], from: number | undefined, to: number | undefined) => {
		const at = (n: number) => (n < 0 ? lines.length + n + 1 : n);
		const first = from === undefined ? 1 : Math.max(1, at(from));
		const last = to === undefined ? lines.length : to === 0 ? 0 : at(to);
		return lines.filter((_, i) => i + 1 >= first && i + 1 <= last);
	};
	const random = seededRandom(11);
	const cases = Array.from({ length: 200 }, () => {
		const length = 1 + pick(random, 12);
		const lines = Array.from({ length }, (_, i) => `line ${i + 1}`);
		const selections = Array.from({ length: 1 + pick(random, 3) }, () => {
			const number = () => (random() < 0.2 ? undefined : pick(random, 31) - 15);
			return { from: number(), to: random() < 0.3 ? undefined : number() };
		}).filter((s) => s.from !== undefined || s.to !== undefined);
		return { lines, selections };
	}).filter((c) => c.selections.length > 0);

	test.each(cases.map((c, i) => [i + 1, c]))(
		'case %i: selects the documented lines',
		(_, { lines, selections }) => {
			const spec = selections
				.map((s) => `${s.from ?? ''}${s.to === undefined ? '' : `:${s.to}`}`)
				.join(',');
			const out = rewrite(`--8<-- "file.txt:${spec}"\n`, { 'file.txt': lines.join('\n') });
			expect(out.text.split('\n').slice(0, -1), spec).toEqual(
				selections.flatMap((s) => documented(lines, s.from, s.to)),
			);
		},
	);
});

describe('snippets', () => {
	test('replaces an inline marker and a block of paths with the files, indented like the marker, in prose and in code', () => {
		const files = { 'a.md': 'Alpha line.', 'b.sh': 'echo one\necho two' };
		expect(
			rewrite(
				'Intro.\n\n--8<-- "a.md"\n\n1.  Step:\n\n    ```sh\n    --8<-- "b.sh"\n    ```\n\n-8<-\na.md\n\n;b.sh\n-8<-\n',
				files,
			).text,
		).toBe(
			'Intro.\n\nAlpha line.\n\n1.  Step:\n\n    ```sh\n    echo one\n    echo two\n    ```\n\nAlpha line.\n\n',
		);
	});

	test('takes named sections, drops section markers elsewhere, and unescapes `;--8<--`', () => {
		const file =
			'before\n--8<-- [start:install]\n  step one\n  step two\n--8<-- [end:install]\nafter';
		expect(rewrite('--8<-- "f.md:install"\n', { 'f.md': file }).text).toBe(
			'  step one\n  step two\n',
		);
		expect(
			rewrite('--8<-- "f.md:install"\n', { 'f.md': file }, snippetsOn({ dedentSubsections: true }))
				.text,
		).toBe('step one\nstep two\n');
		expect(rewrite('--8<-- "f.md"\n', { 'f.md': file }).text).toBe(
			'before\n  step one\n  step two\nafter\n',
		);
		expect(rewrite(';--8<-- "f.md"\n', { 'f.md': file }).text).toBe('--8<-- "f.md"\n');
	});

	test('expands snippets inside snippets, and stops where one would include itself', () => {
		expect(
			rewrite('--8<-- "a.md"\n', { 'a.md': 'A\n--8<-- "b.md"', 'b.md': 'B\n--8<-- "a.md"' }).text,
		).toBe('A\nB\n');
	});

	test('appends `auto_append` files to the page', () => {
		expect(
			rewrite(
				'# Page\n',
				{ 'glossary.md': '*[SLO]: Service level objective' },
				snippetsOn({ autoAppend: ['glossary.md'] }),
			).text,
		).toBe('# Page\n\n\n\n*[SLO]: Service level objective\n');
	});

	test('shows a snippet it cannot read as a notice, reported at the marker with the reason', () => {
		const out = rewrite(
			'# Page\n\n  --8<-- "gone.md"\n\n--8<-- "https://example.com/x.md"\n\n--8<-- "../secret.md"\n',
			{
				'../secret.md': { problem: 'outside the root (`../secret.md`), which Waymark never reads' },
			},
		);
		expect(out.text).toBe(
			'# Page\n\n  *(Snippet `gone.md` is not shown here)*\n\n*(Snippet `https://example.com/x.md` is not shown here)*\n\n*(Snippet `../secret.md` is not shown here)*\n',
		);
		expect(out.notes.map((n) => `${n.line}:${n.column} ${n.message}`)).toMatchInlineSnapshot(`
			[
			  "3:3 Unexpected snippet \`gone.md\`: not found; expected a file inside the root under the snippets \`base_path\`",
			  "5:1 Unexpected snippet URL \`https://example.com/x.md\`, expected a file inside the root: Waymark never downloads a page's snippets",
			  "7:1 Unexpected snippet \`../secret.md\`: outside the root (\`../secret.md\`), which Waymark never reads; expected a file inside the root under the snippets \`base_path\`",
			]
		`);
	});

	test('stops a page whose snippets multiply (each pulling in the next ten times) at its budget, with a notice', () => {
		const files = Object.fromEntries(
			Array.from({ length: 8 }, (_, level) => [
				`l${level}.md`,
				`${'x'.repeat(2000)}\n${`--8<-- "l${level + 1}.md"\n`.repeat(10)}`,
			]),
		);
		const started = performance.now();
		const out = rewrite('--8<-- "l0.md"\n', { ...files, 'l8.md': 'end' });
		expect(performance.now() - started).toBeLessThan(20_000);
		expect(out.text.length).toBeLessThan(5 * 1024 * 1024);
		expect(out.text).toContain('is not shown here');
		expect(out.notes.some((note) => note.message.includes('MB of snippets on one page'))).toBe(
			true,
		);
	});

	test('maps every line back to the page line it came from, through nested snippets', () => {
		const out = rewrite('One.\n\n--8<-- "a.md"\n\nTwo.\n', {
			'a.md': 'a1\n--8<-- "b.md"\na3',
			'b.md': 'b1\nb2',
		});
		const lines = out.text.split('\n');
		expect(lines.map((line, i) => `${sourceLineOf(i + 1, out.origins)} ${line}`)).toEqual([
			'1 One.',
			'2 ',
			'3 a1',
			'3 b1',
			'3 b2',
			'3 a3',
			'4 ',
			'5 Two.',
			'6 ',
		]);
	});
});

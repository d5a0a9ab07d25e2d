import { describe, expect, test } from 'vitest';
import { rewriteVitepressSource } from '../../../tools/vitepress/source.ts';
import type { VitepressInputs } from '../../../tools/vitepress/pulls.ts';
import { sourceLineOf } from '../../../tools/syntax/line-origins.ts';
import { parseSnippetImport } from '../../../tools/vitepress/pull-paths.ts';

/** Inputs over files in memory, by path from the root; anything else is missing. */
const inputsOf = (files: Record<string, string>, pageBudget?: number): VitepressInputs => ({
	read: (path) =>
		Object.hasOwn(files, path) ? { text: files[path]!, file: path } : { problem: 'not found' },
	...(pageBudget !== undefined && { pageBudget }),
});

const rewrite = (
	text: string,
	files: Record<string, string>,
	options: { source?: string; pageBudget?: number; path?: string } = {},
) =>
	rewriteVitepressSource(
		text,
		{ path: options.path ?? 'guide/page.md', pages: new Set([options.path ?? 'guide/page.md']) },
		{ inputs: inputsOf(files, options.pageBudget), source: options.source ?? '' },
	);

/** The code of the page's fenced blocks, each as its language and lines. */
const codeBlocks = (text: string): Array<{ lang: string; lines: string[] }> =>
	[...text.matchAll(/^(`{3,})(\S*)\n([\s\S]*?)\n?\1$/gm)].map((block) => ({
		lang: block[2]!,
		lines: block[3] === '' ? [] : block[3]!.split('\n'),
	}));

/**
 * A region in each comment style VitePress reads (`regions.ts`), as the languages write it: the
 * start and end markers for a name. VB's `#End Region` names nothing: it closes the innermost
 * region of its own style.
 */
const styles: Array<{
	lang: string;
	start: (name: string) => string;
	end: (name: string) => string;
}> = [
	{ lang: 'js', start: (n) => `// #region ${n}`, end: (n) => `// #endregion ${n}` },
	{ lang: 'ts', start: (n) => `//#region ${n}`, end: (n) => `//#endregion ${n}` },
	{ lang: 'go', start: (n) => `// region ${n}`, end: (n) => `// endregion ${n}` },
	{ lang: 'css', start: (n) => `/* #region ${n} */`, end: (n) => `/* #endregion ${n} */` },
	{ lang: 'cs', start: (n) => `#region ${n}`, end: (n) => `#endregion ${n}` },
	{ lang: 'py', start: (n) => `# region ${n}`, end: (n) => `# endregion ${n}` },
	{ lang: 'sh', start: (n) => `# #region ${n}`, end: (n) => `# #endregion ${n}` },
	{ lang: 'cpp', start: (n) => `#pragma region ${n}`, end: (n) => `#pragma endregion ${n}` },
	{ lang: 'ps1', start: (n) => `#region ${n}`, end: (n) => `#EndRegion ${n}` },
	{ lang: 'vb', start: (n) => `#Region "${n}"`, end: () => '#End Region' },
	{ lang: 'html', start: (n) => `<!-- #region ${n} -->`, end: (n) => `<!-- #endregion ${n} -->` },
	{ lang: 'md', start: (n) => `<!-- region ${n} -->`, end: (n) => `<!-- endregion ${n} -->` },
	{ lang: 'bat', start: (n) => `::#region ${n}`, end: (n) => `::#endregion ${n}` },
	{ lang: 'cmd', start: (n) => `REM #region ${n}`, end: (n) => `REM #endregion ${n}` },
	{ lang: 'sql', start: (n) => `-- #region ${n}`, end: (n) => `-- #endregion ${n}` },
	{ lang: 'fs', start: (n) => `(* #region ${n} *)`, end: (n) => `(* #endregion ${n} *)` },
	{ lang: 'json', start: (n) => `"// #region ${n}": "",`, end: (n) => `"// #endregion ${n}": "",` },
];

const indents = ['', '  ', '\t'];

/** A file with `name`'s region (its body indented by `indent`), another region before it, and lines outside both. */
function regionFile(style: (typeof styles)[number], indent: string) {
	const body = [`${indent}first()`, `${indent}  nested()`, '', `${indent}last()`];
	const lines = [
		'outside-before',
		style.start('other'),
		'not-this()',
		style.end('other'),
		`${indent}${style.start('part')}`,
		...body,
		`${indent}${style.end('part')}`,
		'outside-after',
	];
	const dedented = body.map((line) => line.slice(line === '' ? 0 : indent.length));
	return { text: `${lines.join('\n')}\n`, body, dedented };
}

describe('regions, generated: every comment style, indented or not', () => {
	const cases = styles.flatMap((style) => indents.map((indent) => ({ style, indent })));
	test.each(cases.map((c) => [`${c.style.lang} ${JSON.stringify(c.indent)}`, c] as const))(
		'%s: `<<< file#part` shows the region dedented, without its markers',
		(_, { style, indent }) => {
			const file = regionFile(style, indent);
			const { text, notes } = rewrite(`<<< @/code/file.${style.lang}#part\n`, {
				[`code/file.${style.lang}`]: file.text,
			});
			expect(notes).toEqual([]);
			expect(codeBlocks(text)).toEqual([{ lang: style.lang, lines: file.dedented }]);
		},
	);
	test.each(cases.map((c) => [`${c.style.lang} ${JSON.stringify(c.indent)}`, c] as const))(
		'%s: `@include: file#part` includes the region as written',
		(_, { style, indent }) => {
			const file = regionFile(style, indent);
			const { text, notes } = rewrite(`A\n<!--@include: ../code/file.${style.lang}#part-->\nB\n`, {
				[`code/file.${style.lang}`]: file.text,
			});
			expect(notes).toEqual([]);
			expect(text).toBe(`A\n${file.body.join('\n')}\nB\n`);
		},
	);
});

describe('include line ranges, generated against the reference (VitePress `processIncludes`)', () => {
	const part = 'L1\nL2\nL3\nL4\nL5\n';
	const partLines = part.split('\n');
	const ends = ['', '0', '1', '2', '5', '6', '7'];
	const cases = ends.flatMap((start) => ends.map((end) => ({ start, end })));
	test.each(cases.map((c) => [`{${c.start},${c.end}}`, c] as const))(
		'%s',
		(range, { start, end }) => {
			const first = start === '' ? 1 : Number(start);
			const last = end === '' ? partLines.length : Number(end);
			const inside = first >= 1 && last >= first && last <= partLines.length;
			// Out of bounds, VitePress 2 stops the build: Waymark keeps the lines inside, as VitePress 1, and says so.
			const included = partLines.slice(Math.max(1, first) - 1, Math.min(last, partLines.length));
			const { text, notes, origins } = rewrite(`A\n<!--@include: ./parts/p.md${range}-->\nB\n`, {
				'guide/parts/p.md': part,
			});
			if (included.length > 0) {
				expect(text).toBe(`A\n${included.join('\n')}\nB\n`);
				// Every included line is the include's line of the page; the page's own lines keep theirs.
				const lines = text.split('\n').map((_, i) => sourceLineOf(i + 1, origins));
				expect(lines).toEqual([1, ...included.map(() => 2), 3, 4]);
			} else
				expect(text).toBe(`A\n*(Included file “./parts/p.md${range}” is not shown here)*\nB\n`);
			expect(notes.map((note) => `${note.line}:${note.column} ${note.severity}`)).toEqual(
				inside ? [] : ['2:1 warning'],
			);
			if (!inside) expect(notes[0]?.message).toContain(`lines ${range} of a part 6 lines long`);
		},
	);

	test("a Markdown part's front matter is left out, but counted by a range without a region", () => {
		const files = { 'guide/p.md': '---\ntitle: Part\n---\n# Part\nbody\n' };
		expect(rewrite('<!--@include: ./p.md-->', files).text).toBe('# Part\nbody\n');
		expect(rewrite('<!--@include: ./p.md{2,4}-->', files).text).toBe('title: Part\n---\n# Part');
	});

	test('a heading id selects its section when no region has the name', () => {
		const files = {
			'guide/p.md': '# Top\n## Setup {#custom}\none\n### Deeper\ntwo\n## Next\nthree\n',
		};
		expect(rewrite('<!--@include: ./p.md#custom-->', files).text).toBe('one\n### Deeper\ntwo');
		expect(rewrite('<!--@include: ./p.md#next-->', files).text).toBe('three\n');
	});
});

describe('snippet imports', () => {
	const code = { 'snippets/snippet.js': 'export default function () {\n  // ..\n}\n' };

	test('`@` is the source root, other paths are from the page', () => {
		for (const [written, source] of [
			['@/snippets/snippet.js', ''],
			['@snippets/snippet.js', ''],
			['../snippets/snippet.js', ''],
			['@/snippets/snippet.js', 'src/'],
		] as const) {
			const files =
				source === '' ? code : { 'src/snippets/snippet.js': code['snippets/snippet.js'] };
			const { text, notes, pulled } = rewrite(`<<< ${written}`, files, { source });
			expect(notes).toEqual([]);
			expect(codeBlocks(text)).toEqual([
				{ lang: 'js', lines: ['export default function () {', '  // ..', '}'] },
			]);
			expect(pulled).toEqual([`${source}snippets/snippet.js`]);
		}
	});

	test("the braces' language wins over the extension; highlighted lines and options are left out", () => {
		const files = { 'snippets/snippet.cs': 'class A {}\n' };
		for (const written of ['{c#}', '{1,2,4-6 c#}', '{1,2,4-6 c#:line-numbers}', '{ c# twoslash }'])
			expect(codeBlocks(rewrite(`<<< @/snippets/snippet.cs${written}`, files).text)).toEqual([
				{ lang: 'c#', lines: ['class A {}'] },
			]);
		expect(codeBlocks(rewrite('<<< @/snippets/snippet.cs{2}', files).text)[0]?.lang).toBe('cs');
	});

	test('in a code group, each import is a tab titled by its `[title]`, else its file name', () => {
		const { text } = rewrite(
			[
				'::: code-group',
				'<<< @/snippets/snippet.js',
				'<<< @/snippets/snippet.js{1,2 ts:line-numbers} [snippet with title]',
				':::',
			].join('\n'),
			code,
		);
		expect([...text.matchAll(/^:::tab\[(.*)\]$/gm)].map((tab) => tab[1])).toEqual([
			'snippet.js',
			'snippet with title',
		]);
		expect(codeBlocks(text).map((block) => block.lang)).toEqual(['js', 'ts']);
	});

	test('a fence inside the file gets a longer fence around it', () => {
		const { text } = rewrite('<<< @/a.md', { 'a.md': '```sh\nls\n```\n' });
		expect(text).toBe('````md\n```sh\nls\n```\n````');
	});

	test('a missing file is a notice, a missing region the whole file; each a warning at the import naming it and why', () => {
		const { text, notes } = rewrite(
			'# T\n\n<<< @/snippets/nope.js\n\n<<< @/snippets/snippet.js#nope\n',
			code,
		);
		expect(text).toBe(
			'# T\n\n*(Code snippet “@/snippets/nope.js” is not shown here)*\n\n```js\nexport default function () {\n  // ..\n}\n```\n',
		);
		expect(notes.map((note) => `${note.line}:${note.column} ${note.message}`)).toEqual([
			'3:1 Unexpected code snippet import `<<< @/snippets/nope.js` (`snippets/nope.js`): not found; expected a file inside the root. A notice is shown',
			'5:1 Unexpected code snippet import `<<< @/snippets/snippet.js#nope`: expected a `#region nope` in `@/snippets/snippet.js`; the whole file is shown, as VitePress 1 shows it (VitePress 2 stops the build)',
		]);
	});

	test('findings after an import stay on their own line of the file', () => {
		const { text, notes, origins } = rewrite(
			'<<< @/snippets/snippet.js\n\n{{ unknown() }}\n',
			code,
		);
		const at = text.split('\n').findIndex((line) => line.includes('Vue expression')) + 1;
		expect(sourceLineOf(at, origins)).toBe(3);
		expect(notes.map((note) => sourceLineOf(note.line, origins))).toEqual([3]);
	});
});

describe('includes', () => {
	test('an included file is VitePress Markdown too, its includes followed from its own folder', () => {
		const { text, notes, pulled } = rewrite('<!--@include: @/parts/a.md-->\n', {
			'parts/a.md': '::: tip Nested\n<!--@include: ./inner/b.md-->\n:::\n',
			'parts/inner/b.md': 'from b',
		});
		expect(notes).toEqual([]);
		expect(text).toBe(':::tip[Nested]\nfrom b\n:::\n\n');
		expect(pulled).toEqual(['parts/a.md', 'parts/inner/b.md']);
	});

	test('a missing file is a warning at the include, naming it and why; the rest of the line stays', () => {
		const { text, notes } = rewrite('x\nbefore <!-- @include: ./nope.md --> after\n', {});
		expect(text).toBe('x\nbefore *(Included file “./nope.md” is not shown here)* after\n');
		expect(notes).toEqual([
			{
				line: 2,
				column: 8,
				severity: 'warning',
				message:
					'Unexpected include `@include: ./nope.md` (`guide/nope.md`): not found; expected a file inside the root. A notice is shown',
			},
		]);
	});

	test('a file that includes itself, or includes too deep, is a notice, once', () => {
		const self = rewrite('<!--@include: ./a.md-->', {
			'guide/a.md': 'a\n<!--@include: ./a.md-->\n',
		});
		expect(self.text).toBe('a\n*(Included file “./a.md” is not shown here)*\n');
		expect(self.notes.map((note) => note.message)).toEqual([
			expect.stringContaining('a file that includes itself'),
		]);
		const chain = Object.fromEntries(
			Array.from({ length: 20 }, (_, i) => [
				`guide/c${i}.md`,
				`${i} <!--@include: ./c${i + 1}.md-->`,
			]),
		);
		const deep = rewrite('<!--@include: ./c0.md-->', chain);
		expect(deep.text).toMatch(
			/^0 1 2 3 4 5 6 7 8 9 \*\(Included file “\.\/c10\.md” is not shown here\)\*$/,
		);
		expect(deep.notes.map((note) => note.message)).toEqual([
			expect.stringContaining('more than 10 includes deep'),
		]);
	});

	test("what includes add to a page is bounded by the page's budget, however they nest", () => {
		// Each file includes the next twice: ten levels would add 2¹⁰ copies.
		const files = Object.fromEntries(
			Array.from({ length: 10 }, (_, i) => [
				`guide/n${i}.md`,
				`${'x'.repeat(100)}\n<!--@include: ./n${i + 1}.md-->\n<!--@include: ./n${i + 1}.md-->\n`,
			]),
		);
		files['guide/n10.md'] = 'leaf\n';
		const { text, notes } = rewrite('<!--@include: ./n0.md-->\n', files, { pageBudget: 4096 });
		expect(text.length).toBeLessThan(4096 + 2000);
		expect(text).toContain('is not shown here');
		// One note per reason, at the page's include.
		expect(notes.map((note) => `${note.line} ${note.message.replace(/^.*?\): /, '')}`)).toEqual([
			'1 more than 10 includes deep, expected includes that end; a notice is shown',
			'1 past 4 KB of pulled files on one page (32 MB shared by the pages of the tree that pull files in), expected fewer or smaller files. A notice is shown',
		]);
	});

	test('an include in a code block is expanded too, as VitePress does before it reads any Markdown', () => {
		const { text } = rewrite('```md\n<!--@include: ./p.md-->\n```\n', { 'guide/p.md': 'part' });
		expect(text).toBe('```md\npart\n```\n');
	});
});

describe('snippet paths, peeled right to left as VitePress `parseSnippetPath` peels them', () => {
	// [written after `<<<`, file, region, language shown (the braces' or the extension's), tab title]
	const cases: Array<[string, string, string | undefined, string, string]> = [
		['./path to/file.sh', './path to/file.sh', undefined, 'sh', 'file.sh'],
		['/path .to/file', '/path .to/file', undefined, '', 'file'],
		['/path/to/.env', '/path/to/.env', undefined, 'env', '.env'],
		['./File.TS', './File.TS', undefined, 'TS', 'File.TS'],
		['./main.c++', './main.c++', undefined, '', 'main.c++'],
		['./main.c++ {c++}', './main.c++', undefined, 'c++', 'main.c++'],
		[
			'@/.vscode/scss.code-snippets',
			'@/.vscode/scss.code-snippets',
			undefined,
			'',
			'scss.code-snippets',
		],
		['./file.ts#my.region', './file.ts', 'my.region', 'ts', 'file.ts'],
		['./file.ts{1 ts:line-numbers}', './file.ts', undefined, 'ts:line-numbers', 'file.ts'],
		['./file.ts{ts twoslash noext}', './file.ts', undefined, 'ts', 'file.ts'],
		['./file.ts{1, 2}', './file.ts', undefined, 'ts', 'file.ts'],
		['./file.ts{}', './file.ts', undefined, 'ts', 'file.ts'],
		['./path to/file#region {1,2,4-6 c#} [title]', './path to/file', 'region', 'c#', 'title'],
		[
			'./snippet.js [title [with brackets]]',
			'./snippet.js',
			undefined,
			'js',
			'title [with brackets]',
		],
		['./demo.js{1,3}[Demo]', './demo.js', undefined, 'js', 'Demo'],
		['@/src/ExampleMod.java{15-21}[java]', '@/src/ExampleMod.java', undefined, 'java', 'java'],
		['..\\path to\\file.yaml', '..\\path to\\file.yaml', undefined, 'yaml', 'file.yaml'],
	];
	test.each(cases)('%s', (written, file, region, lang, title) => {
		expect(parseSnippetImport(written)).toEqual({ file, ...(region && { region }), lang, title });
	});
});

import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Hugo runs shortcodes before Markdown, in code too: that is why pages showing a shortcode escape
// it, `{{</* name */>}}`, which Hugo shows as `{{< name >}}`. dapr's pages printed
// `{{</* code-snippet … */>}}` with its comment marks, and a workflow's
// `version: '{{% dapr-latest-version %}}'` as written, without a word. Generated pages put each
// kind of shortcode in fenced code and code spans. (An indented code block is read as prose by
// every dialect rewrite, which MkDocs' indented blocks need: a shortcode there is a notice.)

const pages = new Set(['ops/restart.md', 'ops/_index.md', 'reference/bindings/_index.md']);
const params = { release: '1.14.2', oncall: { channel: '#ops' } };

/** A shortcode as written, what the code shows (`undefined`: as written), and the note it gets, if any. */
const kinds = [
	{ written: '{{</* code-snippet file="a.py" */>}}', shows: '{{< code-snippet file="a.py" >}}' },
	{ written: '{{%/* latest-release */%}}', shows: '{{% latest-release %}}' },
	{ written: '{{< param release >}}', shows: '1.14.2' },
	{ written: '{{% param "oncall.channel" %}}', shows: '#ops' },
	{ written: '{{< relref restart >}}', shows: '/ops/restart/' },
	{ written: '{{< ref "bindings#kafka" >}}', shows: '/reference/bindings/#kafka' },
	{
		written: '{{% dapr-latest-version long="true" %}}',
		note: /^warning Unexpected Hugo shortcode `dapr-latest-version` in code/,
	},
	{ written: '{{< param missing >}}', note: /^warning Unexpected Hugo shortcode `param missing`/ },
	{
		written: '{{< ref "gone" >}}',
		note: /^error Unexpected Hugo shortcode `ref "gone"` to a page the tree does not have/,
	},
];

const places = [
	(s: string) => ['```yaml', `version: '${s}'`, '```'],
	(s: string) => ['~~~sh', `dapr init --runtime-version ${s}`, '~~~'],
	(s: string) => [`Run \`curl https://dl.example.invalid/${s}\` now.`],
];

test.each(Array.from({ length: 60 }, (_, n) => n))(
	'generated page %i: each shortcode in code shows what Hugo shows, or stays as written with a note at its place',
	(n) => {
		const random = seededRandom(500 + n);
		const lines = ['# Install', ''];
		const expected: Array<{
			line: number;
			column: number;
			shows?: string;
			written: string;
			note?: RegExp;
		}> = [];
		for (let i = 1 + pick(random, 4); i > 0; i--) {
			const kind = pickItem(random, kinds);
			const block = pickItem(random, places)(kind.written);
			const at = block.findIndex((line) => line.includes(kind.written));
			expected.push({
				line: lines.length + at + 1,
				column: (block[at] as string).indexOf(kind.written) + 1,
				written: kind.written,
				...('shows' in kind && { shows: kind.shows }),
				...('note' in kind && { note: kind.note }),
			});
			lines.push(...block, '');
		}
		const text = lines.join('\n');
		const out = rewriteAs(text, { dialect: 'hugo', path: 'ops/install.md', pages, params });
		const outLines = out.text.split('\n');
		expect(outLines.length).toBe(lines.length);
		for (const { line, column, shows, written, note } of expected) {
			const shown = outLines[line - 1] ?? '';
			if (shows !== undefined) expect(shown, written).toContain(shows);
			else expect(shown, written).toContain(written);
			const notes = out.notes
				.filter((found) => found.line === line && found.column === column)
				.map((found) => `${found.severity} ${found.message}`);
			if (note) expect(notes, written).toEqual([expect.stringMatching(note)]);
			else expect(notes, written).toEqual([]);
		}
		expect(out.text).not.toMatch(/\{\{[<%]\/\*|\*\/[>%]\}\}/);
	},
);

test('an escaped shortcode in prose shows as the shortcode, and is never run', () => {
	const out = rewriteAs('Write {{</* ref "restart" */>}} to link a page.\n', {
		dialect: 'hugo',
		path: 'ops/a.md',
		pages,
		params,
	});
	expect(out.text).toBe('Write {{< ref "restart" >}} to link a page.\n');
	expect(out.notes).toEqual([]);
});

// Hugo never runs shortcodes in front matter: a `description:` holding `{{< ref missing >}}` is
// text to it, not a build stopped by REF_NOT_FOUND. Generated front matter, YAML and TOML, with
// every kind of shortcode in its values: the block stays as written and gets no note.
test.each(Array.from({ length: 30 }, (_, n) => n))(
	'generated front matter %i: shortcodes in it stay as written, with no note',
	(n) => {
		const random = seededRandom(900 + n);
		const fence = pickItem(random, ['---', '+++']);
		const assign =
			fence === '---'
				? (key: string, value: string) => `${key}: "${value}"`
				: (key: string, value: string) => `${key} = "${value}"`;
		const matter = [fence, assign('title', 'Install')];
		for (let i = 1 + pick(random, 4); i > 0; i--)
			matter.push(
				assign(
					pickItem(random, ['description', 'summary', 'linkTitle']),
					`See ${pickItem(random, kinds).written} first`,
				),
			);
		matter.push(fence);
		const body = ['', '# Install', '', 'Run {{< param release >}}.', ''];
		const out = rewriteAs([...matter, ...body].join('\n'), {
			dialect: 'hugo',
			path: 'ops/install.md',
			pages,
			params,
		});
		expect(out.text.split('\n').slice(0, matter.length)).toEqual(matter);
		expect(out.text.split('\n')[matter.length + 3]).toBe('Run 1.14.2.');
		expect(out.notes).toEqual([]);
	},
);

// GitLab shows a GitLab tree's code as written, shortcodes and escapes too; a tree read as Hugo for
// docs.gitlab.com runs them, as Hugo does.
test.each(places.map((place, n) => [n, place] as const))(
	'code of place %i in a GitLab tree stays as written; read as Hugo for docs.gitlab.com, it is run',
	(_n, place) => {
		for (const kind of kinds) {
			const lines = ['# Install', '', ...place(kind.written), ''];
			const text = lines.join('\n');
			const gitlab = rewriteAs(text, { dialect: 'gitlab', path: 'ops/install.md', pages, params });
			expect(gitlab.text, kind.written).toBe(text);
			expect(gitlab.notes, kind.written).toEqual([]);
			const docs = rewriteAs(text, {
				dialect: 'hugo',
				gitlabDocs: true,
				path: 'ops/install.md',
				pages,
				params,
			});
			if ('shows' in kind) expect(docs.text, kind.written).toContain(kind.shows);
			else expect(docs.notes, kind.written).toHaveLength(1);
		}
	},
);

// An escape in a shortcode's quoted argument is that argument's text, and a shortcode in an
// escape is the escape's: `Before {{< foo "{{</* bar */>}}" >}} after` once became
// `Before *(…“foo”…)*{{< bar >}}" >}} after`, two edits overlapping. Generated lines of both
// nestings, each with text around it: every line reads as expected, no text repeated or lost.
const nestings = [
	{
		written: (inner: string) => `{{< foo "${inner}" >}}`,
		inners: ['{{</* bar */>}}', '{{%/* bar x="1" */%}}', 'a {{</* ref "x" */>}} b'],
		shows: () => '*(Hugo shortcode “foo” is not shown here)*',
		notes: 1,
	},
	{
		written: (inner: string) => `{{< foo title='${inner}' >}}`,
		inners: ['{{</* bar */>}}', '{{%/* param release */%}}'],
		shows: () => '*(Hugo shortcode “foo” is not shown here)*',
		notes: 1,
	},
	{
		written: (inner: string) => `{{</* foo "${inner}" */>}}`,
		inners: ['{{< bar >}}', '{{% param release %}}', '{{< ref "gone" >}}'],
		shows: (inner: string) => `{{< foo "${inner}" >}}`,
		notes: 0,
	},
];

test.each(Array.from({ length: 40 }, (_, n) => n))(
	'generated line %i: shortcodes and escapes nested in each other are edited once, as the outer one',
	(n) => {
		const random = seededRandom(1300 + n);
		const written: string[] = [];
		const shown: string[] = [];
		let notes = 0;
		for (let i = 1 + pick(random, 3); i > 0; i--) {
			const nesting = pickItem(random, nestings);
			const inner = pickItem(random, nesting.inners);
			const text = pickItem(random, ['Before ', ' and ', ' then ', '']);
			written.push(text, nesting.written(inner));
			shown.push(text, nesting.shows(inner));
			notes += nesting.notes;
		}
		written.push(' after');
		shown.push(' after');
		const out = rewriteAs(`# Page\n\n${written.join('')}\n`, {
			dialect: 'hugo',
			path: 'ops/a.md',
			pages,
			params,
		});
		expect(out.text).toBe(`# Page\n\n${shown.join('')}\n`);
		expect(out.notes).toHaveLength(notes);
	},
);

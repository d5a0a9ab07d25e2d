import { expect, test } from 'vitest';
import { originLines } from '../../tools/syntax/line-origins.ts';
import { expandMarkdownIncludes } from '../../tools/mkdocs/include-markdown.ts';
import type { PulledFile } from '../../tools/syntax/pulled-file.ts';
import type { SourceNote } from '../../tools/syntax/source-note.ts';
import { growthRatio } from '../helpers/growth.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// mkdocs-include-markdown-plugin's directives, as its documentation and `event.py` read them
// (traefik's docs include a promotion box on 55 pages this way, shown as a raw `{% %}` line
// before). Files live in a map, as the MkDocs run hands them over.

const files: Record<string, string> = {
	'includes/promo.md':
		'---\n\n!!! question "Running it in production?"\n\n    Read [the guide](../ops/guide.md) and ![the map](img/map.png).\n',
	'includes/steps.md':
		'<!-- steps-start -->\n1. Drain the node.\n2. Upgrade it.\n<!-- steps-end -->\nNot this.\n',
	'includes/heading.md': '# Restore\n\n## From a dump\n\n```sh\n# a comment, not a heading\n```\n',
	'includes/nested.md': 'Before.\n\n{% include-markdown "./promo.md" %}\n',
	'includes/loop.md': 'Loop.\n{% include-markdown "includes/loop.md" %}\n',
	'ops/local.md': 'Beside the page.\n',
	'config/traefik.yml': 'entryPoints:\n  web:\n    address: ":80"\n',
};

const plugin = {
	opening: '{%',
	closing: '%}',
	names: { 'include-markdown': 'include-markdown', include: 'include' },
	docsDir: '.',
	defaults: {},
};

function run(
	text: string,
	page = 'getting-started/docker.md',
	ownsInclude = true,
	settings: Partial<typeof plugin> = {},
) {
	const notes: SourceNote[] = [];
	const asked: string[] = [];
	const markdownInclude = (path: string): PulledFile => {
		asked.push(path);
		return files[path] !== undefined ? { text: files[path], file: path } : { problem: 'not found' };
	};
	const out = expandMarkdownIncludes(
		originLines(text),
		page,
		{ ...plugin, ...settings, ownsInclude },
		{ markdownInclude, pageBudget: 1_000_000 },
		notes,
	);
	return {
		text: out.lines.join('\n'),
		origins: out.origins,
		notes: notes.map((n) => `${n.line}:${n.column} ${n.severity} ${n.message.split(';')[0]}`),
		asked,
	};
}

test("a path is read from the docs folder, or from the page's folder with ./ and ../, as the plugin resolves it", () => {
	expect(run('{% include-markdown "includes/promo.md" %}\n').asked).toEqual(['includes/promo.md']);
	expect(run('{% include-markdown "./local.md" %}\n', 'ops/page.md').asked).toEqual([
		'ops/local.md',
	]);
	expect(run('{% include-markdown "../includes/steps.md" %}\n', 'ops/page.md').asked).toEqual([
		'includes/steps.md',
	]);
});

test("the file takes the directive's place, its relative URLs rewritten for the page, and every added line points at the directive", () => {
	const { text, origins, notes } = run(
		'# Docker\n\nText.\n\n{% include-markdown "includes/promo.md" %}\n',
	);
	// The file's final newline stays, before the rest of the directive's line (here none).
	expect(text).toBe(
		'# Docker\n\nText.\n\n---\n\n!!! question "Running it in production?"\n\n    Read [the guide](../ops/guide.md) and ![the map](../includes/img/map.png).\n\n',
	);
	expect(origins).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 6]);
	expect(notes).toEqual([]);
});

test("start and end take the text between the markers; heading-offset deepens headings outside code; dedent and the includer's indentation apply", () => {
	expect(
		run(
			'{% include-markdown "includes/steps.md" start="<!-- steps-start -->" end="<!-- steps-end -->" %}\n',
		).text,
	).toBe('\n1. Drain the node.\n2. Upgrade it.\n\n');
	expect(
		run('{% include-markdown "includes/heading.md" heading-offset=1 trailing-newlines=false %}\n')
			.text,
	).toBe('## Restore\n\n### From a dump\n\n```sh\n# a comment, not a heading\n```\n');
	expect(
		run(
			'- Steps:\n\n    {% include-markdown "includes/steps.md" start="<!-- steps-start -->\\n" end="<!-- steps-end -->" %}\n',
		).text,
	).toBe('- Steps:\n\n    1. Drain the node.\n    2. Upgrade it.\n\n');
	expect(run('```yaml\n{% include "config/traefik.yml" %}\n```\n').text).toBe(
		'```yaml\nentryPoints:\n  web:\n    address: ":80"\n\n```\n',
	);
	expect(run('~~~yaml\n~~~\n{% include "config/traefik.yml" dedent=true %}\n').text).toBe(
		'~~~yaml\n~~~\nentryPoints:\n  web:\n    address: ":80"\n\n',
	);
});

test('a directive over several lines, with its arguments, is one directive', () => {
	const { text, origins } = run(
		'Intro.\n{%\n   include-markdown "includes/steps.md"\n   start="<!-- steps-start -->"\n   end="<!-- steps-end -->"\n   rewrite-relative-urls=false\n%}\nAfter.\n',
	);
	expect(text).toBe('Intro.\n\n1. Drain the node.\n2. Upgrade it.\n\nAfter.\n');
	expect(origins).toEqual([1, 2, 2, 2, 2, 8, 9]);
});

test("included files' own directives run from their own folder; a file that includes itself stops", () => {
	expect(run('{% include-markdown "includes/nested.md" %}\n').asked).toEqual([
		'includes/nested.md',
		'includes/promo.md',
	]);
	const loop = run('{% include-markdown "includes/loop.md" %}\n');
	expect(loop.text).toBe('Loop.\n\n\n');
	expect(loop.notes).toEqual([]);
});

test('what cannot be shown is a notice and a finding at the directive: a missing file, a glob, an absolute path, a URL, a start not found', () => {
	const cases = [
		[
			'{% include-markdown "includes/gone.md" %}',
			'Unexpected `{% include-markdown "includes/gone.md" %}`: not found',
		],
		[
			'{% include-markdown "includes/*.md" %}',
			'Unexpected glob in `{% include-markdown "includes/*.md" %}`, expected one file\'s path: Waymark reads no globs in includes',
		],
		[
			'{% include-markdown "/etc/passwd" %}',
			'Unexpected `{% include-markdown "/etc/passwd" %}` by an absolute path or URL, expected a path from the docs folder: Waymark never downloads or reads outside the repository',
		],
		[
			'{% include-markdown "https://example.com/x.md" %}',
			'Unexpected `{% include-markdown "https://example.com/x.md" %}` by an absolute path or URL, expected a path from the docs folder: Waymark never downloads or reads outside the repository',
		],
		[
			'{% include-markdown "includes/steps.md" start="<!-- nope -->" %}',
			'Unexpected `start` of `{% include-markdown "includes/steps.md" %}`, expected `<!-- nope -->` in `includes/steps.md`',
		],
	] as const;
	for (const [directive, message] of cases) {
		const { text, notes } = run(`Intro.\n\n  ${directive}\n`);
		expect(text).toMatch(/^Intro\.\n\n {2}\*\(Included file `[^`]+` is not shown here\)\*\n$/);
		expect(notes).toEqual([`3:3 warning ${message}`]);
	}
});

test("`{% include %}` is the macros plugin's when it runs first: left alone", () => {
	expect(run('{% include "config/traefik.yml" %}\n', 'page.md', false).text).toBe(
		'{% include "config/traefik.yml" %}\n',
	);
	expect(run('{% include-markdown "./ops/local.md" %}\n', 'page.md', false).text).toBe(
		'Beside the page.\n\n',
	);
});

// Pages generated around directives (prose, lists, code fences, several per line and per page):
// every directive is replaced, in code too as the plugin does, and the rest of the page is kept
// line for line, each line with its own origin.
test('generated pages: every directive is expanded, every other line kept with its origin', () => {
	const random = seededRandom(20261126);
	const pieces = [
		'Plain text.',
		'- a list item',
		'```sh\n{% include-markdown "ops/local.md" %}\n```',
		'{% include-markdown "ops/local.md" %}',
		'Before {% include-markdown "ops/local.md" %} after.',
		'> quoted',
	];
	for (let n = 0; n < 300; n++) {
		const chosen = Array.from({ length: 2 + pick(random, 6) }, () => pickItem(random, pieces));
		const text = `${chosen.join('\n\n')}\n`;
		const { text: out, origins, notes } = run(text);
		expect(notes, text).toEqual([]);
		const expected = chosen
			.map((piece) => piece.replace('{% include-markdown "ops/local.md" %}', 'Beside the page.\n'))
			.join('\n\n');
		expect(out, text).toBe(`${expected}\n`);
		const lines = text.split('\n');
		expect(origins.length, text).toBe(out.split('\n').length);
		// Every line of the output that is (a part of) a line of the input keeps that line's number.
		out.split('\n').forEach((line, i) => {
			if (line !== '' && !line.includes('Beside the page.'))
				expect(lines[(origins[i] ?? 0) - 1], text).toContain(line);
		});
	}
});

test('two directives on one line are both expanded; a directive after list text indents what follows under it', () => {
	expect(
		run(
			'| {% include-markdown "ops/local.md" trailing-newlines=false %} | {% include-markdown "ops/local.md" trailing-newlines=false %} |\n',
		).text,
	).toBe('| Beside the page. | Beside the page. |\n');
	expect(
		run(
			'1. {% include-markdown "includes/steps.md" start="<!-- steps-start -->\\n" end="<!-- steps-end -->" %}\n',
		).text,
	).toBe('1. 1. Drain the node.\n   2. Upgrade it.\n\n');
});

test('a path without ./ or ../ is read from docs_dir, wherever the root sits in it', () => {
	expect(
		run('{% include-markdown "includes/promo.md" %}\n', 'page.md', true, { docsDir: '..' }).asked,
	).toEqual(['../includes/promo.md']);
	expect(
		run('{% include-markdown "./local.md" %}\n', 'ops/page.md', true, { docsDir: '..' }).asked,
	).toEqual(['ops/local.md']);
});

test("the plugin's own tags, directive names and defaults are its settings", () => {
	expect(
		run('{! embed "ops/local.md" !}\n', 'page.md', true, {
			opening: '{!',
			closing: '!}',
			names: { 'include-markdown': 'embed', include: 'include' },
		}).text,
	).toBe('Beside the page.\n\n');
	expect(
		run('{% include-markdown "ops/local.md" %}\n', 'page.md', true, {
			defaults: { 'trailing-newlines': 'false' },
		}).text,
	).toBe('Beside the page.\n');
	// A bare word among the arguments (`comments`) is no reason to leave the directive as written.
	expect(run('{% include-markdown "ops/local.md" comments %}\n', 'page.md').text).toBe(
		'Beside the page.\n\n',
	);
});

test('every section between start and end is taken; heading-offset shifts the headings nested includes bring too', () => {
	files['includes/two.md'] = '<!-- s -->ONE<!-- e --> skip <!-- s -->TWO<!-- e -->\n';
	files['includes/outer.md'] = '# Outer\n\n{% include-markdown "./heading.md" %}\n';
	expect(
		run('{% include-markdown "includes/two.md" start="<!-- s -->" end="<!-- e -->" %}\n').text,
	).toBe('ONETWO\n');
	expect(run('{% include-markdown "includes/outer.md" heading-offset=1 %}\n').text).toMatch(
		/^## Outer\n\n## Restore\n\n### From a dump\n/,
	);
});

// Hostile directives: an argument list that never closes, and one file named past the page's
// budget hundreds of times, cost time in proportion to the page, never more.
test('a directive that never closes, with many arguments, and many includes past the budget, cost linear time', () => {
	const unclosed = (n: number) => `{% include-markdown "ops/local.md"${' a="x"'.repeat(n)}\n`;
	expect(growthRatio((n) => run(unclosed(n)), 2_000, 16_000)).toBeLessThan(8 * 3);
	files['big.md'] = 'x'.repeat(200_000);
	const many = (n: number) => '{% include-markdown "big.md" %}\n'.repeat(n);
	expect(growthRatio((n) => run(many(n)), 200, 1_600)).toBeLessThan(8 * 3);
});

// A tag's continuation lines are indented by the page's text before it, never by what an earlier
// include on the same line added: a 900 KB one-line file, then a file of many lines on that line,
// would otherwise indent each of its lines by 900 KB (gigabytes from one page).
test("a second tag on a line indents by the page's text before it, not by the first include's text", () => {
	files['wide.md'] = 'w'.repeat(900_000);
	files['tall.md'] = 'line\n'.repeat(2_000);
	const out = run('- {% include-markdown "wide.md" %} {% include-markdown "tall.md" %}\n');
	expect(out.text.length).toBeLessThan(900_000 + 2_000 * 10);
	expect(out.text.split('\n')[1]).toBe(' line');
	expect(
		run('Text {% include-markdown "nope.md" %} and {% include-markdown "gone.md" %}\n').notes.map(
			(note) => note.split(' ')[0],
		),
	).toEqual(['1:6', '1:43']);
});

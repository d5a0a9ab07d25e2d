import '../helpers/load-tools.ts';
import { describe, expect, test } from 'vitest';
import { literalLines, maskInlineCode } from '../../tools/syntax/code-lines.ts';
import { sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { inputsFromRecord, type MacrosSettings } from '../../tools/mkdocs/settings.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

const defaultDelimiters: MacrosSettings['delimiters'] = {
	variable: ['{{', '}}'],
	block: ['{%', '%}'],
	comment: ['{#', '#}'],
};

function settings(overrides: Partial<MacrosSettings> = {}): MacrosSettings {
	const extra = {
		team: 'Platform',
		pager: '+1 555 0100',
		release: '2.0',
		support: { channel: '#oncall' },
		live: true,
		regions: ['eu', 'us'],
	};
	return {
		delimiters: defaultDelimiters,
		renderByDefault: true,
		forcedPages: [],
		variables: { extra, config: { site_name: 'Ops', extra }, ...extra },
		fromEnvironment: ['extra.token', 'token', 'config.extra.token'],
		...overrides,
	};
}

function render(
	text: string,
	options: { macros?: Partial<MacrosSettings>; includes?: Record<string, string> } = {},
) {
	const includes = Object.fromEntries(
		Object.entries(options.includes ?? {}).map(([name, body]) => [name, { text: body }]),
	);
	const mkdocs = inputsFromRecord({
		markdown: { macros: settings(options.macros) },
		snippets: {},
		includes,
		icons: {},
	});
	const out = rewriteAs(text, {
		dialect: 'mkdocs',
		path: 'runbooks/page.md',
		pages: new Set(),
		mkdocs,
	});
	// Notes stand on the rewritten lines, as findings do until the engine moves them to the file's.
	return {
		...out,
		notes: out.notes.map(
			(n) => `${sourceLineOf(n.line, out.origins)}:${n.column} ${n.severity} ${n.message}`,
		),
	};
}

describe('mkdocs-macros', () => {
	test('fills in variables from `extra:`, `config`, the front matter and `{% set %}`, with the filters it knows', () => {
		const out = render(
			'---\nowner: Dana\n---\n\n{{ team }} / {{ extra.support.channel }} / {{ config.site_name | upper }} / {{ owner }} / {{ page.meta.owner }} / {{ release }} / {{ live }}\n{% set region = "eu-west-2" %}{{ region ~ "-a" }} / {{ missing | default("none") }} / {{ regions[1] }}\n',
		);
		expect(out.text).toBe(
			'---\nowner: Dana\n---\n\nPlatform / #oncall / OPS / Dana / Dana / 2.0 / True\neu-west-2-a / none / us\n',
		);
		expect(out.notes).toEqual([]);
	});

	test('renders `{% include %}` of a template with the same variables, and keeps comments and raw text as MkDocs does', () => {
		const out = render(
			'Before.\n\n{% include "partials/escalate.md" %}\n\n{# retired step #}{% raw %}{{ left as written }}{% endraw %}\n',
			{ includes: { 'partials/escalate.md': '!!! danger\n    Page {{ support.channel }}.' } },
		);
		expect(out.text).toBe('Before.\n\n:::danger\nPage #oncall.\n:::\n{{ left as written }}\n');
		expect(out.notes).toEqual([]);
	});

	test('shows a notice for logic it does not run, and reports each construct once where it opens', () => {
		const out = render(
			'Intro.\n{% if tenant() == "nav" %}\nRestart nav.\n{% else %}\nRestart all.\n{% endif %}\nOpen {{ console_url("eu") }} and [the log]({{ log_url() }}).\n',
		);
		expect(out.text).toMatchInlineSnapshot(`
			"Intro.

			*(MkDocs macros: the part below applies if \`tenant() == "nav"\`)*

			Restart nav.

			*(MkDocs macros: the part below applies otherwise)*

			Restart all.

			*(MkDocs macros: end of the conditional part)*

			Open *(MkDocs macros: the macro \`console_url("eu")\` is not run here)* and [the log]().
			"
		`);
		expect(out.notes).toMatchInlineSnapshot(`
			[
			  "2:1 warning Unexpected template logic \`{% if tenant() == "nav" %}\`, expected Markdown: Waymark does not evaluate it and shows every part, each marked with when it applies",
			  "7:6 warning Unexpected MkDocs macro \`{{ console_url("eu") }}\`, expected a variable: Waymark never runs the site's macros and shows a notice in its place",
			  "7:44 warning Unexpected MkDocs macro \`{{ log_url() }}\`, expected a variable: Waymark never runs the site's macros and shows a notice in its place",
			]
		`);
	});

	test('says why a variable is missing: undefined, from the environment, or computed while MkDocs builds', () => {
		const out = render('{{ nope }} {{ token }} {{ git.short_commit }} {{ regions }}\n');
		expect(out.text).toBe(
			'*(MkDocs macros: `nope` is not defined)* *(MkDocs macros: `token` is set when the site is built)* *(MkDocs macros: `git.short_commit` is set when the site is built)* *(MkDocs macros: the value of `regions` is not shown here)*\n',
		);
		expect(out.notes.map((note) => note.split(', expected')[0])).toEqual([
			'1:1 warning Unexpected undefined variable `{{ nope }}`',
			'1:12 warning Unexpected `{{ token }}`',
			'1:24 warning Unexpected `{{ git.short_commit }}`',
			'1:47 warning Unexpected `{{ regions }}`',
		]);
	});

	test('fills variables in code too, as MkDocs does, and leaves there what it cannot fill, reported', () => {
		const out = render(
			'```sh\nssh {{ team | lower }}@bastion\nopen {{ url_for("x") }}\n```\n\nRun `{{ nope }}`.\n',
		);
		expect(out.text).toBe(
			'```sh\nssh platform@bastion\nopen {{ url_for("x") }}\n```\n\nRun `{{ nope }}`.\n',
		);
		expect(out.notes.map((note) => note.replace(/, expected.*\(in code/, ' … (in code'))).toEqual([
			'3:6 warning Unexpected MkDocs macro `{{ url_for("x") }}` … (in code, it is shown as written)',
			'6:6 warning Unexpected undefined variable `{{ nope }}` … (in code, it is shown as written)',
		]);
	});

	test('reads the custom delimiters the plugin is given, and leaves the default ones as text', () => {
		const out = render('Ask << team >>; Helm writes {{ .Values.name }}; <<tenant_url("x")>>.\n', {
			macros: { delimiters: { ...defaultDelimiters, variable: ['<<', '>>'] } },
		});
		expect(out.text).toBe(
			'Ask Platform; Helm writes {{ .Values.name }}; *(MkDocs macros: the macro `tenant_url("x")` is not run here)*.\n',
		);
	});

	test('renders a page only as `render_macros` and `render_by_default` say', () => {
		expect(render('---\nrender_macros: false\n---\n{{ team }}\n').text).toBe(
			'---\nrender_macros: false\n---\n{{ team }}\n',
		);
		expect(render('{{ team }}\n', { macros: { renderByDefault: false } }).text).toBe(
			'{{ team }}\n',
		);
		expect(
			render('---\nrender_macros: true\n---\n{{ team }}\n', { macros: { renderByDefault: false } })
				.text,
		).toBe('---\nrender_macros: true\n---\nPlatform\n');
		expect(
			render('{{ team }}\n', {
				macros: { renderByDefault: false, forcedPages: ['runbooks/page.md'] },
			}).text,
		).toBe('Platform\n');
	});

	test('reports a tag never closed as an error and shows the text as written', () => {
		const out = render('Intro {{ team\n\nNext.\n');
		expect(out.text).toBe('Intro {{ team\n\nNext.\n');
		expect(out.notes).toEqual([
			'1:7 error Unexpected `{{` never closed, expected `}}` after it: MkDocs shows a template error instead of this page, Waymark shows the text as written',
		]);
	});

	test('never reaches a JavaScript property or runs anything through a name', () => {
		const names = [
			'constructor',
			'__proto__',
			'toString',
			'valueOf',
			'config.__proto__',
			'team.constructor',
			'team.length',
			"''.__class__",
			'range(3)',
			'lipsum()',
			'cycler',
			'process.env',
			'globalThis',
			'config["constructor"]',
		];
		for (const name of names) {
			const out = render(`{{ ${name} }}\n`);
			expect(out.text, name).toMatch(
				/^\*\(MkDocs macros: .* (is not defined|is not run here|is set when the site is built)\)\*\n$/,
			);
			expect(out.text, name).not.toMatch(/function|\[object|native code/);
		}
	});

	test('stops a page whose includes multiply at its budget, with a notice', () => {
		const includes = Object.fromEntries(
			Array.from({ length: 8 }, (_, level) => [
				`l${level}.md`,
				`${'x'.repeat(2000)}\n${`{% include "l${level + 1}.md" %}\n`.repeat(10)}`,
			]),
		);
		const out = render('{% include "l0.md" %}\n', { includes: { ...includes, 'l8.md': 'end' } });
		expect(out.text.length).toBeLessThan(5 * 1024 * 1024);
		expect(out.notes.some((note) => note.includes('MB of templates one page may include'))).toBe(
			true,
		);
	});

	test('maps the lines an include adds back to the include', () => {
		const out = render('A\n{% include "three.md" %}\nB\n', { includes: { 'three.md': 'x\ny\nz' } });
		expect(
			out.text.split('\n').map((line, i) => `${sourceLineOf(i + 1, out.origins)} ${line}`),
		).toEqual(['1 A', '2 x', '2 y', '2 z', '3 B', '4 ']);
	});
});

describe('mkdocs-macros on generated pages', () => {
	const fragments = [
		'{{ team }}',
		'{{ nope }}',
		'{{ token }}',
		'{{ f(1) }}',
		'{{ team | upper }}',
		'{{ team | unknown_filter }}',
		'{% if x %}',
		'{% elif y %}',
		'{% else %}',
		'{% endif %}',
		'{% for r in regions %}',
		'{% endfor %}',
		'{# note #}',
		'{% set k = "v" %}',
		'{{ k }}',
		'{% include "p.md" %}',
		'{% include "gone.md" %}',
		'{% import "m.j2" as m %}',
		'{% macro m() %}body{% endmacro %}',
		'{% call m() %}x{% endcall %}',
		'{% with a = 1 %}',
		'word',
		'two words',
		'\n',
		'\n\n',
		'`code {{ team }}`',
		'[link]({{ url() }})',
		'- item {{ team }}',
		'    indented {{ nope }}',
	];
	const random = seededRandom(3);
	const pages = Array.from({ length: 80 }, () =>
		Array.from(
			{ length: 5 + pick(random, 25) },
			() => fragments[pick(random, fragments.length)],
		).join(' '),
	);

	test.each(pages.map((page, i) => [i + 1, page]))(
		'page %i: no template syntax is left in the prose, and every line maps to a page line',
		(_, page) => {
			const text = `# Page\n\n${page}\n`;
			const out = render(text, { includes: { 'p.md': 'From the partial: {{ team }} {% if z %}' } });
			const lines = out.text.split('\n');
			const code = literalLines(lines, { frontmatter: false });
			const prose = lines
				.map((line, i) => (code[i] ? '' : maskInlineCode(line)).replace(/`[^`]*`/g, ''))
				.join('\n');
			expect(prose).not.toMatch(/\{\{|\{%|\{#|%\}|#\}/);
			const origins = lines.map((_, i) => sourceLineOf(i + 1, out.origins));
			expect(
				origins.every(
					(origin, i) =>
						origin >= 1 &&
						origin <= text.split('\n').length &&
						(i === 0 || origin >= (origins[i - 1] ?? 0)),
				),
			).toBe(true);
		},
	);
});

// A filter's or a tag's name is the page's word: one that names a property every object has reads
// as any unknown name does (a notice), never as the property (`[object Undefined]`, a throw, or a
// block that silences the rest of the page).
test.each(['toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty'])(
	'`%s` as a filter or a tag reads as an unknown one',
	(name) => {
		const page = (word: string) =>
			`# Page\n\nTeam: {{ team | ${word} }}.\n\n{% ${word} %}\n\nThe rest of the page.\n`;
		const unknown = render(page('nosuchname'));
		const inherited = render(page(name));
		expect(inherited.text).toBe(unknown.text.replaceAll('nosuchname', name));
		expect(inherited.text).toContain('The rest of the page.');
	},
);

import '../../helpers/load-tools.ts';
import { describe, expect, test } from 'vitest';
import { parsePage } from '../../../tree/parse-page.ts';
import { sourceLineOf } from '../../../tools/syntax/line-origins.ts';
import { rewriteAs, testReading } from '../../helpers/tool-reading.ts';

/** A Jekyll site's data as `read` gives it: the config's values, just-the-docs' callouts, `_includes/`. */
const data = {
	baseurl: '/ops',
	rootInSite: '',
	site: { title: 'Ops Runbooks', 'support.email': 'ops@example.com' },
	callouts: {
		warning: { title: 'Warning', color: 'red' },
		caveat: { title: 'Caveat', color: 'yellow' },
	},
	includes: {
		'note.md': '**Note:** {{ include.content }}\n',
		'two.html': '<p>first</p>\n{% include note.md content="inner" %}\n',
	},
	withIndex: [''],
	permalinks: {},
	urls: {},
	defaults: [
		{ path: '', values: { sw_version: '11.5.0' } },
		{ path: 'docs', values: { sw_version: '12.0.0', layout: 'page' } },
	],
};
const pages = new Set([
	'index.md',
	'docs/a.md',
	'runbooks/restart.md',
	'_posts/2024-01-02-outage.md',
]);
const rewrite = (text: string, path = 'docs/a.md') =>
	rewriteAs(text, { dialect: 'jekyll', data, path, pages });

describe('Liquid', () => {
	test('fills in site and page values, and leaves baseurl out of URLs', () => {
		const out = rewrite(
			'---\ntitle: Restart\n---\n\n# {{ page.title }}\n\n![logo]({{ site.baseurl }}/images/logo.png) for {{ site.title }}, {{ site.support.email }}.\n[home]({{ "/" | relative_url }}) [x]({{ site.url }}{{ site.baseurl }}/x.html)\n',
		);
		expect(out.text).toBe(
			'---\ntitle: Restart\n---\n\n# Restart\n\n![logo](/images/logo.png) for Ops Runbooks, ops@example.com.\n[home](/) [x](/x.html)\n',
		);
		expect(out.notes).toEqual([]);
	});

	test('reads the front matter handed apart from the text, as the site hands it', () => {
		expect(
			rewriteAs('# {{ page.title | upcase }}\n', {
				dialect: 'jekyll',
				data,
				path: 'a.md',
				pages,
				frontmatter: { title: 'Restart' },
			}).text,
		).toBe('# RESTART\n');
	});

	test("writes {% link %} and {% post_url %} as links from the site's top, link reference definitions too", () => {
		const out = rewrite(
			'See [restart]({% link runbooks/restart.md %}) and [the outage]({% post_url 2024-01-02-outage %}).\n\n[ref]: {% link index.md %}\n[other]: {{ site.baseurl }}/docs/a.html\n',
		);
		expect(out.text).toBe(
			'See [restart](/runbooks/restart.md) and [the outage](/_posts/2024-01-02-outage.md).\n\n[ref]: /index.md\n[other]: /docs/a.html\n',
		);
		expect(out.notes).toEqual([]);
	});

	test("pastes includes in with their parameters, nested ones too, their lines from the include's line", () => {
		const out = rewrite('# A\n\n{% include two.html %}\n\nAfter.\n');
		expect(out.text).toBe('# A\n\n<p>first</p>\n**Note:** inner\n\nAfter.\n');
		expect(out.origins).toEqual([1, 2, 3, 3, 4, 5, 6]);
	});

	test('shows a missing include as a notice, and warns at its line', () => {
		const out = rewrite('# A\n\n{% include footer.html %}\n');
		expect(out.text).toBe('# A\n\n*(Include “footer.html” is not shown here)*\n');
		expect(out.notes.map((note) => [note.line, note.column, note.severity])).toEqual([
			[3, 1, 'warning'],
		]);
	});

	// Includes three deep, each pasting the next `fan` times, grow as fan³ (a billion lines from three
	// files of a thousand): what includes add to one page is bounded by the tree's share, and each
	// include past it is a notice with a warning at the page's line, for every fan-out and size.
	test.each([
		[10, 100],
		[40, 2_000],
		[200, 20],
		[1_000, 5],
	])(
		'includes that paste each other %i times, of %i characters each, stop at the page budget with a notice',
		(fan, size) => {
			const filler = `${'x'.repeat(size)}\n`;
			const includes = {
				'a.md': `${filler}${'{% include b.md %}\n'.repeat(fan)}`,
				'b.md': `${filler}${'{% include c.md %}\n'.repeat(fan)}`,
				'c.md': filler.repeat(fan),
			};
			const budget = 64 * 1024;
			const out = rewriteAs(`# A\n\n${'{% include a.md %}\n'.repeat(fan)}After.\n`, {
				dialect: 'jekyll',
				data: { ...data, includes, includeBudget: budget },
				path: 'docs/a.md',
				pages,
			});
			const unbounded =
				fan *
				(includes['a.md'].length + fan * (includes['b.md'].length + fan * includes['c.md'].length));
			// The budget, and a notice for each include line pasted within it (an include line is shorter than its notice).
			expect(out.text.length).toBeLessThan(Math.min(unbounded, 4 * budget) + 64 * fan + 1000);
			expect(out.text.endsWith('After.\n')).toBe(true);
			const past = out.notes.filter((note) =>
				note.message.includes('past 64 KB of included files'),
			);
			expect(past.length > 0).toBe(unbounded > budget);
			// One warning at most for each line of the page that holds an include, at that line.
			const pageLines = past.map((note) => sourceLineOf(note.line, out.origins));
			expect(new Set(pageLines).size).toBe(pageLines.length);
			for (const line of pageLines) expect(line >= 3 && line < 3 + fan, String(line)).toBe(true);
		},
	);

	// Each pasted line carries the include's indentation: a file of blank lines, included indented,
	// grows by the indentation times its lines, which the budget counts.
	test('counts the indentation an include puts before each of its lines', () => {
		const out = rewriteAs(
			`# A\n\n${'                {% include blank.md %}\n'.repeat(40)}After.\n`,
			{
				dialect: 'jekyll',
				data: { ...data, includes: { 'blank.md': '\n'.repeat(4_000) }, includeBudget: 64 * 1024 },
				path: 'docs/a.md',
				pages,
			},
		);
		expect(out.text.length).toBeLessThan(2 * 64 * 1024);
		expect(out.notes.filter((note) => note.message.includes('past 64 KB'))).not.toHaveLength(0);
	});

	test('shows {% raw %} as written, and {% highlight %} as fenced code', () => {
		const out = rewrite(
			'{% raw %}\nUse {{ value }} and `{{ code }}`.\n{% endraw %}\n{% highlight bash %}\necho {{ x }}\n{% endhighlight %}\n',
		);
		expect(out.text).toBe(
			'\nUse &#123;{ value }} and `{{ code }}`.\n\n```bash\necho {{ x }}\n```\n',
		);
		expect(out.notes).toEqual([]);
	});

	test('leaves a comment out, as Jekyll shows none of it', () => {
		expect(rewrite('A\n{% comment %}\nhidden {{ x }}\n{% endcomment %}\nB\n').text).toBe(
			'A\n\n\n\nB\n',
		);
	});

	test('keeps what a block Jekyll would run holds, under a notice and a warning, its branches left out', () => {
		const out = rewrite(
			'{% if site.staging %}\nStaging steps.\n{% else %}\nProduction steps.\n{% endif %}\n',
		);
		expect(out.text).toBe(
			'*(Liquid “if” is not shown here)*\nStaging steps.\n\nProduction steps.\n\n',
		);
		expect(out.notes.map((note) => [note.line, note.severity])).toEqual([[1, 'warning']]);
		expect(out.notes[0]!.message).toMatch(
			/^Unexpected Liquid tag `\{% if site\.staging %\}`, expected Markdown/,
		);
	});

	test('shows a value only Jekyll knows as a notice, and leaves it out of a URL', () => {
		const out = rewrite('Pages: {{ site.pages | size }}.\n![x]({{ site.github.url }}/a.png)\n');
		expect(out.text).toBe(
			'Pages: *(Liquid value “site.pages | size” is not shown here)*.\n![x](/a.png)\n',
		);
		expect(out.notes.map((note) => [note.line, note.column])).toEqual([
			[1, 8],
			[2, 6],
		]);
	});

	test("reads `defaults` of the config for the page's values, the nearest scope last, and fills values in code as Liquid runs first", () => {
		expect(
			rewrite(
				'Install {{ page.sw_version }}.\n\n    dnf install xdmod-{{ page.sw_version }}.rpm\n```\n{{ page.sw_version }} {{ .Values.x }}\n```\n',
			).text,
		).toBe(
			'Install 12.0.0.\n\n    dnf install xdmod-12.0.0.rpm\n```\n12.0.0 {{ .Values.x }}\n```\n',
		);
		expect(rewrite('{{ page.sw_version }}\n', 'index.md').text).toBe('11.5.0\n');
	});

	test('reads a value split over two lines', () => {
		expect(
			rewrite('[release](https://example.com/tag/v{{\npage.sw_version }}) and more\n').text,
		).toBe('[release](https://example.com/tag/v12.0.0\n) and more\n');
	});

	test("writes a GitBook hint as the site's callout", () => {
		expect(rewrite('{% hint style="warning" %}\nDrain the node first.\n{% endhint %}\n').text).toBe(
			':::warning\nDrain the node first.\n:::\n',
		);
	});
});

describe('kramdown', () => {
	test('leaves styling attribute lists out, inline ones too, and gives a heading its id', () => {
		const out = rewrite(
			'# Runbook\n{: .no_toc }\n\n## Before you start\n{: #before }\n\n[Go](/x){: .btn .btn-primary } Stable{: .label .label-green }\n',
		);
		expect(out.text).toBe('# Runbook\n\n\n## Before you start {#before}\n\n\n[Go](/x) Stable\n');
		expect(out.notes).toEqual([]);
	});

	test('writes {:toc} as the table of contents, the <details> around it too', () => {
		const out = rewrite(
			'# A\n\n<details open markdown="block">\n  <summary>\n    Table of contents\n  </summary>\n  {: .text-delta }\n1. TOC\n{:toc}\n</details>\n\n## B\n',
		);
		expect(out.text).toBe('# A\n\n\n\n\n\n\n\n::toc\n\n\n## B\n');
	});

	test('leaves {::options} and {::comment} out', () => {
		expect(
			rewrite('{::options parse_block_html="true" /}\nA\n{::comment}\nhidden\n{:/comment}\nB\n')
				.text,
		).toBe('\nA\n\n\n\nB\n');
	});

	test("writes a just-the-docs callout as the site's, before or after its block, with its title", () => {
		const out = rewrite(
			'# A\n\n{: .warning }\nDrain first.\n\nThen this.\n{: .caveat }\n\n> Custom title\n> Body.\n{: .warning-title }\n',
		);
		// A class the site's callouts have keeps its name; another takes its colour's (`caveat`, yellow: a warning).
		expect(out.text).toBe(
			'# A\n\n\n:::warning[Warning]\nDrain first.\n:::\n\n:::warning[Caveat]\nThen this.\n:::\n\n\n:::warning[Custom title]\n\nBody.\n:::\n\n',
		);
		expect(out.origins?.length).toBe(out.text.split('\n').length);
		const parsed = parsePage('docs/a.md', '# A\n\n{: .caveat }\nDrain first.\n', {
			tool: testReading({ dialect: 'jekyll', data }),
		});
		expect(
			parsed.tree.children.map((node) => [node.type, (node as { name?: string }).name]),
		).toEqual([
			['heading', undefined],
			['containerDirective', 'warning'],
		]);
	});

	test('shows an attribute list of a class it does not know as a notice, with a warning', () => {
		const out = rewrite('Text.\n{: .frobnicate }\n');
		expect(out.text).toBe('Text.\n*(Attribute list “.frobnicate” is not shown here)*\n');
		expect(out.notes.map((note) => note.line)).toEqual([2]);
	});

	test('leaves code alone but for the values Liquid fills in first', () => {
		const text =
			'```liquid\n{{ site.title }} {% include x.html %} {{ site.pages }}\n{: .no_toc }\n```\n\n`{{ site.title }} {% if x %} {{ site.pages }}`\n';
		expect(rewrite(text).text).toBe(text.replaceAll('{{ site.title }}', 'Ops Runbooks'));
		expect(rewrite(text).notes).toEqual([]);
	});
});

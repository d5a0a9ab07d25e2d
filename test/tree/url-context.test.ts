import '../helpers/load-tools.ts';
import { describe, expect, test } from 'vitest';
import { inputsFromRecord, type MacrosSettings } from '../../tools/mkdocs/settings.ts';
import { inUrlContext } from '../../tools/syntax/url-context.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

// A tag the page cannot show (an MkDocs macro, a Hugo shortcode) becomes a notice in the prose:
// emphasised words, spaces and all. Written where a URL is, a notice broke what held it: a link
// reference definition with a space in its URL is a paragraph, and every definition after it with
// it (trivy's `[g]: https://…/{{ git.tag }}/guide`: seven undefined references, the definitions
// shown as text). Every URL context × every kind of tag: the URL keeps its place, no notice is in it.

const macros: MacrosSettings = {
	delimiters: { variable: ['{{', '}}'], block: ['{%', '%}'], comment: ['{#', '#}'] },
	renderByDefault: true,
	forcedPages: [],
	variables: {},
	fromEnvironment: [],
};
const mkdocs = inputsFromRecord({ markdown: { macros }, snippets: {}, includes: {}, icons: {} });

const tags = {
	mkdocs: [
		'{{ git.tag }}',
		'{{ release_version }}',
		'{{ download_url("linux") }}',
		'{% if beta %}',
	],
	hugo: ['{{< version >}}', '{{% latest-release %}}', '{{< param "unknownParam" >}}'],
};

/** Where a URL is written, with the tag `T` in it; each defines or links `[go]`. */
const contexts = [
	(t: string) =>
		`See [go](https://dl.example.invalid/${t}/guide) and [go][].\n\n[go]: https://dl.example.invalid/go`,
	(t: string) => `See ![go](/img/${t}/flow.png) now.\n\n[go]: https://dl.example.invalid/go`,
	(t: string) => `See [go][] now.\n\n[go]: https://dl.example.invalid/${t}/guide`,
	(t: string) => `See [go][] now.\n\n[go]: <https://dl.example.invalid/${t}/guide> "Download"`,
	(t: string) => `See [go][] now.\n\n> [go]: https://dl.example.invalid/${t}/guide`,
	(t: string) => `See [go][] now.\n\n   [Go]: https://dl.example.invalid/${t}/guide`,
	(t: string) =>
		`See <https://dl.example.invalid/${t}/guide> and [go][].\n\n[go]: https://dl.example.invalid/go`,
	(t: string) =>
		`See <a href="https://dl.example.invalid/${t}/guide">go</a> and [go][].\n\n[go]: https://dl.example.invalid/go`,
	(t: string) =>
		`See https://dl.example.invalid/${t}/guide and [go][].\n\n[go]: https://dl.example.invalid/go`,
];

describe.each(Object.entries(tags))('%s tags where a URL is written', (dialect, written) => {
	test.each(
		contexts.flatMap((context, n) => written.map((tag) => [n + 1, tag, context(tag)] as const)),
	)('context %i with %s: every reference defined, no notice in a URL', (_n, _tag, line) => {
		const text = `# Downloads\n\n${line}\n\n[after]: https://dl.example.invalid/after\n\nAnd [after][].\n`;
		const page = parsePage('downloads.md', text, {
			dialect,
			...(dialect === 'mkdocs' && { inputs: mkdocs }),
		});
		const defined = new Set(page.definitions.map((d) => d.identifier));
		expect(
			page.references.filter((r) => !defined.has(r.identifier)).map((r) => r.identifier),
			page.text,
		).toEqual([]);
		expect([...defined].sort(), page.text).toEqual(['after', 'go']);
		for (const url of [...page.definitions.map((d) => d.url), ...page.links.map((l) => l.url)])
			expect(url, page.text).not.toMatch(/\s|\*|\(/);
		expect(page.text).toContain('[after]: https://dl.example.invalid/after');
	});
});

// A Kibana or Grafana link carries its whole state in the URL, hundreds or thousands of characters
// before the tag: looking back only 200 characters, the tag was taken as prose and its notice put
// in the definition again. Generated URLs of such lengths, in each context that holds a URL.
test.each(Array.from({ length: 24 }, (_, n) => n))(
	'generated long URL %i: the tag in it leaves no notice, every reference defined',
	(n) => {
		const random = seededRandom(4100 + n);
		const state = Array.from(
			{ length: 8 + Math.floor(random() * 120) },
			(_, i) => `(k${i}:'v${Math.floor(random() * 1e6)}')`,
		).join(',');
		const url = `https://kibana.example.invalid/app/discover#/?_g=(filters:!(),time:(from:now-1h,to:now))&_a=(${state})&cluster={{< cluster >}}&x=1`;
		const context = contexts[[0, 2, 3, 4, 8][n % 5] as number] as (t: string) => string;
		const line = context('').replace(/https:\/\/dl\.example\.invalid\/\/guide/, url);
		expect(line, 'the context holds the URL').toContain('{{< cluster >}}');
		const text = `# Logs\n\n${line}\n\n[after]: https://dl.example.invalid/after\n\nAnd [after][].\n`;
		const page = parsePage('logs.md', text, { dialect: 'hugo' });
		expect(page.text).not.toContain('Hugo shortcode');
		const defined = new Set(page.definitions.map((d) => d.identifier));
		expect(
			page.references.filter((r) => !defined.has(r.identifier)).map((r) => r.identifier),
			page.text,
		).toEqual([]);
		for (const found of [...page.definitions.map((d) => d.url), ...page.links.map((l) => l.url)])
			expect(found).not.toMatch(/\s|\*|\(Hugo/);
	},
);

// `<` in prose is not a tag: `latency <p99 {{< x >}}` is a sentence, where the tag's notice belongs.
// And inside a tag, only an attribute's value is where a URL is written.
test.each([
	['latency <p99 ', false],
	['latency <p99 is ', false],
	['when x <y and ', false],
	['a <b c ', false],
	['5 < 6 and ', false],
	['<a href="https://dl.example.invalid/', true],
	["<img alt='x' src='/img/", true],
	['<img class=wide src=/img/', true],
	['<a\n', false],
	['<https://dl.example.invalid/', true],
	['<mailto:', true],
] as const)('after %j: a URL context is %s', (before, expected) => {
	expect(inUrlContext(`${before}{{< x >}}`, before.length)).toBe(expected);
});

test('a notice in prose after `<p99` stands in the page', () => {
	const page = parsePage('slo.md', '# SLO\n\nThe latency <p99 {{< slo-target >}} holds.\n', {
		dialect: 'hugo',
	});
	expect(page.text).toContain(
		'The latency <p99 *(Hugo shortcode “slo-target” is not shown here)* holds.',
	);
});

import { describe, expect, test } from 'vitest';
import { inputsFromRecord, type MacrosSettings } from '../../src/lib/dialect-source/mkdocs-settings.ts';
import { parsePage } from '../../tree/parse-page.ts';

// A tag the page cannot show (an MkDocs macro, a Hugo shortcode) becomes a notice in the prose:
// emphasised words, spaces and all. Written where a URL is, a notice broke what held it: a link
// reference definition with a space in its URL is a paragraph, and every definition after it with
// it (trivy's `[g]: https://…/{{ git.tag }}/guide`: seven undefined references, the definitions
// shown as text). Every URL context × every kind of tag: the URL keeps its place, no notice is in it.

const macros: MacrosSettings = { delimiters: { variable: ['{{', '}}'], block: ['{%', '%}'], comment: ['{#', '#}'] }, renderByDefault: true, forcedPages: [], variables: {}, fromEnvironment: [] };
const mkdocs = inputsFromRecord({ markdown: { macros }, snippets: {}, includes: {}, icons: {} });

const tags = {
	mkdocs: ['{{ git.tag }}', '{{ release_version }}', '{{ download_url("linux") }}', '{% if beta %}'],
	hugo: ['{{< version >}}', '{{% latest-release %}}', '{{< param "unknownParam" >}}'],
};

/** Where a URL is written, with the tag `T` in it; each defines or links `[go]`. */
const contexts = [
	(t: string) => `See [go](https://dl.example.invalid/${t}/guide) and [go][].\n\n[go]: https://dl.example.invalid/go`,
	(t: string) => `See ![go](/img/${t}/flow.png) now.\n\n[go]: https://dl.example.invalid/go`,
	(t: string) => `See [go][] now.\n\n[go]: https://dl.example.invalid/${t}/guide`,
	(t: string) => `See [go][] now.\n\n[go]: <https://dl.example.invalid/${t}/guide> "Download"`,
	(t: string) => `See [go][] now.\n\n> [go]: https://dl.example.invalid/${t}/guide`,
	(t: string) => `See [go][] now.\n\n   [Go]: https://dl.example.invalid/${t}/guide`,
	(t: string) => `See <https://dl.example.invalid/${t}/guide> and [go][].\n\n[go]: https://dl.example.invalid/go`,
	(t: string) => `See <a href="https://dl.example.invalid/${t}/guide">go</a> and [go][].\n\n[go]: https://dl.example.invalid/go`,
	(t: string) => `See https://dl.example.invalid/${t}/guide and [go][].\n\n[go]: https://dl.example.invalid/go`,
];

describe.each(Object.entries(tags))('%s tags where a URL is written', (dialect, written) => {
	test.each(contexts.flatMap((context, n) => written.map((tag) => [n + 1, tag, context(tag)] as const)))('context %i with %s: every reference defined, no notice in a URL', (_n, _tag, line) => {
		const text = `# Downloads\n\n${line}\n\n[after]: https://dl.example.invalid/after\n\nAnd [after][].\n`;
		const page = parsePage('downloads.md', text, { dialect: dialect as 'mkdocs' | 'hugo', ...(dialect === 'mkdocs' && { mkdocs }) });
		const defined = new Set(page.definitions.map((d) => d.identifier));
		expect(page.references.filter((r) => !defined.has(r.identifier)).map((r) => r.identifier), page.text).toEqual([]);
		expect([...defined].sort(), page.text).toEqual(['after', 'go']);
		for (const url of [...page.definitions.map((d) => d.url), ...page.links.map((l) => l.url)]) expect(url, page.text).not.toMatch(/\s|\*|\(/);
		expect(page.text).toContain('[after]: https://dl.example.invalid/after');
	});
});

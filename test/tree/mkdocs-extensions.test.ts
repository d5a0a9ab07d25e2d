import { expect, test } from 'vitest';
import { readMkdocsMarkdown } from '../../tools/mkdocs/markdown.ts';

// Which Python-Markdown extensions a `mkdocs.yml` enables, however it names them: generated over
// every extension Waymark models, every name it goes by (its short name, its module path, and the
// `extra` bundles that hold it: Python-Markdown's and pymdown's) and every way `markdown_extensions`
// lists one. Found by the corpus: PagerDuty's incident-response docs enable `attr_list` through
// `pymdownx.extra`, and 18 pages showed `{:target="_blank"}` as text.

const modelled = {
	abbr: 'abbr',
	attr_list: 'attrList',
	def_list: 'defList',
	footnotes: 'footnotes',
} as const;
type Extension = keyof typeof modelled;
const namesOf = (extension: Extension) => [
	extension,
	`markdown.extensions.${extension}`,
	'extra',
	'markdown.extensions.extra',
	'pymdownx.extra',
];
const listings: Record<string, (name: string) => unknown> = {
	'a name in a list': (name) => ['toc', name],
	'a mapping in a list': (name) => [{ toc: { permalink: true } }, { [name]: {} }],
	'a mapping with options': (name) => [{ [name]: { some_option: true } }],
	'one mapping': (name) => ({ toc: null, [name]: null }),
};

const cases = (Object.keys(modelled) as Extension[]).flatMap((extension) =>
	namesOf(extension).flatMap((name) =>
		Object.keys(listings).map((listing) => ({ extension, name, listing })),
	),
);

test.each(cases)('$name enables $extension, listed as $listing', ({ extension, name, listing }) => {
	const extensions = (listings[listing] as (name: string) => unknown)(name);
	const markdown = readMkdocsMarkdown(
		{ data: { markdown_extensions: extensions }, fromEnvironment: [] },
		'/project',
		'/project/docs',
	);
	expect(markdown[modelled[extension]]).toBe(true);
	// What it does not hold stays off: a bundle enables them all, a single extension itself alone.
	const others = (Object.keys(modelled) as Extension[]).filter((other) => other !== extension);
	for (const other of others)
		expect(markdown[modelled[other]], other).toBe(name.endsWith('extra') ? true : undefined);
});

test.each(Object.keys(modelled) as Extension[])(
	'%s stays off when listed with `enabled: false`, or not listed',
	(extension) => {
		for (const extensions of [
			[{ [extension]: { enabled: false } }],
			['toc', 'admonition', 'tables'],
			undefined,
		]) {
			expect(
				readMkdocsMarkdown(
					{ data: { markdown_extensions: extensions }, fromEnvironment: [] },
					'/project',
					'/project/docs',
				)[modelled[extension]],
			).toBeUndefined();
		}
	},
);

test.each([
	{ plugins: ['search', 'include-markdown'], expected: { ownsInclude: true } },
	{ plugins: [{ 'include-markdown': { encoding: 'utf-8' } }], expected: { ownsInclude: true } },
	{ plugins: ['include-markdown', 'macros'], expected: { ownsInclude: true } },
	{ plugins: ['macros', 'include-markdown'], expected: { ownsInclude: false } },
	{ plugins: { macros: {}, 'include-markdown': {} }, expected: { ownsInclude: false } },
	{ plugins: [{ 'include-markdown': { enabled: false } }], expected: undefined },
	{ plugins: ['search'], expected: undefined },
])('the include-markdown plugin in $plugins: $expected', ({ plugins, expected }) => {
	const settings = readMkdocsMarkdown(
		{ data: { plugins }, fromEnvironment: [] },
		'/project',
		'/project/docs',
	).includeMarkdown;
	if (expected) expect(settings).toMatchObject(expected);
	else expect(settings).toBeUndefined();
});

test("the include-markdown plugin's own settings: its tags, its directives' names and its defaults", () => {
	const plugins = [
		{
			'include-markdown': {
				opening_tag: '{!',
				closing_tag: '!}',
				directives: { 'include-markdown': 'embed' },
				rewrite_relative_urls: false,
				heading_offset: 1,
				encoding: 'utf-8',
			},
		},
	];
	expect(
		readMkdocsMarkdown({ data: { plugins }, fromEnvironment: [] }, '/project', '/project/docs')
			.includeMarkdown,
	).toEqual({
		ownsInclude: true,
		opening: '{!',
		closing: '!}',
		names: { 'include-markdown': 'embed', include: 'include' },
		defaults: { 'rewrite-relative-urls': 'false', 'heading-offset': '1' },
	});
});

import { bundledLanguagesInfo, createHighlighter } from 'shiki';
import { expect, test } from 'vitest';
import {
	codeThemeNames,
	codeThemes,
	colourPairs,
	compactCodeColours,
	darkColourOf,
} from '../../markdown/code-colours.ts';

// The site's code blocks are tokenized once, with the light theme, and given the dark colours by
// the themes' pairing (`darkColourOf`). Held here to what Shiki writes when it tokenizes for each
// theme, on every language Shiki bundles, with code made up from pieces most grammars colour:
// keywords, strings, comments of each family, numbers, markup, escapes, operators, indentation.

const pieces = [
	'if',
	'else',
	'for',
	'return',
	'function',
	'def',
	'class',
	'let',
	'const',
	'SELECT',
	'FROM',
	'import',
	'true',
	'null',
	'self',
	'"a string"',
	"'single'",
	'`tick ${x}`',
	'"esc\\n\\t"',
	'# comment',
	'// comment',
	'/* block */',
	'-- dash',
	'; semi',
	'<!-- html -->',
	'42',
	'3.14',
	'0xff',
	'1e9',
	'<tag attr="v">',
	'</tag>',
	'{',
	'}',
	'(',
	')',
	'[',
	']',
	'=',
	'==',
	'=>',
	'->',
	'::',
	'$VAR',
	'@decorator',
	'**bold**',
	'*em*',
	'`code`',
	'- item',
	'| cell |',
	'\\\\',
	'TODO',
	'foo.bar(baz)',
	'key: value',
	'%s',
	'!important',
	'\t',
	'    ',
];

/** Deterministic snippets: a seeded generator picks pieces, with newlines between some. */
function snippets(seed: number, count: number): string[] {
	let state = seed;
	const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
	return Array.from({ length: count }, () => {
		const parts: string[] = [];
		for (let n = 0; n < 40; n++)
			parts.push(pieces[Math.floor(next() * pieces.length)] as string, next() < 0.2 ? '\n' : ' ');
		return parts.join('');
	});
}

// Shiki itself, with the site's themes as Astro gives them, and no time limit per line: under load
// a long generated line of a slow grammar (emacs-lisp) passed Shiki's 500 ms and was left
// uncoloured on one side only.
const shiki = await createHighlighter({ themes: [codeThemes.light, codeThemes.dark], langs: [] });
const highlighter = {
	async codeToHast(
		code: string,
		lang: string,
		options: { defaultColor: false; transformers: Array<typeof compactCodeColours> },
	) {
		await shiki.loadLanguage(lang as Parameters<typeof shiki.loadLanguage>[0]);
		return shiki.codeToHast(code, {
			lang,
			themes: { ...codeThemeNames },
			tokenizeTimeLimit: 0,
			...options,
		});
	},
};
/** The same transformer without its one-tokenization hooks: Shiki tokenizes for each theme. */
const perTheme: typeof compactCodeColours = Object.fromEntries(
	Object.entries(compactCodeColours).filter(([hook]) => hook !== 'preprocess' && hook !== 'tokens'),
);
const languages = bundledLanguagesInfo.map((info) => info.id);

test('the two site themes pair their colours, so one tokenization serves both', () => {
	expect(darkColourOf).toBeDefined();
	expect(
		darkColourOf?.get(String(codeThemes.light.colors?.['editor.foreground']).toUpperCase()),
	).toBe(String(codeThemes.dark.colors?.['editor.foreground']).toUpperCase());
});

test('does not pair themes whose rules differ, or whose light colour stands for two dark ones', () => {
	const { light, dark } = codeThemes;
	const rules = dark.tokenColors ?? [];
	const changed = (index: number, rule: (typeof rules)[number]) => ({
		...dark,
		tokenColors: rules.map((r, n) => (n === index ? rule : r)),
	});
	const first = rules[0] as (typeof rules)[number];
	expect(colourPairs(light, dark)).toBeDefined();
	expect(colourPairs(light, { ...dark, tokenColors: rules.slice(1) })).toBeUndefined();
	expect(colourPairs(light, changed(0, { ...first, scope: 'comment.line' }))).toBeUndefined();
	expect(
		colourPairs(
			light,
			changed(0, { ...first, settings: { ...first.settings, fontStyle: 'italic' } }),
		),
	).toBeUndefined();
	// Light's first two rules differ in colour; give light one colour for both, dark keeps two.
	const lightRules = light.tokenColors ?? [];
	const second = lightRules[1] as (typeof lightRules)[number];
	const firstColour = String(lightRules[0]?.settings.foreground);
	const same = {
		...light,
		tokenColors: lightRules.map((r, n) =>
			n === 1 ? { ...second, settings: { ...second.settings, foreground: firstColour } } : r,
		),
	};
	expect(colourPairs(same, dark)).toBeUndefined();
	// A rule with a background on one side only, or a light style standing for two dark ones.
	const plain = rules.findIndex((rule) => rule.settings.background === undefined);
	const plainRule = rules[plain] as (typeof rules)[number];
	expect(
		colourPairs(
			light,
			changed(plain, { ...plainRule, settings: { ...plainRule.settings, background: '#ff0000' } }),
		),
	).toBeUndefined();
});

test.each([['light'], ['light-dark()'], [undefined]] as const)(
	'with defaultColor %s, two passes as before',
	async (defaultColor) => {
		const code = 'kubectl -n erp rollout restart deploy/erp # restart';
		tokenizedWith.length = 0;
		const options = {
			lang: 'bash',
			themes: { ...codeThemeNames },
			tokenizeTimeLimit: 0,
			...(defaultColor && { defaultColor }),
		};
		await shiki.loadLanguage('bash');
		const once = shiki.codeToHast(code, {
			...options,
			transformers: [compactCodeColours, themeCount],
		});
		expect(tokenizedWith).toEqual([2]);
		expect(once).toEqual(shiki.codeToHast(code, { ...options, transformers: [perTheme] }));
	},
);

/** Records how many themes each block was tokenized with. */
const tokenizedWith: number[] = [];
const themeCount: typeof compactCodeColours = {
	name: 'test:theme-count',
	tokens() {
		tokenizedWith.push('themes' in this.options ? Object.keys(this.options.themes).length : 1);
	},
};

test.each(languages)('%s: the same HTML as Shiki tokenizing for each theme', async (lang) => {
	for (const code of [
		...snippets(lang.length * 7919 + lang.charCodeAt(0), 3),
		'plain words only',
		'',
	]) {
		tokenizedWith.length = 0;
		const once = await highlighter.codeToHast(code, lang, {
			defaultColor: false,
			transformers: [compactCodeColours, themeCount],
		});
		expect(tokenizedWith).toEqual([lang === 'ansi' ? 2 : 1]);
		const twice = await highlighter.codeToHast(code, lang, {
			defaultColor: false,
			transformers: [perTheme],
		});
		expect(once).toEqual(twice);
	}
});

test('ANSI output is coloured by each theme, as before', async () => {
	const code = '\u001b[31mred\u001b[0m \u001b[1;32mbold green\u001b[0m';
	const once = await highlighter.codeToHast(code, 'ansi', {
		defaultColor: false,
		transformers: [compactCodeColours],
	});
	const twice = await highlighter.codeToHast(code, 'ansi', {
		defaultColor: false,
		transformers: [perTheme],
	});
	expect(once).toEqual(twice);
});

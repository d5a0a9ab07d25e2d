/**
 * Code colours as classes. Shiki writes every token as
 * `style="--shiki-light:#0a3069;--shiki-dark:#a5d6ff"`, 57 bytes a token and a third of a typical
 * runbook page's code. With a class per theme colour (`class="c7"`) a page carries the names and
 * the site stylesheet carries the colours, once. The mapping goes by colour value, so a colour the
 * palette lacks stays inline and is still painted right; the palette is part of the pipeline's
 * fingerprint (integration/pipeline-digest.ts), so pages cached under an older palette are
 * rendered again.
 */
import type { ShikiConfig } from '@astrojs/markdown-remark';
import githubDark from '@shikijs/themes/github-dark-default';
import githubLight from '@shikijs/themes/github-light-default';
import type { Element } from 'hast';

type ShikiTransformer = NonNullable<ShikiConfig['transformers']>[number];
/** What this module reads of a theme. */
interface CodeTheme {
	colors?: Record<string, string>;
	tokenColors?: Array<{
		scope?: string | string[];
		settings: { foreground?: string; background?: string; fontStyle?: string };
	}>;
}

/** The site's two code themes, GitHub's: their colours make the palette. */
export const codeThemes = { light: githubLight, dark: githubDark } as const;

/**
 * The same themes by name, for Shiki: Astro keys its highlighter cache by its settings written
 * out as JSON, which with the themes themselves would be 60 KB of JSON per highlighter asked for.
 */
export const codeThemeNames = {
	light: 'github-light-default',
	dark: 'github-dark-default',
} as const;

type Side = keyof typeof codeThemes;
const prefix: Record<Side, string> = { light: 'l', dark: 'd' };

/** A theme's token colours, lower-cased, in the order the theme lists them: index = class number. */
function paletteOf(theme: CodeTheme): string[] {
	const colours = new Set<string>();
	for (const rule of theme.tokenColors ?? []) {
		if (typeof rule.settings.foreground === 'string')
			colours.add(rule.settings.foreground.toLowerCase());
	}
	return [...colours];
}

const sides = Object.keys(codeThemes) as Side[];
const palettes = Object.fromEntries(
	sides.map((side) => [side, paletteOf(codeThemes[side])]),
) as Record<Side, string[]>;
const indexOf = Object.fromEntries(
	sides.map((side) => [side, new Map(palettes[side].map((colour, index) => [colour, index]))]),
) as Record<Side, Map<string, number>>;

/** Each theme's text and background colours: what every block's `<pre>` would carry inline. */
const blockColours = {
	'--shiki-light': editorColour(codeThemes.light, 'editor.foreground'),
	'--shiki-dark': editorColour(codeThemes.dark, 'editor.foreground'),
	'--shiki-light-bg': editorColour(codeThemes.light, 'editor.background'),
	'--shiki-dark-bg': editorColour(codeThemes.dark, 'editor.background'),
};

function editorColour(theme: CodeTheme, key: string): string {
	return (theme.colors?.[key] ?? '').toLowerCase();
}

/** The stylesheet that gives the classes their colours (served as `virtual:waymark/code-colours.css`). */
export const codeColoursCss: string = (() => {
	const block = Object.entries(blockColours)
		.map(([name, value]) => `${name}:${value}`)
		.join(';');
	const rules = sides.flatMap((side) =>
		palettes[side].map(
			(colour, index) => `.astro-code .${prefix[side]}${index}{--shiki-${side}:${colour}}`,
		),
	);
	// The two GitHub themes list their colours in the same order: one class for both.
	const pairs = palettes.light.flatMap((light, index) => {
		const dark = palettes.dark[index];
		return dark === undefined
			? []
			: [`.astro-code .c${index}{--shiki-light:${light};--shiki-dark:${dark}}`];
	});
	return [`.astro-code{${block}}`, ...rules, ...pairs].join('\n') + '\n';
})();

/**
 * The dark colour of each light one, when the two themes colour code alike: the same rules (scopes,
 * font styles, in the same order) with other colours, each light colour standing for one dark
 * one. Then which rule paints a token does not depend on the theme, and one tokenization gives
 * both themes' colours: Shiki otherwise runs the grammar once per theme (half of a build's
 * highlighting). Keyed as Shiki writes token colours (upper case, from the grammar's colour map).
 * `undefined` when the themes differ, as another pair could: then Shiki tokenizes for each.
 */
export const darkColourOf: ReadonlyMap<string, string> | undefined = colourPairs(
	codeThemes.light,
	codeThemes.dark,
);

/** Light colour → dark colour when the two themes have the same rules and each light colour stands for one dark one. */
export function colourPairs(light: CodeTheme, dark: CodeTheme): Map<string, string> | undefined {
	const lightRules = light.tokenColors ?? [];
	const darkRules = dark.tokenColors ?? [];
	if (lightRules.length !== darkRules.length) return undefined;
	const pairs = new Map<string, string>();
	// Shiki merges neighbouring tokens of the same style (colour, background, font style), so a
	// style of the light theme must stand for one style of the dark theme too.
	const styles = new Map<string, string>();
	const oneFor = (map: Map<string, string>, key: string, value: string): boolean => {
		if (map.has(key) && map.get(key) !== value) return false;
		map.set(key, value);
		return true;
	};
	const pair = (from: string | undefined, to: string | undefined): boolean =>
		from === undefined || to === undefined
			? from === to
			: oneFor(pairs, from.toUpperCase(), to.toUpperCase());
	const sameRules = lightRules.every((rule, index) => {
		const other = darkRules[index];
		if (
			other === undefined ||
			JSON.stringify(rule.scope) !== JSON.stringify(other.scope) ||
			rule.settings.fontStyle !== other.settings.fontStyle
		)
			return false;
		const style = (settings: typeof rule.settings) =>
			[settings.foreground, settings.background, settings.fontStyle]
				.map((part) => part?.toUpperCase() ?? '')
				.join('|');
		return (
			pair(rule.settings.foreground, other.settings.foreground) &&
			pair(rule.settings.background, other.settings.background) &&
			oneFor(styles, style(rule.settings), style(other.settings))
		);
	});
	return sameRules && pair(light.colors?.['editor.foreground'], dark.colors?.['editor.foreground'])
		? pairs
		: undefined;
}

/** The options of the blocks tokenized once, with the light theme only (`compactCodeColours.preprocess`). */
const lightOnly = new WeakSet<object>();

/** A token's light declarations followed by the dark ones, as Shiki writes them for two themes. */
function withDarkColours(
	style: Record<string, string>,
	darkColours: ReadonlyMap<string, string>,
): Record<string, string> {
	const both: Record<string, string> = { ...style };
	for (const [name, value] of Object.entries(style)) {
		if (!name.startsWith('--shiki-light')) continue;
		const suffix = name.slice('--shiki-light'.length);
		const dark = suffix === '' ? darkColours.get(value.toUpperCase()) : value;
		if (dark !== undefined) both[`--shiki-dark${suffix}`] = dark;
	}
	return both;
}

/**
 * Shiki's output made compact: token colours become classes, and a block's `<pre>` loses what
 * every block has (the themes' names, their text and background colours, `overflow-x: auto`,
 * which the site stylesheet sets). Runs after Astro's own transformer, which adds those.
 */
export const compactCodeColours: ShikiTransformer = {
	name: 'waymark:compact-code-colours',
	// One tokenization for both themes (`darkColourOf`); not for ANSI, coloured by the themes'
	// terminal colours, nor for themes other than the site's. It relies on how Shiki runs its hooks
	// (the themes read after `preprocess`, `htmlStyle` written per theme), so `shiki` is pinned
	// exactly in package.json and test/site/code-colours-one-tokenization.test.ts holds it to
	// Shiki's own two passes.
	preprocess(_code, options) {
		if (!darkColourOf || options.lang === 'ansi' || !('themes' in options)) return;
		const { themes } = options;
		if (
			Object.keys(themes).length !== 2 ||
			themes['light'] !== codeThemeNames.light ||
			themes['dark'] !== codeThemeNames.dark
		)
			return;
		// Only where the colours are written as the site writes them: CSS variables, no default
		// colour inline, no replacements (each would be written per theme).
		const {
			defaultColor,
			cssVariablePrefix = '--shiki-',
			colorsRendering = 'css-vars',
			colorReplacements,
		} = options;
		if (
			defaultColor !== false ||
			cssVariablePrefix !== '--shiki-' ||
			colorsRendering !== 'css-vars' ||
			colorReplacements !== undefined
		)
			return;
		options.themes = { light: codeThemeNames.light };
		lightOnly.add(options);
	},
	tokens(lines) {
		if (!darkColourOf || !lightOnly.has(this.options)) return;
		const darkColours = darkColourOf;
		for (const line of lines)
			for (const token of line)
				if (token.htmlStyle) token.htmlStyle = withDarkColours(token.htmlStyle, darkColours);
	},
	pre(node) {
		node.properties['class'] = 'astro-code';
		const kept = declarations(node).filter(([name, value]) => {
			const everyBlock = blockColours[name as keyof typeof blockColours] === value.toLowerCase();
			return !everyBlock && !(name === 'overflow-x' && value === 'auto');
		});
		setStyle(node, kept);
	},
	span(node) {
		const found: Partial<Record<Side, number>> = {};
		const kept = declarations(node).filter(([name, value]) => {
			const side =
				name === '--shiki-light' ? 'light' : name === '--shiki-dark' ? 'dark' : undefined;
			const index = side && indexOf[side].get(value.toLowerCase());
			if (side && index !== undefined) found[side] = index;
			return index === undefined;
		});
		const classes =
			found.light !== undefined && found.light === found.dark
				? [`c${found.light}`]
				: (Object.keys(found) as Side[]).map((side) => `${prefix[side]}${found[side]}`);
		if (classes.length === 0) return;
		this.addClassToHast(node, classes);
		setStyle(node, kept);
	},
};

function declarations(node: Element): Array<[string, string]> {
	const style = node.properties['style'];
	if (typeof style !== 'string') return [];
	return style.split(';').flatMap((part) => {
		const colon = part.indexOf(':');
		return colon < 0
			? []
			: [[part.slice(0, colon).trim(), part.slice(colon + 1).trim()] as [string, string]];
	});
}

function setStyle(node: Element, kept: Array<[string, string]>): void {
	if (kept.length === 0) delete node.properties['style'];
	else node.properties['style'] = kept.map(([name, value]) => `${name}:${value}`).join(';');
}

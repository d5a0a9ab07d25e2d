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
	tokenColors?: Array<{ settings: { foreground?: string } }>;
}

/** The site's two code themes, GitHub's: their colours make the palette. */
export const codeThemes = { light: githubLight, dark: githubDark } as const;

/**
 * The same themes by name, for Shiki: Astro keys its highlighter cache by its settings written
 * out as JSON, which with the themes themselves would be 60 KB of JSON per highlighter asked for.
 */
export const codeThemeNames = { light: 'github-light-default', dark: 'github-dark-default' } as const;

type Side = keyof typeof codeThemes;
const prefix: Record<Side, string> = { light: 'l', dark: 'd' };

/** A theme's token colours, lower-cased, in the order the theme lists them: index = class number. */
function paletteOf(theme: CodeTheme): string[] {
	const colours = new Set<string>();
	for (const rule of theme.tokenColors ?? []) {
		if (typeof rule.settings.foreground === 'string') colours.add(rule.settings.foreground.toLowerCase());
	}
	return [...colours];
}

const sides = Object.keys(codeThemes) as Side[];
const palettes = Object.fromEntries(sides.map((side) => [side, paletteOf(codeThemes[side])])) as Record<Side, string[]>;
const indexOf = Object.fromEntries(sides.map((side) => [side, new Map(palettes[side].map((colour, index) => [colour, index]))])) as Record<Side, Map<string, number>>;

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
	const rules = sides.flatMap((side) => palettes[side].map((colour, index) => `.astro-code .${prefix[side]}${index}{--shiki-${side}:${colour}}`));
	// The two GitHub themes list their colours in the same order: one class for both.
	const pairs = palettes.light.flatMap((light, index) => {
		const dark = palettes.dark[index];
		return dark === undefined ? [] : [`.astro-code .c${index}{--shiki-light:${light};--shiki-dark:${dark}}`];
	});
	return [`.astro-code{${block}}`, ...rules, ...pairs].join('\n') + '\n';
})();

/**
 * Shiki's output made compact: token colours become classes, and a block's `<pre>` loses what
 * every block has (the themes' names, their text and background colours, `overflow-x: auto`,
 * which the site stylesheet sets). Runs after Astro's own transformer, which adds those.
 */
export const compactCodeColours: ShikiTransformer = {
	name: 'waymark:compact-code-colours',
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
			const side = name === '--shiki-light' ? 'light' : name === '--shiki-dark' ? 'dark' : undefined;
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
		return colon < 0 ? [] : [[part.slice(0, colon).trim(), part.slice(colon + 1).trim()] as [string, string]];
	});
}

function setStyle(node: Element, kept: Array<[string, string]>): void {
	if (kept.length === 0) delete node.properties['style'];
	else node.properties['style'] = kept.map(([name, value]) => `${name}:${value}`).join(';');
}

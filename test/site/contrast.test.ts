import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';

// WCAG 2 contrast, computed from the CSS as shipped: every status word, the metadata beside it and
// a broken link must reach 4.5:1 on both backgrounds a widget sits on, in both themes.
const css = await readFile(new URL('../../src/styles/site.css', import.meta.url), 'utf8');
const statusCss = await readFile(
	new URL('../../src/components/status/status.css', import.meta.url),
	'utf8',
);

function block(selector: string): Record<string, string> {
	const start = css.indexOf(`${selector} {`);
	const body = css.slice(start, css.indexOf('}', start));
	return Object.fromEntries(
		[...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]),
	);
}

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

const light = block(':root');
const themes = { light, dark: { ...light, ...block("[data-theme='dark']") } };
// `--warning` is the text colour of a broken link (`a.wm-broken-link`).
const texts = [
	'--status-up',
	'--status-degraded',
	'--status-down',
	'--status-unknown',
	'--fg-soft',
	'--fg',
	'--warning',
];

test('computes the WCAG ratio of known pairs', () => {
	expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
	expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});

test.each(
	Object.entries(themes).flatMap(([theme, vars]) =>
		texts.flatMap((text) => ['--bg', '--bg-soft'].map((bg) => ({ theme, text, bg, vars }))),
	),
)('$theme: $text on $bg reaches 4.5:1', ({ text, bg, vars }) => {
	expect(vars[text], `${text} is a hex colour`).toMatch(/^#/);
	expect(contrast(vars[text]!, vars[bg]!)).toBeGreaterThanOrEqual(4.5);
});

test('status widgets take every colour from the theme, none written in', () => {
	// Positive control: the stylesheet does set colours, through the custom properties.
	expect(statusCss).toContain('var(--status-down)');
	expect(statusCss.match(/#[0-9a-f]{3,6}\b|rgb\(/gi)).toBeNull();
});

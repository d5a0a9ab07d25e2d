import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compactSvg } from '../../diagrams/svg-ids.ts';
import { diagramKind, diagramWidths } from '../../diagrams/diagram-figure.ts';
import {
	diagramPalette,
	namesOwnTheme,
	paletteSentinels,
	paletteThemeVariables,
	type DiagramToken,
} from '../../diagrams/diagram-palette.ts';
import { longWords, mergeSettings, wrapSettings } from '../../diagrams/diagram-wrap.ts';
import { repoRoot } from '../helpers/fixture.ts';

const css = await readFile(join(repoRoot, 'src/styles/diagrams.css'), 'utf8');

/** The palette a CSS block (the first rule whose selector matches `selector`) defines. */
function block(selector: RegExp): Record<string, string> {
	const body =
		new RegExp(`${selector.source}\\s*\\{([^}]*)\\}`, selector.flags).exec(css)?.[1] ?? '';
	return Object.fromEntries(
		[...body.matchAll(/--wm-diagram-([\w-]+):\s*(#[0-9a-f]{6})/g)].map((m): [string, string] => [
			m[1] ?? '',
			m[2] ?? '',
		]),
	);
}

const light = block(/^:root/m);
const dark = block(/^\[data-theme='dark'\]/m);
const systemDark = block(/html:not\(\[data-theme\]\)/);
const print = block(/:root, \[data-theme='dark'\], html:not\(\[data-theme\]\)/);

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const v = parseInt(hex.slice(i, i + 2), 16) / 255;
		return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
	const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (high + 0.05) / (low + 0.05);
};

describe('the diagram palette', () => {
	const tokens = Object.keys(diagramPalette) as DiagramToken[];

	test('defines every token for light, dark, dark by system preference and print; light and print are the sentinels', () => {
		expect(light).toEqual(diagramPalette);
		expect(print).toEqual(diagramPalette);
		expect(Object.keys(dark).sort()).toEqual([...tokens].sort());
		expect(systemDark).toEqual(dark);
		// Positive control: the dark theme is not the light one.
		expect(dark['node']).not.toBe(light['node']);
	});

	test('has distinct sentinels, none of them a colour mermaid hard-codes', () => {
		const values = Object.values(diagramPalette);
		expect(new Set(values).size).toBe(values.length);
		for (const common of [
			'#ffffff',
			'#000000',
			'#333333',
			'#eaeaea',
			'#666666',
			'#999999',
			'#efefef',
			'#f4f4f4',
		])
			expect(values).not.toContain(common);
		expect(Object.keys(paletteSentinels())).toEqual(values);
	});

	// Text sits on these pairs; each must read at 4.5:1 or better in both themes.
	const pairs: Array<[DiagramToken, DiagramToken]> = [
		...tokens
			.filter((t) => !/^(strong|on-strong|text|line|.*border|grid|critical-border)/.test(t))
			.map((surface): [DiagramToken, DiagramToken] => ['text', surface]),
		...tokens
			.filter((t) => t.startsWith('strong-'))
			.map((strong): [DiagramToken, DiagramToken] => ['on-strong', strong]),
		['bg', 'line'],
	];
	test.each(pairs)('keeps %s on %s at 4.5:1 or more in both themes', (text, surface) => {
		for (const palette of [light, dark])
			expect(contrast(palette[text] as string, palette[surface] as string)).toBeGreaterThanOrEqual(
				4.5,
			);
	});

	test('gives mermaid a sentinel for each colour variable of the diagrams it draws', () => {
		const variables = paletteThemeVariables();
		const sentinels = new Set(Object.values(diagramPalette));
		for (const name of [
			'mainBkg',
			'nodeBorder',
			'lineColor',
			'actorBkg',
			'noteBkgColor',
			'pie1',
			'git0',
			'gitBranchLabel0',
			'cScale0',
			'fillType3',
			'critBkgColor',
			'taskTextColor',
		])
			expect(sentinels.has(variables[name] as never), name).toBe(true);
		expect((variables['xyChart'] as { plotColorPalette: string }).plotColorPalette).toMatch(
			/^#[0-9a-f]{6}(,#[0-9a-f]{6}){7}$/,
		);
	});

	test.each([
		['an init directive', '%%{init: {"theme": "forest"}}%%\nflowchart TD\n  A --> B', true],
		[
			'an init directive in JSON5 style',
			"%%{init: {theme: 'dark'}}%%\nflowchart TD\n  A --> B",
			true,
		],
		['front matter', '---\nconfig:\n  theme: neutral\n---\nflowchart TD\n  A --> B', true],
		[
			'only theme variables',
			'%%{init: {"themeVariables": {"primaryColor": "#ff0000"}}}%%\nflowchart TD\n  A --> B',
			false,
		],
		['nothing', 'flowchart TD\n  A --> B', false],
	])('tells a diagram that names its own theme (%s)', (_name, source, expected) => {
		expect(namesOwnTheme(source)).toBe(expected);
	});
});

describe('wrapping and widths', () => {
	test('collects the long words of labels, not of styles, arrows or directives', () => {
		const source =
			'%%{init: {"flowchart": {"curve": "basis"}}}%%\nflowchart TD\n  req["Request to sub.ROOT_DOMAIN"] -->|"yes, inactive"| reserved{"RESERVED_SUBDOMAINS?"}\n  classDef warning fill:#fff3cd,stroke:#856404\n  a-->b';
		expect(longWords(source)).toEqual([
			'sub.ROOT_DOMAIN',
			'inactive',
			'reserved',
			'RESERVED_SUBDOMAINS?',
		]);
	});

	test('keeps a `<` or `>` inside a word, which the label draws, and leaves tags out', () => {
		const source =
			'flowchart TD\n  lag["alert when replication_lag_seconds>30<br/>for <b>five_minutes</b>"] <--> b["2>&1 | tee /tmp/restore.log"]';
		expect(longWords(source)).toEqual([
			'replication_lag_seconds>30',
			'five_minutes',
			'/tmp/restore.log',
		]);
	});

	test('widens the wrapping only past mermaid defaults, and merges one level deep', () => {
		expect(wrapSettings(100)).toEqual({});
		expect(wrapSettings(150)).toEqual({
			flowchart: { wrappingWidth: 158 },
			state: { wrappingWidth: 158 },
		});
		expect(wrapSettings(250)).toMatchObject({ mindmap: { maxNodeWidth: 258 } });
		expect(
			mergeSettings({ flowchart: { htmlLabels: false }, theme: 'base' }, wrapSettings(150)),
		).toEqual({
			flowchart: { htmlLabels: false, wrappingWidth: 158 },
			state: { wrappingWidth: 158 },
			theme: 'base',
		});
	});

	test('keeps the smallest text at 11 px: the minimum width scales with it', () => {
		expect(diagramWidths(1000, 16)).toEqual({ min: 688, max: 1000 });
		expect(diagramWidths(400, 10)).toEqual({ min: 440, max: 440 });
		expect(diagramWidths(400, 1)).toEqual({ min: 1200, max: 1200 });
		expect(diagramWidths(400, 0)).toEqual({ min: 0, max: 400 });
	});

	test.each([
		['flowchart-v2', 'flowchart'],
		['er', 'entity relationship diagram'],
		['stateDiagram', 'state diagram'],
		['blockBeta', 'block beta diagram'],
		['', 'diagram'],
	])('calls a %s diagram a %s', (type, kind) => {
		expect(diagramKind(type)).toBe(kind);
	});
});

describe('compactSvg', () => {
	test('rounds coordinates, keeps number lists readable and leaves text and styles alone', () => {
		const svg =
			'<svg viewBox="0 0 439.0999755859375 1706.199951171875" style="max-width: 439.0999755859375px; fill: #1f2e3d"><style>#a .x{stroke-width:0.333333px}</style><path d="M.3.3l.123456.654321" transform="translate(10.123456, -0.004)"/><text x="1.23456">v16.10.1234</text><g data-points="W3sieCI6MX1d" style=";"></g></svg>';
		expect(compactSvg(svg)).toBe(
			'<svg viewBox="0 0 439.1 1706.2" style="max-width: 439.1px; fill: #1f2e3d"><style>#a .x{stroke-width:0.333333px}</style><path d="M.3.3l.123.654" transform="translate(10.12, 0)"/><text x="1.23">v16.10.1234</text><g></g></svg>',
		);
	});

	test('draws absolute paths with fewer segments: straight cubics as lines, no empty moves, no doubled strokes', () => {
		const svg =
			'<svg><path d="M0 0 C1 0, 2 0, 3 0 M3 0 M3 0 C3 0, 3 0, 3 0 M0 5 C1 5.1, 2 4.9, 3 5 M0 5 C1 5.05, 2 5, 3 5 M0 0 C0 1, 3 1, 3 0 Z"/></svg>';
		expect(compactSvg(svg)).toBe('<svg><path d="M0 0L3 0M0 5L3 5M0 0C0 1 3 1 3 0Z"/></svg>');
	});

	test('leaves a path with relative or other commands readable at 1/1000 px', () => {
		expect(
			compactSvg('<svg><path d="M12.258123 0l.2561234.0041 a5 5 0 0 1 1.0004 1"/></svg>'),
		).toBe('<svg><path d="M12.258 0l.256.004 a5 5 0 0 1 1 1"/></svg>');
	});
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DiagramsConfig } from '../config/diagrams.ts';
import { packageRoot } from '../core/package.ts';
import { paletteThemeVariables } from './diagram-palette.ts';
import { mergeSettings, wrapSettings } from './diagram-wrap.ts';

const require = createRequire(import.meta.url);
const mermaidDir = dirname(require.resolve('mermaid/package.json'));

/** The installed mermaid: its version is part of every cache key, its browser build is what renders. */
export const mermaidPackage = {
	version: (
		JSON.parse(readFileSync(join(mermaidDir, 'package.json'), 'utf8')) as { version: string }
	).version,
	browserBundle: join(mermaidDir, 'dist/mermaid.min.js'),
};

const zenumlDir = dirname(require.resolve('@mermaid-js/mermaid-zenuml/package.json'));

/**
 * Mermaid's ZenUML plugin: registered on the render page (its browser build, loaded into a tab
 * only when a diagram of the batch needs it) and part of every cache key.
 */
export const zenumlPackage = {
	version: (
		JSON.parse(readFileSync(join(zenumlDir, 'package.json'), 'utf8')) as { version: string }
	).version,
	browserBundle: join(zenumlDir, 'dist/mermaid-zenuml.min.js'),
};

const interDir = dirname(require.resolve('@fontsource/inter/package.json'));
const interVersion = (
	JSON.parse(readFileSync(join(interDir, 'package.json'), 'utf8')) as { version: string }
).version;

/** Inter, the site's font, served to the render page so labels are measured with the font readers see. */
export const interFontFiles = [400, 500, 600, 700].map((weight) => ({
	weight,
	path: join(interDir, `files/inter-latin-${weight}-normal.woff2`),
}));

/**
 * Mermaid configuration pinned for every diagram; a diagram's own `%%{init}%%` or front matter
 * still wins. Labels are plain SVG `<text>` (`htmlLabels: false`): `<foreignObject>` labels are
 * dropped by some SVG viewers, print engines and the "open full size" view. Colours come from the
 * palette (`diagrams/diagram-palette.ts`) through mermaid's `base` theme; `palette: false` is for
 * a diagram that names its own theme, drawn in that theme's fixed colours.
 */
function pinnedMermaidConfig(
	config: Pick<DiagramsConfig, 'look' | 'layout'>,
	palette = true,
): Record<string, unknown> {
	return {
		startOnLoad: false,
		theme: palette ? 'base' : 'default',
		...(palette && { themeVariables: paletteThemeVariables() }),
		look: config.look,
		layout: config.layout,
		fontFamily: 'Inter, ui-sans-serif, system-ui, sans-serif',
		securityLevel: 'strict',
		htmlLabels: false,
		flowchart: { htmlLabels: false },
		deterministicIds: true,
		maxTextSize: 50_000,
	};
}

/** The settings one diagram is drawn with: the pinned ones, and a wrapping width that holds its widest word (`widestPx`). */
export function diagramSettings(
	config: Pick<DiagramsConfig, 'look' | 'layout'>,
	palette: boolean,
	widestPx: number,
): Record<string, unknown> {
	return mergeSettings(pinnedMermaidConfig(config, palette), wrapSettings(widestPx));
}

// What turns a source into the cached SVG besides mermaid and the settings: the render page, the
// finishing step, palette, wrapping and compaction. A change to any of these files gives new keys.
// Their text, not their functions' source: that differs between Node, Vite and the packed build.
const drawingSteps = createHash('sha256')
	.update(
		[
			'diagrams/render-page.ts',
			'diagrams/mermaid-bundle.ts',
			'diagrams/svg-ids.ts',
			'diagrams/diagram-finish.ts',
			'diagrams/diagram-palette.ts',
			'diagrams/diagram-wrap.ts',
		]
			.map((file) => readFileSync(join(packageRoot, file), 'utf8'))
			.join('\0'),
	)
	.digest('hex');

/**
 * sha256 of what decides a rendering: the source, mermaid's, the ZenUML plugin's and Inter's
 * versions (label widths), the pinned config and the drawing steps after mermaid. One key per
 * diagram: the drawing serves both site themes.
 */
export function diagramCacheKey(
	source: string,
	config: Pick<DiagramsConfig, 'look' | 'layout'>,
): string {
	return createHash('sha256')
		.update(
			`${mermaidPackage.version}\0zenuml@${zenumlPackage.version}\0inter@${interVersion}\0${pinnedConfigText(config)}\0${drawingSteps}\0${source}`,
		)
		.digest('hex');
}

// The pinned config as key text, once per look and layout: building the palette for every diagram
// of a warm check cost more than hashing it.
const pinnedConfigTexts = new Map<string, string>();
function pinnedConfigText(config: Pick<DiagramsConfig, 'look' | 'layout'>): string {
	const id = `${config.look}\0${config.layout}`;
	let text = pinnedConfigTexts.get(id);
	if (text === undefined)
		pinnedConfigTexts.set(id, (text = JSON.stringify(pinnedMermaidConfig(config))));
	return text;
}

// What judges a diagram when nothing is drawn: mermaid's parser behind the worker's DOM shim.
const parseStep = createHash('sha256')
	.update(readFileSync(join(packageRoot, 'diagrams/parse-worker.ts'), 'utf8'))
	.digest('hex');

/**
 * sha256 of what decides a parse-only verdict (`diagrams.renderInCheck: false`, or no browser):
 * the source, mermaid's and the ZenUML plugin's versions and the parse worker. A verdict found by
 * drawing is kept under `diagramCacheKey` instead, as the drawing is.
 */
export function diagramParseKey(source: string): string {
	return createHash('sha256')
		.update(
			`parse\0${mermaidPackage.version}\0zenuml@${zenumlPackage.version}\0${parseStep}\0${source}`,
		)
		.digest('hex');
}

/** Short hash of the source alone: the stable base of a diagram's element ids. */
export function diagramSourceHash(source: string): string {
	return createHash('sha256').update(source).digest('hex').slice(0, 10);
}

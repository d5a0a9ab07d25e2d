import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DiagramsConfig } from '../config/diagrams.ts';

export type DiagramTheme = 'light' | 'dark';
export const diagramThemes: DiagramTheme[] = ['light', 'dark'];

const require = createRequire(import.meta.url);
const mermaidDir = dirname(require.resolve('mermaid/package.json'));

/** The installed mermaid: its version is part of every cache key, its browser build is what renders. */
export const mermaidPackage = {
	version: (JSON.parse(readFileSync(join(mermaidDir, 'package.json'), 'utf8')) as { version: string }).version,
	browserBundle: join(mermaidDir, 'dist/mermaid.min.js'),
};

const zenumlDir = dirname(require.resolve('@mermaid-js/mermaid-zenuml/package.json'));

/**
 * Mermaid's ZenUML plugin: registered on the render page (its browser build, loaded into a tab
 * only when a diagram of the batch needs it) and part of every cache key.
 */
export const zenumlPackage = {
	version: (JSON.parse(readFileSync(join(zenumlDir, 'package.json'), 'utf8')) as { version: string }).version,
	browserBundle: join(zenumlDir, 'dist/mermaid-zenuml.min.js'),
};

const interDir = dirname(require.resolve('@fontsource/inter/package.json'));
const interVersion = (JSON.parse(readFileSync(join(interDir, 'package.json'), 'utf8')) as { version: string }).version;

/** Inter, the site's font, served to the render page so labels are measured with the font readers see. */
export const interFontFiles = [400, 500, 600, 700].map((weight) => ({ weight, path: join(interDir, `files/inter-latin-${weight}-normal.woff2`) }));

/**
 * Mermaid configuration pinned for every diagram; a diagram's own `%%{init}%%` or front matter
 * still wins. Labels are plain SVG `<text>` (`htmlLabels: false`): `<foreignObject>` labels are
 * dropped by some SVG viewers, print engines and the "open full size" view.
 */
export function pinnedMermaidConfig(config: Pick<DiagramsConfig, 'look' | 'layout'>, theme: DiagramTheme): Record<string, unknown> {
	return {
		startOnLoad: false,
		theme: theme === 'dark' ? 'dark' : 'default',
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

/** sha256 of what decides a rendering: the source, mermaid's, the ZenUML plugin's and Inter's versions (label widths), the pinned config and the theme. */
export function diagramCacheKey(source: string, config: Pick<DiagramsConfig, 'look' | 'layout'>, theme: DiagramTheme): string {
	return createHash('sha256')
		.update(`${mermaidPackage.version}\0zenuml@${zenumlPackage.version}\0inter@${interVersion}\0${JSON.stringify(pinnedMermaidConfig(config, theme))}\0${theme}\0${source}`)
		.digest('hex');
}

/** Short hash of the source alone: the stable base of a diagram's element ids. */
export function diagramSourceHash(source: string): string {
	return createHash('sha256').update(source).digest('hex').slice(0, 10);
}

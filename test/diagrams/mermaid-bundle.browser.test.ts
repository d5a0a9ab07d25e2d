import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseConfig } from '../../config/load-config.ts';
import { drawingBundle } from '../../diagrams/mermaid-bundle.ts';
import { diagramSettings, interFontFiles, mermaidPackage } from '../../diagrams/mermaid-config.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { diagramSamples } from './diagram-samples.ts';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
	await browser?.close();
});

/** Every sample drawn by mermaid from `bundle`, with the settings the build draws with. */
async function drawAll(bundle: string, sources: string[]): Promise<string[]> {
	const page = await browser.newPage();
	// Inter, as the drawing tabs load it: label widths depend on the font.
	const faces = interFontFiles.map(({ weight, path }) => `@font-face{font-family:Inter;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${readFileSync(path).toString('base64')}) format('woff2')}`).join('');
	await page.setContent(`<!doctype html><html><head><style>${faces} body{font-family:Inter}</style></head><body></body></html>`);
	await page.evaluate(() => Promise.all([400, 500, 600, 700].map((weight) => document.fonts.load(`${weight} 16px Inter`))));
	// Mermaid draws some things at random (commit ids, hand-drawn strokes, icon ids): the same seed in both pages.
	await page.evaluate(() => {
		let seed = 42;
		Math.random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
	});
	await page.addScriptTag({ content: bundle });
	const settings = diagramSettings(parseConfig({}).diagrams, true, 0);
	/* v8 ignore start -- @preserve: runs in the Chromium tab */
	const svgs = await page.evaluate(
		async ({ sources, settings }) => {
			const mermaid = (globalThis as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
			const out: string[] = [];
			for (const [i, source] of sources.entries()) {
				mermaid.initialize(settings);
				out.push(await mermaid.render(`d${i}`, source).then(({ svg }) => svg, (error: Error) => `error: ${error.message}`));
			}
			return out;
		},
		{ sources, settings },
	);
	/* v8 ignore stop -- @preserve */
	await page.close();
	// Iconify's ids carry the time (the build renames every id in a drawing anyway, `svg-ids.ts`).
	return svgs.map((svg) => svg.replace(/IconifyId[0-9a-f]+/g, 'IconifyId'));
}

test('the bundle with the fast config copy draws every sample exactly as mermaid\'s own', async () => {
	// ZenUML is a plugin the tabs load on demand; the others are mermaid's own diagram types.
	const sources = [...Object.entries(diagramSamples).filter(([type]) => type !== 'zenuml').map(([, source]) => source), '%%{init: {"flowchart": {"curve": "step"}}}%%\nflowchart TD\n  a --> b', 'flowchart LR\n  a[[Broken'];
	const published = await drawAll(readFileSync(mermaidPackage.browserBundle, 'utf8'), sources);
	const fast = await drawAll(await drawingBundle(), sources);
	// Positive controls: real drawings, and the broken one fails in both.
	expect(published.filter((svg) => svg.startsWith('<svg'))).toHaveLength(sources.length - 1);
	expect(published.at(-1)).toMatch(/^error: /);
	expect(fast).toEqual(published);
}, 60_000);

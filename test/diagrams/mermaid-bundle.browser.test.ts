import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { drawingBundle, type BundlePatches } from '../../diagrams/mermaid-bundle.ts';
import { createDiagramRenderer } from '../../diagrams/render-page.ts';
import { diagramSettings, interFontFiles, mermaidPackage } from '../../diagrams/mermaid-config.ts';
import { browserForFile } from '../helpers/browser.ts';
import { diagramSamples } from './diagram-samples.ts';

const browser = browserForFile();

/** Every sample drawn by mermaid from `bundle`, with the settings the build draws with. */
async function drawAll(bundle: string, sources: string[]): Promise<string[]> {
	const page = await browser().newPage();
	// Inter, as the drawing tabs load it: label widths depend on the font.
	const faces = interFontFiles
		.map(
			({ weight, path }) =>
				`@font-face{font-family:Inter;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${readFileSync(path).toString('base64')}) format('woff2')}`,
		)
		.join('');
	await page.setContent(
		`<!doctype html><html><head><style>${faces} body{font-family:Inter}</style></head><body></body></html>`,
	);
	await page.evaluate(() =>
		Promise.all([400, 500, 600, 700].map((weight) => document.fonts.load(`${weight} 16px Inter`))),
	);
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
			const mermaid = (
				globalThis as unknown as {
					mermaid: {
						initialize(c: unknown): void;
						render(id: string, text: string): Promise<{ svg: string }>;
					};
				}
			).mermaid;
			const out: string[] = [];
			for (const [i, source] of sources.entries()) {
				mermaid.initialize(settings);
				out.push(
					await mermaid.render(`d${i}`, source).then(
						({ svg }) => svg,
						(error: Error) => `error: ${error.message}`,
					),
				);
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

test("the bundle with the fast config copy draws every sample exactly as mermaid's own", async () => {
	// ZenUML is a plugin the tabs load on demand; the others are mermaid's own diagram types.
	const sources = [
		...Object.entries(diagramSamples)
			.filter(([type]) => type !== 'zenuml')
			.map(([, source]) => source),
		'%%{init: {"flowchart": {"curve": "step"}}}%%\nflowchart TD\n  a --> b',
		'flowchart LR\n  a[[Broken',
	];
	const published = await drawAll(readFileSync(mermaidPackage.browserBundle, 'utf8'), sources);
	const fast = await drawAll((await drawingBundle()).text, sources);
	// Positive controls: real drawings, and the broken one fails in both.
	expect(published.filter((svg) => svg.startsWith('<svg'))).toHaveLength(sources.length - 1);
	expect(published.at(-1)).toMatch(/^error: /);
	expect(fast).toEqual(published);
}, 60_000);

test("without the actor-counter reset (mermaid's published bundle), sequence diagrams still draw the same whatever was drawn before", async () => {
	const published = readFileSync(mermaidPackage.browserBundle, 'utf8');
	const unpatched: BundlePatches = {
		text: published,
		fastConfigCopy: false,
		actorCounterReset: false,
		labelText: false,
		problems: [],
	};
	const one = 'sequenceDiagram\n  Alice->>Bob: restore\n  Bob-->>Alice: done';
	const other = 'sequenceDiagram\n  participant Ops\n  Ops->>Db: failover';
	const jobs = [one, other, one, 'flowchart LR\n  a --> b', one].map((source, i) => ({
		id: `d${i}`,
		source,
	}));
	const draw = async (bundle: () => Promise<BundlePatches>) => {
		const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1, {
			bundle,
		});
		try {
			return (await renderer.render(jobs)).map((outcome, i) =>
				outcome.ok ? outcome.svg.replaceAll(`d${i}`, 'ID') : `error: ${outcome.error.message}`,
			);
		} finally {
			await renderer.close();
		}
	};
	const [fallback, patched] = [
		await draw(() => Promise.resolve(unpatched)),
		await draw(drawingBundle),
	];
	expect(fallback[0]).toMatch(/^<svg/);
	// The first, third and fifth drawings are of one source: the same ids each time, as with the reset.
	expect(fallback[2]).toBe(fallback[0]);
	expect(fallback[4]).toBe(fallback[0]);
	expect(fallback).toEqual(patched);
	// Positive control: the published bundle in one tab, no fresh tab, numbers the actors on.
	const page = await browser().newPage();
	await page.addScriptTag({ content: published });
	/* v8 ignore start -- @preserve: runs in the Chromium tab */
	const [first, third] = await page.evaluate(
		async (sources) => {
			const mermaid = (
				globalThis as unknown as {
					mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
				}
			).mermaid;
			const out: string[] = [];
			for (const source of sources) out.push((await mermaid.render('ID', source)).svg);
			return [out[0], out[2]];
		},
		[one, other, one],
	);
	/* v8 ignore stop -- @preserve */
	await page.close();
	expect(third).not.toBe(first);
}, 120_000);

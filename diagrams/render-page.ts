import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import type { DiagramsConfig } from '../config/diagrams.ts';
import { finishDiagramSvg } from './diagram-finish.ts';
import { namesOwnTheme, paletteSentinels } from './diagram-palette.ts';
import { labelFont, longWords } from './diagram-wrap.ts';
import { drawingBundle, actorCounterResetName, type BundlePatches } from './mermaid-bundle.ts';
import { diagramSettings, interFontFiles, zenumlPackage } from './mermaid-config.ts';
import { errorLine } from '../core/error-line.ts';

/** One diagram to draw; `id` becomes the `<svg>` id and prefixes every id inside it. */
export interface RenderJob {
	id: string;
	source: string;
}

/** Mermaid's error as thrown in the page: jison parsers give `hash.loc`, langium ones only a message. */
interface RenderError {
	name: string;
	message: string;
	loc?: { first_line: number; first_column: number; last_line: number };
}

type RenderOutcome = { ok: true; svg: string; textPx: number } | { ok: false; error: RenderError };

/** Several pages of one long-lived Chromium, each with mermaid and Inter loaded once. */
export interface DiagramRenderer {
	/** Draws `jobs`, spread over the tabs in batches, calling `onBatch` after each; outcomes in job order. Never throws for a bad diagram. */
	render(jobs: RenderJob[], onBatch?: (drawn: number) => void): Promise<RenderOutcome[]>;
	/** Waits for the tabs to open: `undefined` when one can draw, else why none could (the first tab's error). */
	ready(): Promise<string | undefined>;
	close(): Promise<void>;
}

const batchSize = 20;
const batchTimeoutMs = 60_000;
/** The error name of a drawing cut off by the batch timeout: not the diagram's verdict, so never cached. */
export const timeoutName = 'Timeout';

/**
 * Tabs to draw in: one per core (layout is single-threaded per tab), leaving `coresTaken` cores to
 * other work, at least one and at most four.
 */
export function tabCount(coresTaken = 0): number {
	return Math.min(4, Math.max(1, availableParallelism() - coresTaken));
}

/** Opens `pages` tabs in `browser`, one per core by default. */
export async function createDiagramRenderer(
	browser: Browser,
	config: Pick<DiagramsConfig, 'look' | 'layout'>,
	pages = tabCount(),
	{
		timeoutMs = batchTimeoutMs,
		bundle = drawingBundle,
	}: { timeoutMs?: number; bundle?: () => Promise<BundlePatches> } = {},
): Promise<DiagramRenderer> {
	const fontFaces = await fontFaceCss();
	const openRenderPage = (browser: Browser, fontFaces: string, index: number) =>
		openTab(browser, fontFaces, index, bundle);
	// Each tab starts drawing as soon as it is ready; the others join the queue when they are.
	const tabs = Array.from({ length: Math.max(1, pages) }, (_, i) =>
		openRenderPage(browser, fontFaces, i),
	);
	// Failures surface when `render` awaits the tab; until then they must not count as unhandled.
	for (const tab of tabs) tab.catch(() => undefined);
	// One call at a time: a tab draws with whatever `mermaid.initialize` ran last, so two calls'
	// batches interleaving in one tab would draw with each other's settings.
	let previous: Promise<unknown> = Promise.resolve();
	return {
		render(jobs, onBatch) {
			const turn = previous.then(() => drawAll(jobs, onBatch));
			previous = turn.catch(() => undefined);
			return turn;
		},
		async ready() {
			const opened = await Promise.all(
				tabs.map((tab) =>
					tab.then(
						() => undefined,
						(error: unknown) => errorLine(error),
					),
				),
			);
			return opened.includes(undefined) ? undefined : opened[0];
		},
		async close() {
			await Promise.all(
				tabs.map(async (tab) =>
					(await tab.catch(() => undefined))
						?.context()
						.close()
						.catch(() => undefined),
				),
			);
		},
	};

	async function drawAll(
		jobs: RenderJob[],
		onBatch?: (drawn: number) => void,
	): Promise<RenderOutcome[]> {
		// Without the actor-counter reset, a sequence diagram is drawn alone in a fresh tab, where the
		// counter starts where it would after a reset.
		const alone = (await bundle()).actorCounterReset
			? () => false
			: (job: RenderJob) => /\bsequenceDiagram\b/.test(job.source);
		const batches = batchesOf(jobs, alone);
		const outcomes: RenderOutcome[] = new Array<RenderOutcome>(jobs.length);
		let next = 0;
		await Promise.all(
			tabs.map(async (opening, index) => {
				let tab = await opening.catch(() => undefined);
				for (let batch = batches[next++]; tab && batch; batch = batches[next++]) {
					const results = await renderBatch(
						tab,
						batch.map((i) => jobs[i] as RenderJob),
						config,
						timeoutMs,
					);
					results.forEach((result, i) => (outcomes[batch[i] as number] = result));
					onBatch?.(results.length);
					// A batch past its time leaves the tab busy: later batches get a new tab, not a
					// stuck one (with one tab per build on two cores, it would time out every batch).
					const timedOut = results.some(
						(result) => !result.ok && result.error.name === timeoutName,
					);
					if (timedOut || batch.some((i) => alone(jobs[i] as RenderJob))) {
						const used = tab;
						tabs[index] = openRenderPage(browser, fontFaces, index);
						tabs[index].catch(() => undefined);
						await used
							.context()
							.close()
							.catch(() => undefined);
						tab = await tabs[index].catch(() => undefined);
					}
				}
			}),
		);
		// Every tab failed to open (e.g. mermaid's browser bundle is missing): nothing was drawn.
		if (Object.keys(outcomes).length < jobs.length) await Promise.all(tabs);
		return outcomes;
	}
}

/** Job indexes in batches of `batchSize`, each job `alone` says so in a batch of its own. */
function batchesOf(jobs: RenderJob[], alone: (job: RenderJob) => boolean): number[][] {
	const batches: number[][] = [];
	let current: number[] = [];
	jobs.forEach((job, i) => {
		if (alone(job)) {
			batches.push([i]);
			return;
		}
		current.push(i);
		if (current.length === batchSize) {
			batches.push(current);
			current = [];
		}
	});
	if (current.length > 0) batches.push(current);
	return batches;
}

async function fontFaceCss(): Promise<string> {
	const faces = await Promise.all(
		interFontFiles.map(async ({ weight, path }) => {
			const data = (await readFile(path)).toString('base64');
			return `@font-face{font-family:Inter;font-style:normal;font-display:block;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2')}`;
		}),
	);
	return faces.join('\n');
}

/**
 * Each tab gets its own browser context and its own made-up origin, served from memory by
 * `page.route` (nothing touches the network): Chromium then gives every tab its own renderer
 * process, so tabs draw in parallel instead of sharing one main thread.
 */
async function openTab(
	browser: Browser,
	fontFaces: string,
	index: number,
	bundle: () => Promise<BundlePatches>,
): Promise<Page> {
	const context = await browser.newContext();
	const origin = `http://render-${index}.waymark.invalid`;
	// Anything a diagram asks for (an image, a stylesheet, a font by URL) is refused, never fetched.
	await context.route(
		(url) => url.origin !== origin,
		(route) => route.abort('blockedbyclient'),
	);
	const page = await context.newPage();
	const html = `<!doctype html><html><head><meta charset="utf-8"><style>${fontFaces}\nbody{font-family:Inter}</style><script src="/mermaid.min.js"></script></head><body></body></html>`;
	const scripts: Record<string, () => Promise<string | Buffer>> = {
		'/mermaid.min.js': async () => (await bundle()).text,
		'/mermaid-zenuml.min.js': () => readFile(zenumlPackage.browserBundle),
	};
	await page.route(`${origin}/**`, async (route) => {
		const script = scripts[new URL(route.request().url()).pathname];
		// UTF-8 said outright: a script's text is otherwise decoded as its page's default, windows-1252,
		// and mermaid's literals outside ASCII no longer match what it writes with escapes (its
		// `decodeEntities` left `#quot;` in a label as `ﬂ°quot¶ß`).
		await (script
			? route.fulfill({ body: await script(), contentType: 'text/javascript; charset=utf-8' })
			: route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
	});
	await page.goto(`${origin}/`);
	// The callbacks given to page.evaluate run in the Chromium tab, where this process's coverage
	// cannot see them; the diagram tests exercise them there.
	/* v8 ignore start -- @preserve */
	await page.evaluate(async () => {
		const mermaid = (
			globalThis as unknown as {
				mermaid: { registerExternalDiagrams(diagrams: unknown[]): Promise<void> };
			}
		).mermaid;
		// ZenUML's browser build is 3 MB: a tab loads it the first time a diagram needs it. The
		// detector is the plugin's own (`/^\s*zenuml/`, @mermaid-js/mermaid-zenuml src/detector.ts).
		const loadZenuml = () =>
			new Promise<{ loader(): Promise<unknown> }>((resolve, reject) => {
				const tag = Object.assign(document.createElement('script'), {
					src: '/mermaid-zenuml.min.js',
				});
				tag.onload = () =>
					resolve(
						(globalThis as unknown as Record<string, { loader(): Promise<unknown> }>)[
							'mermaid-zenuml'
						] as { loader(): Promise<unknown> },
					);
				tag.onerror = () => reject(new Error('could not load the ZenUML plugin'));
				document.head.append(tag);
			});
		await mermaid.registerExternalDiagrams([
			{
				id: 'zenuml',
				detector: (text: string) => /^\s*zenuml/.test(text),
				loader: async () => (await loadZenuml()).loader(),
			},
		]);
		await Promise.all(
			[400, 500, 600, 700].map((weight) => document.fonts.load(`${weight} 16px Inter`)),
		);
	});
	/* v8 ignore stop -- @preserve */
	// The finishing step runs in the page. A bundler's `keepNames` helper may appear in its source.
	await page.evaluate(
		`globalThis.__name ??= (f) => f; globalThis.finishDiagramSvg = ${finishDiagramSvg.toString()};`,
	);
	return page;
}

/** The widest of `words` in the labels' font, per list, measured in the tab (Inter is loaded there). */
async function measureWidest(page: Page, words: string[][]): Promise<number[]> {
	if (words.every((list) => list.length === 0)) return words.map(() => 0);
	/* v8 ignore start -- @preserve: runs in the Chromium tab */
	return page.evaluate(
		({ words, font }) => {
			const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
			context.font = font;
			return words.map((list) =>
				Math.max(0, ...list.map((word) => context.measureText(word).width)),
			);
		},
		{ words, font: labelFont },
	);
	/* v8 ignore stop -- @preserve */
}

async function renderBatch(
	page: Page,
	jobs: RenderJob[],
	config: Pick<DiagramsConfig, 'look' | 'layout'>,
	timeoutMs: number,
): Promise<RenderOutcome[]> {
	const widest = await measureWidest(
		page,
		jobs.map((job) => longWords(job.source)),
	);
	// Settings go as JSON text (they are plain JSON data) and the sentinels once per batch:
	// Playwright checks every node of an object it sends, which cost more than the drawing's own
	// protocol traffic (about 6 KB of settings per diagram).
	const prepared = jobs.map((job, i) => {
		const palette = !namesOwnTheme(job.source);
		return {
			id: job.id,
			source: job.source,
			settings: JSON.stringify(diagramSettings(config, palette, widest[i] ?? 0)),
			palette,
		};
	});
	/* v8 ignore start -- @preserve: runs in the Chromium tab */
	const work = page.evaluate(
		async ({ jobs, sentinels, actorCounterResetName }) => {
			interface MermaidError {
				name?: string;
				message?: string;
				hash?: { loc?: { first_line: number; first_column: number; last_line: number } };
			}
			const mermaid = (
				globalThis as unknown as {
					mermaid: {
						initialize(c: unknown): void;
						render(id: string, text: string): Promise<{ svg: string }>;
					};
				}
			).mermaid;
			const finish = (globalThis as unknown as { finishDiagramSvg: typeof finishDiagramSvg })
				.finishDiagramSvg;
			const results: RenderOutcome[] = [];
			for (const job of jobs) {
				try {
					// Each drawing numbers its sequence actors from the start, whatever the tab drew before.
					(globalThis as unknown as Record<string, (() => void) | undefined>)[
						actorCounterResetName
					]?.();
					mermaid.initialize(JSON.parse(job.settings));
					const { svg } = await mermaid.render(job.id, job.source);
					const holder = document.createElement('div');
					holder.style.cssText = 'position: absolute; left: 0; top: 0';
					holder.innerHTML = svg;
					document.body.append(holder);
					const element = holder.querySelector('svg') as SVGSVGElement;
					const { textPx } = finish(element, job.palette ? sentinels : null);
					results.push({ ok: true, svg: element.outerHTML, textPx });
					holder.remove();
				} catch (caught) {
					const error = (caught ?? {}) as MermaidError;
					const loc = error.hash?.loc;
					results.push({
						ok: false,
						error: {
							name: error.name ?? 'Error',
							message: String(error.message ?? caught),
							...(loc && {
								loc: {
									first_line: loc.first_line,
									first_column: loc.first_column,
									last_line: loc.last_line,
								},
							}),
						},
					});
					// A failed render can leave its scratch element behind; it would shift later layouts.
					document.getElementById(`d${job.id}`)?.remove();
				}
			}
			return results;
		},
		{ jobs: prepared, sentinels: paletteSentinels(), actorCounterResetName },
	);
	/* v8 ignore stop -- @preserve */
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<RenderOutcome[]>((resolve) => {
		timer = setTimeout(
			() =>
				resolve(
					jobs.map(() => ({
						ok: false,
						error: { name: timeoutName, message: `Drawing took longer than ${timeoutMs / 1000} s` },
					})),
				),
			timeoutMs,
		);
	});
	try {
		return await Promise.race([work, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiagramsConfig } from '../config/diagrams.ts';
import { inStep, noProgress, type Progress } from '../core/progress.ts';
import { openDiagramCache, settlingKey, type CachedRendering, type DiagramCache } from './cache.ts';
import { launchChromium, resolveChromiumPath, type LaunchResult } from './chromium.ts';
import { diagramCacheKey, diagramSourceHash } from './mermaid-config.ts';
import { drawingBundle } from './mermaid-bundle.ts';
import {
	createDiagramRenderer,
	timeoutName,
	type DiagramRenderer,
	type RenderJob,
} from './render-page.ts';
import { compactSvg, scopeSvgIds } from './svg-ids.ts';
import { errorLine } from '../core/error-line.ts';

/**
 * One diagram as drawn: one SVG for both site themes, the `<svg>` id every id inside it starts
 * with, and its smallest text in CSS px at its own size; or the error mermaid threw.
 */
export type DiagramRendering =
	| { ok: true; svg: string; idBase: string; textPx: number; asParsed: boolean }
	| { ok: false; error: Extract<CachedRendering, { ok: false }> };

export interface DiagramStats {
	rendered: number;
	cached: number;
	/** Left to the reader's browser because no browser could draw them at build time. */
	client: number;
	ms: number;
}

export interface DiagramServiceOptions {
	config: DiagramsConfig;
	cacheDir: string;
	/** Called once when no browser can be started; the site then draws diagrams in the reader's browser. */
	onBrowserMissing?: (problem: { path: string; reason: string }) => void;
	/** Called once for each change to mermaid's bundle that did not apply (`patchMermaidBundle`): drawings stay the same, slower. */
	onPatchMissing?: (problem: string) => void;
	/** Told when Chromium starts and after each batch of diagrams it draws. */
	progress?: Progress;
	/** Tabs that draw at once (each its own renderer process); `tabCount()` by default. */
	tabs?: number;
}

/**
 * Draws mermaid sources to SVG through the content-hash cache, starting Chromium only when some
 * diagram is not cached yet. One service lives per build (or dev server); `renderAll` takes every
 * diagram of the tree at once so they are drawn in batches over one browser.
 */
export interface DiagramService {
	/** `svg` while a browser is available (or every diagram is cached); `client` after a launch failed. */
	readonly mode: 'svg' | 'client';
	renderAll(
		sources: string[],
	): Promise<{ renderings: Map<string, DiagramRendering>; stats: DiagramStats }>;
	/** One source, from memory or the cache, drawing it if needed; `undefined` in client mode. */
	get(source: string): Promise<DiagramRendering | undefined>;
	/** Whether some of `sources` is neither drawn yet nor in the cache. */
	needsDrawing(sources: string[]): Promise<boolean>;
	/** Starts the browser (once) and its tabs, and says the mode once they are ready or have failed. */
	start(): Promise<'svg' | 'client'>;
	/** Why no browser could start, once `start` or a drawing found out. */
	readonly browserProblem: { path: string; reason: string } | undefined;
	close(): Promise<void>;
	cache: DiagramCache;
}

/** What the site's rehype step needs of a service: the mode, and one drawing at a time. */
export type DiagramLookup = Pick<DiagramService, 'mode' | 'get'>;

export function createDiagramService(options: DiagramServiceOptions): DiagramService {
	const cache = openDiagramCache(options.cacheDir);
	const memory = new Map<string, DiagramRendering>();
	let launch: Promise<LaunchResult> | undefined;
	let renderer: Promise<DiagramRenderer | undefined> | undefined;
	let mode: 'svg' | 'client' = 'svg';
	let browserProblem: { path: string; reason: string } | undefined;
	const progress = options.progress ?? noProgress;
	// Sources a `renderAll` call is drawing: another call waits for that drawing instead of
	// starting its own (the checks and the site share one service in `waymark build`).
	const inFlight = new Map<string, Promise<void>>();
	// Sources this service drew (not read from the cache), for the stats of a call that waited, and
	// how long its drawing took: a call that found them drawn by another (the checks') reports that
	// time, not its own 0 ms.
	const drawnHere = new Set<string>();
	let drawingMs = 0;
	const browserMissing = (problem: { path: string; reason: string }): void => {
		mode = 'client';
		browserProblem = problem;
		options.onBrowserMissing?.(problem);
	};
	const mermaidMissing = (why: string): void =>
		browserMissing({
			path: resolveChromiumPath(options.config.chromium),
			reason: `it could not load mermaid (${why})`,
		});
	/** The cached drawings of `sources`, by source (those not in the cache are left out). */
	const fromCache = async (sources: string[]): Promise<Map<string, CachedRendering>> => {
		const hits = await Promise.all(
			sources.map((source) => settledEntry(cache, diagramCacheKey(source, options.config))),
		);
		return new Map(sources.flatMap((source, i) => (hits[i] ? [[source, hits[i]] as const] : [])));
	};

	const getRenderer = () => {
		renderer ??= (async () => {
			const path = resolveChromiumPath(options.config.chromium);
			launch ??= inStep(progress, `starting Chromium (${path}) to draw diagrams`, () =>
				launchChromium(path),
			);
			const launched = await launch;
			if (!launched.ok) {
				browserMissing({ path: launched.path, reason: launched.reason });
				return undefined;
			}
			for (const problem of (await drawingBundle()).problems) options.onPatchMissing?.(problem);
			return createDiagramRenderer(launched.browser, options.config, options.tabs);
		})();
		return renderer;
	};

	const service: DiagramService = {
		get mode() {
			return mode;
		},
		cache,
		get browserProblem() {
			return browserProblem;
		},
		async needsDrawing(sources) {
			const unique = [...new Set(sources)].filter((s) => !memory.has(s) && !inFlight.has(s));
			return (await fromCache(unique)).size < unique.length;
		},
		async start() {
			// Tabs that cannot load mermaid fail here, not halfway through a build that started in SVG mode.
			const why = await (await getRenderer())?.ready();
			if (why !== undefined && mode === 'svg') mermaidMissing(why);
			return mode;
		},
		async renderAll(sources) {
			const started = performance.now();
			const pending = [...new Set(sources)].filter((s) => !memory.has(s));
			const elsewhere = pending.filter((s) => inFlight.has(s));
			const unique = pending.filter((s) => !inFlight.has(s));
			let settle!: () => void;
			const drawing = new Promise<void>((resolve) => (settle = resolve));
			for (const source of unique) inFlight.set(source, drawing);
			try {
				return await drawAndReport(unique, sources, started, elsewhere);
			} finally {
				for (const source of unique) inFlight.delete(source);
				settle();
			}
		},
		async get(source) {
			if (!memory.has(source)) await service.renderAll([source]);
			return memory.get(source);
		},
		async close() {
			const active = await renderer;
			await active?.close();
			const launched = await launch;
			if (launched?.ok) await launched.browser.close().catch(() => undefined);
			renderer = undefined;
			launch = undefined;
		},
	};

	/** Draws `unique` (none in memory or being drawn), waits for `elsewhere`, and answers for `sources`. */
	async function drawAndReport(
		unique: string[],
		sources: string[],
		started: number,
		elsewhere: string[],
	): Promise<{ renderings: Map<string, DiagramRendering>; stats: DiagramStats }> {
		const found = await fromCache(unique);
		const toDraw = unique.filter((source) => !found.has(source));
		if (toDraw.length > 0) {
			const active = mode === 'client' ? undefined : await getRenderer();
			if (active) {
				const jobs: RenderJob[] = toDraw.map((source) => ({ id: svgIdFor(source), source }));
				let outcomes: Awaited<ReturnType<DiagramRenderer['render']>> = [];
				try {
					let drawn = 0;
					const drawingFrom = performance.now();
					outcomes = await inStep(
						progress,
						`drawing ${jobs.length} diagram${jobs.length === 1 ? '' : 's'} in Chromium`,
						() =>
							active.render(jobs, (count) =>
								progress.tick(`${(drawn += count)} of ${jobs.length} diagrams drawn`),
							),
					);
					drawingMs += performance.now() - drawingFrom;
				} catch (error) {
					mermaidMissing(errorLine(error));
				}
				await Promise.all(
					outcomes.map(async (outcome, i) => {
						const job = jobs[i] as RenderJob;
						const value: CachedRendering = outcome.ok
							? await drawnEntry(compactSvg(scopeSvgIds(outcome.svg, job.id)), outcome.textPx)
							: { ok: false, ...outcome.error };
						found.set(job.source, value);
						drawnHere.add(job.source);
						// A drawing cut off by the timeout says nothing of the diagram: the next build tries again.
						if (outcome.ok || outcome.error.name !== timeoutName)
							await cache.set(diagramCacheKey(job.source, options.config), value);
					}),
				);
			}
		}
		for (const [source, entry] of found) memory.set(source, toRendering(source, entry));
		await Promise.all(elsewhere.map((source) => inFlight.get(source) ?? Promise.resolve()));
		const renderings = new Map<string, DiagramRendering>();
		for (const source of sources) {
			const rendering = memory.get(source);
			if (rendering) renderings.set(source, rendering);
		}
		// Counted over every source asked for: what this service drew for another call (still
		// drawing, or done before this one asked) is drawn for this one too.
		const asked = [...new Set(sources)];
		const rendered = asked.filter((source) => drawnHere.has(source)).length;
		const cached = asked.filter((source) => memory.has(source)).length - rendered;
		const stats = {
			rendered,
			cached,
			client: asked.length - rendered - cached,
			ms: Math.round(Math.max(performance.now() - started, rendered > 0 ? drawingMs : 0)),
		};
		// A call that only waited for another's drawing has nothing of its own to record.
		if (unique.length > 0 || elsewhere.length === 0)
			await writeStats(options.cacheDir, { ...stats, mode, diagrams: asked.length });
		return { renderings, stats };
	}
	return service;
}

/** The `<svg>` id of a diagram; every id inside the SVG starts with it. */
function svgIdFor(source: string): string {
	return `wm-${diagramSourceHash(source)}`;
}

/** A cache entry as a rendering of `source`. */
export function toRendering(source: string, entry: CachedRendering): DiagramRendering {
	return entry.ok
		? {
				ok: true,
				svg: entry.svg,
				idBase: svgIdFor(source),
				textPx: entry.textPx,
				asParsed: entry.asParsed === true && entry.settledBy === settlingKey(),
			}
		: { ok: false, error: entry };
}

/** What the cache keeps of a drawing: its SVG as pages write it, where it settles (`svg-as-parsed.ts`). */
async function drawnEntry(svg: string, textPx: number): Promise<CachedRendering> {
	// Loaded when there is a drawing to keep: `waymark check` on a tree whose drawings are kept never parses HTML.
	const { svgAsParsed } = await import('./svg-as-parsed.ts');
	return { ok: true, textPx, ...svgAsParsed(svg), settledBy: settlingKey() };
}

/** The entry under `key`; one kept before drawings were kept as pages write them, or settled by other code, is settled now, and kept so. */
async function settledEntry(
	cache: DiagramCache,
	key: string,
): Promise<CachedRendering | undefined> {
	const entry = await cache.get(key);
	if (!entry?.ok || entry.settledBy === settlingKey()) return entry;
	const settled = await drawnEntry(entry.svg, entry.textPx);
	// A cache this build may only read (a shared one) is settled again next time.
	await cache.set(key, settled).catch(() => undefined);
	return settled;
}

async function writeStats(
	dir: string,
	stats: DiagramStats & { mode: string; diagrams: number },
): Promise<void> {
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'last-run.json'), `${JSON.stringify(stats)}\n`);
}

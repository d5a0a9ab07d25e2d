import type { DiagramsConfig } from '../config/diagrams.ts';
import { openVerdictCache, type ContentCache, type DiagramVerdict } from './cache.ts';
import type { Progress } from '../core/progress.ts';
import {
	describeMermaidError,
	type DiagramProblem,
	type MermaidErrorLike,
} from './diagram-errors.ts';
import { inspectDiagramSource } from './diagram-source.ts';
import {
	createDiagramService,
	type DiagramRendering,
	type DiagramService,
} from './diagram-service.ts';
import type { MermaidBlock } from './mermaid-blocks.ts';
import { diagramCacheKey, diagramParseKey } from './mermaid-config.ts';
import { parseDiagrams } from './parse-diagrams.ts';
import { resolveDiagramCacheDir } from './prerender.ts';

/** How `findDiagramProblems` judged the distinct diagram sources it was given. */
export interface ValidationStats {
	diagrams: number;
	/** Judged by a verdict an earlier run kept: neither parsed nor drawn. */
	fromVerdicts: number;
	/** Judged by a drawing already in the drawing cache (the build drew it): not drawn again. */
	fromDrawings: number;
	drawn: number;
	/** Parsed by mermaid in the worker thread. */
	parsed: number;
}

/**
 * Every problem of `blocks`, for `waymark check`. With `draw`, the verdict is the drawing
 * engine's: each diagram is drawn in Chromium (or read from the drawing cache), so a diagram the
 * site can draw is never reported, and parse and drawing errors come from one run. Without `draw`,
 * or without a browser, mermaid's parser runs in a worker thread: cheaper when nothing is drawn
 * (442 diagrams: 5.1 s of CPU, against 6.5 s to start Chromium and parse them there).
 * Verdicts are kept next to the drawings, keyed like them by content and engine, so a diagram
 * unchanged since it last validated is neither parsed nor drawn again. With `service` (the
 * build's, shared with the site) the drawings are made there and it stays open.
 */
export async function findDiagramProblems(
	blocks: MermaidBlock[],
	options: { config: DiagramsConfig; draw: boolean; progress?: Progress; service?: DiagramService },
): Promise<{ problems: BlockProblem[]; drawn: boolean; stats: ValidationStats }> {
	const sources = [...new Set(blocks.map((b) => b.source))];
	const stats: ValidationStats = {
		diagrams: sources.length,
		fromVerdicts: 0,
		fromDrawings: 0,
		drawn: 0,
		parsed: 0,
	};
	if (sources.length === 0) return { problems: [], drawn: false, stats };
	const cacheDir = resolveDiagramCacheDir(options.config);
	const verdicts = openVerdictCache(cacheDir);
	const judged = new Map<string, DiagramVerdict>();
	if (options.draw) {
		const keyOf = (source: string) => diagramCacheKey(source, options.config);
		stats.fromVerdicts += await readVerdicts(verdicts, sources, keyOf, judged);
		const missing = sources.filter((source) => !judged.has(source));
		if (missing.length > 0) {
			const service =
				options.service ??
				createDiagramService({
					config: options.config,
					cacheDir,
					...(options.progress && { progress: options.progress }),
				});
			try {
				const { renderings, stats: drawing } = await service.renderAll(missing);
				if (service.mode === 'svg') {
					stats.drawn = drawing.rendered;
					stats.fromDrawings = drawing.cached;
					await keepVerdicts(verdicts, missing, keyOf, judged, (source) =>
						verdictOf(renderings.get(source)),
					);
				}
			} finally {
				if (!options.service) await service.close();
			}
		}
	}
	const drawn = options.draw && judged.size === sources.length;
	const unjudged = sources.filter((source) => !judged.has(source));
	if (unjudged.length > 0) {
		stats.fromVerdicts += await readVerdicts(verdicts, unjudged, diagramParseKey, judged);
		const toParse = unjudged.filter((source) => !judged.has(source));
		const outcomes = await parseDiagrams(toParse);
		stats.parsed = toParse.length;
		const parsed = new Map(toParse.map((source, i) => [source, outcomes[i]]));
		await keepVerdicts(verdicts, toParse, diagramParseKey, judged, (source) => {
			const outcome = parsed.get(source);
			return (
				outcome &&
				(outcome.ok
					? { ok: true }
					: { ok: false, ...outcome.error, name: outcome.error.name ?? 'Error' })
			);
		});
	}
	const problems = blocks.flatMap((block) => {
		const verdict = judged.get(block.source);
		return problemsOf(block, verdict && !verdict.ok ? verdict : undefined);
	});
	return { problems, drawn, stats };
}

/** Verdicts of `sources` kept by earlier runs, into `judged`; returns how many were found. */
async function readVerdicts(
	cache: ContentCache<DiagramVerdict>,
	sources: string[],
	keyOf: (source: string) => string,
	judged: Map<string, DiagramVerdict>,
): Promise<number> {
	const found = await Promise.all(sources.map((source) => cache.get(keyOf(source))));
	let count = 0;
	found.forEach((verdict, i) => {
		if (!verdict) return;
		judged.set(sources[i] as string, verdict);
		count++;
	});
	return count;
}

/** Records each source's verdict (when it has one) in `judged` and in the cache. */
async function keepVerdicts(
	cache: ContentCache<DiagramVerdict>,
	sources: string[],
	keyOf: (source: string) => string,
	judged: Map<string, DiagramVerdict>,
	verdictFor: (source: string) => DiagramVerdict | undefined,
): Promise<void> {
	await Promise.all(
		sources.map(async (source) => {
			const verdict = verdictFor(source);
			if (!verdict) return;
			judged.set(source, verdict);
			await cache.set(keyOf(source), verdict);
		}),
	);
}

function verdictOf(rendering: DiagramRendering | undefined): DiagramVerdict | undefined {
	if (!rendering) return undefined;
	return rendering.ok ? { ok: true } : rendering.error;
}

/** What is wrong with each block, before any drawing: mermaid's parser plus what it silently accepts. */
export async function parseProblems(blocks: MermaidBlock[]): Promise<BlockProblem[]> {
	const outcomes = await parseDiagrams(blocks.map((b) => b.source));
	return blocks.flatMap((block, i) => {
		const outcome = outcomes[i];
		return problemsOf(block, outcome && !outcome.ok ? outcome.error : undefined);
	});
}

/** Problems found by drawing: parse errors too, since drawing parses first, plus render-only errors. */
export function renderProblems(
	blocks: MermaidBlock[],
	renderings: Map<string, DiagramRendering>,
): BlockProblem[] {
	return blocks.flatMap((block) => {
		const rendering = renderings.get(block.source);
		return problemsOf(block, rendering && !rendering.ok ? rendering.error : undefined);
	});
}

/** `fatal`: mermaid threw, so the diagram cannot be drawn (the other problems are what it silently accepts). */
export type BlockProblem = { block: MermaidBlock; problem: DiagramProblem; fatal: boolean };

/** Mermaid's error first, when it threw, then what it silently accepts. */
function problemsOf(block: MermaidBlock, error: MermaidErrorLike | undefined): BlockProblem[] {
	const problems: BlockProblem[] = inspectDiagramSource(block.source).map((p) => ({
		block,
		problem: { ruleId: 'mermaid-syntax', ...p },
		fatal: false,
	}));
	if (error)
		problems.unshift({ block, problem: describeMermaidError(error, block.source), fatal: true });
	return problems;
}

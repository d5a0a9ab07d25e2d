import type { DiagramsConfig } from '../config/diagrams.ts';
import type { Progress } from '../core/progress.ts';
import { describeMermaidError, type DiagramProblem, type MermaidErrorLike } from './diagram-errors.ts';
import { inspectDiagramSource } from './diagram-source.ts';
import { createDiagramService, type DiagramRendering } from './diagram-service.ts';
import type { MermaidBlock } from './mermaid-blocks.ts';
import { parseDiagrams } from './parse-diagrams.ts';
import { resolveDiagramCacheDir } from './prerender.ts';

/**
 * Every problem of `blocks`, for `waymark check`. With `draw`, the verdict is the drawing
 * engine's: each diagram is drawn in Chromium (or read from the drawing cache), so a diagram the
 * site can draw is never reported, and parse and drawing errors come from one run. Without `draw`,
 * or without a browser, mermaid's parser runs in a worker thread: cheaper when nothing is drawn
 * (442 diagrams: 5.1 s of CPU, against 6.5 s to start Chromium and parse them there).
 */
export async function findDiagramProblems(blocks: MermaidBlock[], options: { config: DiagramsConfig; draw: boolean; progress?: Progress }): Promise<{ problems: BlockProblem[]; drawn: boolean }> {
	if (blocks.length === 0) return { problems: [], drawn: false };
	if (options.draw) {
		const service = createDiagramService({ config: options.config, cacheDir: resolveDiagramCacheDir(options.config), ...(options.progress && { progress: options.progress }) });
		try {
			const { renderings } = await service.renderAll(blocks.map((b) => b.source));
			if (service.mode === 'svg') return { problems: renderProblems(blocks, renderings), drawn: true };
		} finally {
			await service.close();
		}
	}
	return { problems: await parseProblems(blocks), drawn: false };
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
export function renderProblems(blocks: MermaidBlock[], renderings: Map<string, DiagramRendering>): BlockProblem[] {
	return blocks.flatMap((block) => {
		const rendering = renderings.get(block.source);
		return problemsOf(block, rendering && !rendering.ok ? rendering.error : undefined);
	});
}

/** `fatal`: mermaid threw, so the diagram cannot be drawn (the other problems are what it silently accepts). */
export type BlockProblem = { block: MermaidBlock; problem: DiagramProblem; fatal: boolean };

/** Mermaid's error first, when it threw, then what it silently accepts. */
function problemsOf(block: MermaidBlock, error: MermaidErrorLike | undefined): BlockProblem[] {
	const problems: BlockProblem[] = inspectDiagramSource(block.source).map((p) => ({ block, problem: { ruleId: 'mermaid-syntax', ...p }, fatal: false }));
	if (error) problems.unshift({ block, problem: describeMermaidError(error, block.source), fatal: true });
	return problems;
}


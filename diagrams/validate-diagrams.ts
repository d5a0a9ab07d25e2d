import { describeMermaidError, type DiagramProblem, type MermaidErrorLike } from './diagram-errors.ts';
import { inspectDiagramSource } from './diagram-source.ts';
import type { DiagramRendering } from './diagram-service.ts';
import type { MermaidBlock } from './mermaid-blocks.ts';
import { parseDiagrams } from './parse-diagrams.ts';

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

export type BlockProblem = { block: MermaidBlock; problem: DiagramProblem };

/** Mermaid's error first, when it threw, then what it silently accepts. */
function problemsOf(block: MermaidBlock, error: MermaidErrorLike | undefined): BlockProblem[] {
	const problems: DiagramProblem[] = inspectDiagramSource(block.source).map((p) => ({ ruleId: 'mermaid-syntax', ...p }));
	if (error) problems.unshift(describeMermaidError(error, block.source));
	return problems.map((problem) => ({ block, problem }));
}


import type { Finding } from '../finding.ts';
import { ruleDocsUrl } from '../finding.ts';
import { describeMermaidError, type DiagramProblem } from './diagram-errors.ts';
import { inspectDiagramSource } from './diagram-source.ts';
import type { DiagramRendering } from './diagram-service.ts';
import { positionInPage, type MermaidBlock } from './mermaid-blocks.ts';
import { parseDiagrams } from './parse-diagrams.ts';

/** What is wrong with each block, before any drawing: mermaid's parser plus what it silently accepts. */
export async function parseProblems(blocks: MermaidBlock[]): Promise<Array<{ block: MermaidBlock; problem: DiagramProblem }>> {
	const outcomes = await parseDiagrams(blocks.map((b) => b.source));
	return blocks.flatMap((block, i) => {
		const outcome = outcomes[i];
		const problems: DiagramProblem[] = inspectDiagramSource(block.source).map((p) => ({ ruleId: 'mermaid-syntax', ...p }));
		if (outcome && !outcome.ok) problems.unshift(describeMermaidError(outcome.error, block.source));
		return problems.map((problem) => ({ block, problem }));
	});
}

/** Problems found by drawing: parse errors too, since drawing parses first, plus render-only errors. */
export function renderProblems(blocks: MermaidBlock[], renderings: Map<string, DiagramRendering>): Array<{ block: MermaidBlock; problem: DiagramProblem }> {
	return blocks.flatMap((block) => {
		const problems: DiagramProblem[] = inspectDiagramSource(block.source).map((p) => ({ ruleId: 'mermaid-syntax', ...p }));
		const rendering = renderings.get(block.source);
		if (rendering && !rendering.ok) problems.unshift(describeMermaidError(rendering.error, block.source));
		return problems.map((problem) => ({ block, problem }));
	});
}

/** A problem as an error finding (the build's view; `waymark check` applies configured severities). */
export function toDiagramFinding({ block, problem }: { block: MermaidBlock; problem: DiagramProblem }): Finding {
	return { ruleId: problem.ruleId, severity: 'error', file: block.file, position: positionInPage(block, problem), message: problem.message, url: ruleDocsUrl(problem.ruleId) };
}

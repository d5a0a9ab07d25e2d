import { collectMermaidBlocks } from '../../../diagrams/mermaid-blocks.ts';
import { findDiagramProblems, type BlockProblem } from '../../../diagrams/validate-diagrams.ts';
import type { RuleContext } from '../define-rule.ts';

// One run per check: `mermaid-syntax` and `mermaid-render` run concurrently and share it. Keyed
// by the run's target set, which the engine creates once per run and hands to every rule.
const runs = new WeakMap<Set<string>, Promise<BlockProblem[]>>();

/**
 * The diagram problems of the pages being checked, found once for both mermaid rules: drawn in
 * Chromium when `diagrams.renderInCheck` is on and `mermaid-render` is not off, else parsed.
 */
export function diagramProblems(ctx: RuleContext): Promise<BlockProblem[]> {
	let run = runs.get(ctx.targets);
	if (!run) {
		const draw =
			ctx.config.diagrams.renderInCheck && ctx.config.checks.rules['mermaid-render'] !== 'off';
		run = findDiagramProblems(collectMermaidBlocks(ctx.tree, ctx.targets), {
			config: ctx.config.diagrams,
			draw,
			progress: ctx.progress,
			...(ctx.diagrams && { service: ctx.diagrams }),
		}).then(({ problems, stats }) => {
			ctx.trace?.(
				`waymark: diagrams: ${stats.diagrams} checked, ${stats.fromVerdicts} verdicts kept, ${stats.fromDrawings} from drawings, ${stats.parsed} parsed, ${stats.drawn} drawn`,
			);
			return problems;
		});
		runs.set(ctx.targets, run);
	}
	return run;
}

import { positionInPage } from '../../diagrams/mermaid-blocks.ts';
import { defineRule } from './define-rule.ts';
import { diagramProblems } from './support/diagram-problems.ts';

export default defineRule({
	id: 'mermaid-render',
	description:
		'Every ```mermaid block that parses can also be drawn (an invalid gantt date parses but fails to draw). Needs Chromium; drawings land in the same cache the build uses, so a check warms the next build. Off when `diagrams.renderInCheck` is false or no browser exists.',
	defaultSeverity: 'error',
	// Its diagrams are collected from page facts as it starts; then it waits for drawing or parsing.
	readsSyntaxTrees: false,
	examples: {
		ok: [
			{
				title: 'a gantt chart with valid dates',
				files: {
					'README.md':
						'# Plan\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  section Cutover\n  Freeze :a1, 2026-11-20, 1d\n```\n',
				},
			},
		],
		notOk: [
			{
				title: 'a gantt date that does not exist',
				files: {
					'README.md':
						'# Plan\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  section Cutover\n  Freeze :a1, 2026-13-45, 1d\n```\n',
				},
				output: [
					"README.md:7:15: Unexpected invalid date `2026-13-45`, expected a date matching the diagram's `dateFormat` (mermaid-render)",
				],
			},
		],
	},
	async check(ctx) {
		if (!ctx.config.diagrams.renderInCheck) return;
		for (const { block, problem } of await diagramProblems(ctx)) {
			if (problem.ruleId === 'mermaid-render')
				ctx.report({
					file: block.file,
					position: positionInPage(block, problem),
					message: problem.message,
				});
		}
	},
});

import { positionInPage } from '../../diagrams/mermaid-blocks.ts';
import { defineRule } from './define-rule.ts';
import { diagramProblems } from './support/diagram-problems.ts';

const page = (diagram: string) => `# Failover\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`;

export default defineRule({
	id: 'mermaid-syntax',
	description:
		"Every ```mermaid block parses with mermaid's own parser, in the Chromium that draws the site's diagrams (or, when nothing is drawn, mermaid in a worker thread), names a known diagram type (ZenUML included), and has valid `%%{init}%%` JSON and a known theme (mermaid silently ignores both).",
	defaultSeverity: 'error',
	// Its diagrams are collected from page facts as it starts; then it waits for drawing or parsing.
	readsSyntaxTrees: false,
	examples: {
		ok: [
			{ title: 'a flowchart', files: { 'README.md': page('flowchart LR\n  primary --> replica') } },
			{
				title: 'an init directive with a known theme',
				files: {
					'README.md': page('%%{init: {"theme": "dark"}}%%\nsequenceDiagram\n  ops->>db: promote'),
				},
			},
		],
		notOk: [
			{
				title: 'a misspelt diagram type',
				files: { 'README.md': page('flowchat TD\n  A --> B') },
				output: [
					'README.md:4:1: Unexpected unknown diagram type `flowchat`, expected a Mermaid diagram type; did you mean `flowchart` (mermaid-syntax)',
				],
			},
			{
				title: 'a syntax error, at its line in the page',
				files: {
					'README.md': page('sequenceDiagram\n  ops->>db: stop writes\n  ops->>db promote'),
				},
				output: [
					'README.md:6:12: Unexpected message text without a `:` before it, expected `ops->>db: promote` (mermaid-syntax)',
				],
			},
			{
				title: 'init JSON mermaid would ignore',
				files: { 'README.md': page("%%{init: {theme: 'dark'}}%%\nflowchart TD\n  A --> B") },
				output: [
					'README.md:4:1: Unexpected invalid JSON in `%%{init: …}%%` (Expected property name or \'}\' in JSON at position 1), expected a JSON object such as `%%{init: {"theme": "dark"}}%%`; mermaid ignores the whole directive (mermaid-syntax)',
				],
			},
			{
				title: 'an unknown theme',
				files: { 'README.md': page('%%{init: {"theme": "drak"}}%%\nflowchart TD\n  A --> B') },
				output: [
					'README.md:4:1: Unexpected unknown theme `drak`, expected one of `default`, `base`, `dark`, `forest`, `neutral`, `neo`, `neo-dark`, `redux`, `redux-dark`, `redux-color`, `redux-dark-color`; did you mean `dark` (mermaid-syntax)',
				],
			},
		],
	},
	async check(ctx) {
		for (const { block, problem } of await diagramProblems(ctx)) {
			if (problem.ruleId === 'mermaid-syntax')
				ctx.report({
					file: block.file,
					position: positionInPage(block, problem),
					message: problem.message,
				});
		}
	},
});

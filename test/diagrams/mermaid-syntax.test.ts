import { describe, expect, test } from 'vitest';
import { describeMermaidError } from '../../diagrams/diagram-errors.ts';
import { inspectDiagramSource } from '../../diagrams/diagram-source.ts';
import { diagramCacheKey } from '../../diagrams/mermaid-config.ts';
import { parseDiagrams } from '../../diagrams/parse-diagrams.ts';
import { scopeSvgIds } from '../../diagrams/svg-ids.ts';
import { format, runExample } from '../checks/run-example.ts';
import mermaidSyntax from '../../checks/rules/mermaid-syntax.ts';

async function problemOf(source: string) {
	const [outcome] = await parseDiagrams([source]);
	if (!outcome || outcome.ok) throw new Error(`expected a parse error for ${source}`);
	return describeMermaidError(outcome.error, source);
}

describe('mermaid parse errors', () => {
	test('reports an unknown diagram type with a suggestion at the header line', async () => {
		expect(await problemOf('%% owner: ops\n\nflowchat TD\n  A --> B')).toEqual({
			ruleId: 'mermaid-syntax',
			line: 3,
			column: 1,
			message:
				'Unexpected unknown diagram type `flowchat`, expected a Mermaid diagram type; did you mean `flowchart`',
		});
	});

	test.each([
		[
			'a jison parser (flowchart) after a comment and a directive',
			'%% note\n%%{init: {"theme": "dark"}}%%\nflowchart TD\n  A --> B\n  B --> [[',
			5,
		],
		['a langium parser (pie) after front matter', '---\ntitle: Disk use\n---\npie\n  "logs": x', 5],
		['a langium parser (gitGraph) after blank lines', '\n\ngitGraph\n  commit\n  brunch hotfix', 5],
		[
			'a jison parser (sequence) on the first content line',
			'sequenceDiagram\n  ops->>db promote\n  ops->>db: check',
			2,
		],
	])('maps the error line of %s back to the author’s line', async (_name, source, line) => {
		const problem = await problemOf(source);
		expect(problem.ruleId).toBe('mermaid-syntax');
		expect(problem.line).toBe(line);
	});

	test('names the unexpected token and what was expected', async () => {
		expect((await problemOf('sequenceDiagram\n  ops->>db promote')).message).toBe(
			'Unexpected message text without a `:` before it, expected `ops->>db: promote`',
		);
		expect((await problemOf('classDiagram\n  A <|--')).message).toBe(
			'Unexpected end of line, expected one of a quoted string, a name, aggregation, extension, composition, dependency, …',
		);
		expect((await problemOf('pie\n  "logs": x')).message).toBe(
			'Unexpected character `x`, expected valid pie syntax',
		);
	});

	test('classifies errors thrown while drawing as mermaid-render, at the line holding the bad value', () => {
		const source = 'gantt\n  dateFormat YYYY-MM-DD\n  Freeze :a1, 2026-13-45, 1d';
		expect(
			describeMermaidError({ name: 'Error', message: 'Invalid date:2026-13-45' }, source),
		).toEqual({
			ruleId: 'mermaid-render',
			line: 3,
			column: 15,
			message:
				"Unexpected invalid date `2026-13-45`, expected a date matching the diagram's `dateFormat`",
		});
	});
});

describe('what mermaid accepts silently', () => {
	test('reports init JSON that mermaid would drop', () => {
		expect(inspectDiagramSource('flowchart TD\n%%{init: {"theme": "dark",}}%%\n  A --> B')).toEqual(
			[
				{
					line: 2,
					column: 1,
					message:
						'Unexpected invalid JSON in `%%{init: …}%%` (Expected double-quoted property name in JSON at position 17), expected a JSON object such as `%%{init: {"theme": "dark"}}%%`; mermaid ignores the whole directive',
				},
			],
		);
	});

	test('reports unknown themes in directives and front matter', () => {
		const problems = inspectDiagramSource(
			'---\nconfig:\n  theme: forrest\n---\nflowchart TD\n  A --> B',
		);
		expect(
			problems.map((p) => [p.line, p.message.split(',')[0], p.message.split('; ')[1]]),
		).toEqual([[3, 'Unexpected unknown theme `forrest`', 'did you mean `forest`']]);
		expect(
			inspectDiagramSource('%%{init: {"theme": "neutral"}}%%\nflowchart TD\n  A --> B'),
		).toEqual([]);
	});

	test('accepts a valid diagram', async () => {
		expect(await parseDiagrams(['flowchart TD\n  A --> B'])).toEqual([
			{ ok: true, diagramType: 'flowchart-v2' },
		]);
	});
});

describe('the mermaid-syntax rule', () => {
	test('reports every broken diagram of a page at page line and fence indentation', async () => {
		const findings = await runExample(mermaidSyntax, {
			'README.md':
				'# Ops\n\n1. Fail over:\n\n   ```mermaid\n   flowchat TD\n     A --> B\n   ```\n\n```mermaid\npie\n  "a": 1\n```\n\n```mermaid\nclassDiagram\n  A <|--\n```\n',
		});
		expect(format(findings)).toEqual([
			'README.md:6:4: Unexpected unknown diagram type `flowchat`, expected a Mermaid diagram type; did you mean `flowchart` (mermaid-syntax)',
			'README.md:17:7: Unexpected end of line, expected one of a quoted string, a name, aggregation, extension, composition, dependency, … (mermaid-syntax)',
		]);
	});
});

describe('ids and cache keys', () => {
	test('prefixes fixed marker ids and their references with the svg id', () => {
		const svg =
			'<svg id="wm-1-light" aria-labelledby="t"><title id="t">x</title><defs><marker id="arrowhead"/></defs><path marker-end="url(#arrowhead)"/><use href="#arrowhead"/><g id="wm-1-light-node"/></svg>';
		expect(scopeSvgIds(svg, 'wm-1-light')).toBe(
			'<svg id="wm-1-light" aria-labelledby="wm-1-light-t"><title id="wm-1-light-t">x</title><defs><marker id="wm-1-light-arrowhead"/></defs><path marker-end="url(#wm-1-light-arrowhead)"/><use href="#wm-1-light-arrowhead"/><g id="wm-1-light-node"/></svg>',
		);
	});

	test('keys the cache on source and pinned configuration, one key for both themes', () => {
		const config = { look: 'classic', layout: 'dagre' } as const;
		const key = diagramCacheKey('flowchart TD\n  A --> B', config);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(diagramCacheKey('flowchart TD\n  A --> B', config)).toBe(key);
		expect(diagramCacheKey('flowchart TD\n  A --> C', config)).not.toBe(key);
		expect(diagramCacheKey('flowchart TD\n  A --> B', { ...config, look: 'handDrawn' })).not.toBe(
			key,
		);
	});
});

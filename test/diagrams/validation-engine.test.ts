import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { createDiagramService } from '../../diagrams/diagram-service.ts';
import type { MermaidBlock } from '../../diagrams/mermaid-blocks.ts';
import { parseDiagrams } from '../../diagrams/parse-diagrams.ts';
import { findDiagramProblems } from '../../diagrams/validate-diagrams.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Diagrams mermaid draws that a Node-side parser once rejected: a sequence `box` (mermaid asks
// the DOM whether its first word is a colour) and ZenUML (a plugin, not in the mermaid package).
const box =
	'sequenceDiagram\n  box Aqua On call\n    participant ops\n  end\n  box rgb(200, 220, 255)\n    participant db\n  end\n  ops->>db: promote';
const zen = 'zenuml\n  title Failover\n  Ops->DB.promote() {\n    return ok\n  }';
const unclosedBox = 'sequenceDiagram\n  box Aqua\n  participant ops\n  ops->>ops: check';
const blockOf = (source: string): MermaidBlock => ({
	file: 'README.md',
	source,
	contentLine: 4,
	fenceColumn: 1,
});

let cacheDir: string;
beforeAll(async () => {
	cacheDir = await writeFixture({});
});
afterAll(() => removeFixture(cacheDir));

describe('the worker-thread parser (no drawing)', () => {
	test('parses a sequence `box`, with or without a colour, and a ZenUML diagram', async () => {
		expect(await parseDiagrams([box, zen])).toEqual([
			{ ok: true, diagramType: 'sequence' },
			{ ok: true, diagramType: 'zenuml' },
		]);
	});

	test('still rejects a `box` without its `end`', async () => {
		const [outcome] = await parseDiagrams([unclosedBox]);
		expect(outcome?.ok).toBe(false);
	});
});

describe('the drawing engine as the judge', () => {
	const config = () => ({ ...parseConfig({}).diagrams, cacheDir });

	test(
		'draws a sequence `box` and a ZenUML diagram, and reports only the broken one',
		{ timeout: 90_000 },
		async () => {
			const { problems, drawn } = await findDiagramProblems(
				[blockOf(box), blockOf(zen), blockOf(unclosedBox)],
				{ config: config(), draw: true },
			);
			expect(drawn).toBe(true);
			expect(
				problems.map((p) => [p.block.source === unclosedBox, p.problem.ruleId, p.fatal]),
			).toEqual([[true, 'mermaid-syntax', true]]);
		},
	);

	test('draws ZenUML as an SVG', { timeout: 90_000 }, async () => {
		const service = createDiagramService({ config: config(), cacheDir });
		try {
			const rendering = await service.get(zen);
			expect(rendering?.ok).toBe(true);
			if (rendering?.ok) expect(rendering.svg).toMatch(/^<svg[^>]*>[\s\S]*Failover[\s\S]*<\/svg>$/);
		} finally {
			await service.close();
		}
	});

	test(
		'judges from the drawing cache without a browser once a diagram was drawn',
		{ timeout: 90_000 },
		async () => {
			const { problems, drawn } = await findDiagramProblems([blockOf(box), blockOf(unclosedBox)], {
				config: { ...config(), chromium: '/nonexistent/chromium' },
				draw: true,
			});
			expect(drawn).toBe(true);
			expect(problems.map((p) => p.block.source === unclosedBox)).toEqual([true]);
		},
	);
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { rules } from '../../checks/rules/index.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Two pages share a diagram, one diagram is broken at line 6 of its page.
const files = {
	'README.md':
		'# Failover\n\n```mermaid\nflowchart LR\n  primary --> replica\n```\n\nSee [the cutover](cutover.md).\n',
	'cutover.md':
		'# Cutover\n\n```mermaid\nsequenceDiagram\n  ops->>db: stop writes\n  ops->>db promote\n```\n\n```mermaid\nflowchart LR\n  primary --> replica\n```\n',
};
const broken =
	'cutover.md:6:12: Unexpected message text without a `:` before it, expected `ops->>db: promote` (mermaid-syntax)';

let root: string;
let cacheDir: string;
beforeEach(async () => {
	root = await writeFixture(files);
	cacheDir = await writeFixture({});
});
afterEach(async () => {
	await removeFixture(root);
	await removeFixture(cacheDir);
});

/** `waymark check` with the mermaid rules only, returning its findings and its diagram trace line. */
async function check(diagrams: Record<string, unknown>) {
	const lines: string[] = [];
	const mermaidRules = {
		'mermaid-syntax': rules['mermaid-syntax'],
		'mermaid-render': rules['mermaid-render'],
	};
	const report = await checkTree({
		root,
		config: parseConfig({ diagrams: { cacheDir, ...diagrams } }),
		rules: mermaidRules,
		trace: (line) => lines.push(line),
	});
	return {
		findings: report.findings.map(formatFinding),
		diagrams: lines.filter((line) => line.startsWith('waymark: diagrams:')),
	};
}

describe('a second check of an unchanged tree', () => {
	test('parses nothing and reports the same findings when nothing is drawn', async () => {
		const first = await check({ renderInCheck: false });
		const second = await check({ renderInCheck: false });
		expect(first).toEqual({
			findings: [broken],
			diagrams: [
				'waymark: diagrams: 2 checked, 0 verdicts kept, 0 from drawings, 2 parsed, 0 drawn',
			],
		});
		expect(second).toEqual({
			findings: [broken],
			diagrams: [
				'waymark: diagrams: 2 checked, 2 verdicts kept, 0 from drawings, 0 parsed, 0 drawn',
			],
		});
	});

	test(
		'draws nothing and reports the same findings when the check draws, until the drawing settings change',
		{ timeout: 120_000 },
		async () => {
			const first = await check({});
			const second = await check({});
			const handDrawn = await check({ look: 'handDrawn' });
			expect(first).toEqual({
				findings: [broken],
				diagrams: [
					'waymark: diagrams: 2 checked, 0 verdicts kept, 0 from drawings, 0 parsed, 2 drawn',
				],
			});
			expect(second).toEqual({
				findings: [broken],
				diagrams: [
					'waymark: diagrams: 2 checked, 2 verdicts kept, 0 from drawings, 0 parsed, 0 drawn',
				],
			});
			expect(handDrawn).toEqual({
				findings: [broken],
				diagrams: [
					'waymark: diagrams: 2 checked, 0 verdicts kept, 0 from drawings, 0 parsed, 2 drawn',
				],
			});
		},
	);

	test('uses the verdicts of an earlier parse when no browser can draw', async () => {
		await check({ renderInCheck: false });
		expect(await check({ chromium: '/nonexistent/chromium' })).toEqual({
			findings: [broken],
			diagrams: [
				'waymark: diagrams: 2 checked, 2 verdicts kept, 0 from drawings, 0 parsed, 0 drawn',
			],
		});
	});
});

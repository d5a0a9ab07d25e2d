import { afterAll, beforeAll, expect, test } from 'vitest';
import { runChecks, runRule } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import orphanPages from '../../checks/rules/orphan-pages.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let root: string;
let tree: GuidebookTree;

beforeAll(async () => {
	root = await writeFixture({
		'README.md': '# Alert runbooks\n',
		'erp/ErpDown.md': '# ErpDown\n',
		'erp/ErpBackupStale.md': '# ErpBackupStale\n',
	});
	tree = await loadGuidebookTree(root);
});

afterAll(async () => {
	await removeFixture(root);
});

const targets = () => new Set(tree.pages.keys());

test('reports no orphan page by default', async () => {
	const report = await runChecks({ root, tree, config: parseConfig({}) });
	expect(report.findings.filter((f) => f.ruleId === 'orphan-pages')).toEqual([]);
	// Positive control: turned on, the same tree has two orphans.
	const on = await runChecks({ root, tree, config: parseConfig({ checks: { rules: { 'orphan-pages': 'warning' } } }) });
	expect(on.findings.filter((f) => f.ruleId === 'orphan-pages').map((f) => f.file)).toEqual(['erp/ErpBackupStale.md', 'erp/ErpDown.md']);
});

test('never reports a page linked from outside the tree, such as an alert runbook URL', async () => {
	const findings = await runRule(orphanPages, 'warning', tree, parseConfig({}), targets(), { trust: 'trusted', setAside: [], linkedFromOutside: new Set(['/erp/ErpDown/']) });
	expect(findings.map(formatFinding)).toEqual([
		'erp/ErpBackupStale.md:1:1: Unexpected orphan page that no other page links to, expected a link from a page such as the folder page above it (orphan-pages)',
	]);
});

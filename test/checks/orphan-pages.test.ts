import { afterAll, beforeAll, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
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
		'alerts/erp.rules.yml':
			'groups:\n  - name: erp\n    rules:\n      - alert: ErpDown\n        expr: up{job="erp"} == 0\n        annotations:\n          runbook_url: https://runbooks.example.com/erp/ErpDown/\n',
	});
	tree = await loadGuidebookTree(root);
});

afterAll(async () => {
	await removeFixture(root);
});

test('reports no orphan page by default', async () => {
	const report = await runChecks({ root, tree, config: parseConfig({}) });
	expect(report.findings.filter((f) => f.ruleId === 'orphan-pages')).toEqual([]);
	// Positive control: turned on, the same tree has two orphans.
	const on = await runChecks({
		root,
		tree,
		config: parseConfig({ checks: { rules: { 'orphan-pages': 'warning' } } }),
	});
	expect(on.findings.filter((f) => f.ruleId === 'orphan-pages').map((f) => f.file)).toEqual([
		'erp/ErpBackupStale.md',
		'erp/ErpDown.md',
	]);
});

test('never reports a page linked from outside the tree, such as an alert runbook URL', async () => {
	const alerts = {
		site: { url: 'https://runbooks.example.com' },
		alerts: { rules: ['alerts/*.yml'] },
	};
	const report = await runChecks({
		root,
		tree,
		config: parseConfig({ ...alerts, checks: { rules: { 'orphan-pages': 'warning' } } }),
	});
	expect(report.findings.filter((f) => f.ruleId === 'orphan-pages').map(formatFinding)).toEqual([
		'erp/ErpBackupStale.md:1:1: Unexpected orphan page that no other page links to, expected a link from a page such as the folder page above it (orphan-pages)',
	]);
});

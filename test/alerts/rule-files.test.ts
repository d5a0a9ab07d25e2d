import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseRuleFile, readRuleFiles } from '../../alerts/rule-files.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const plain = `groups:
  - name: erp
    rules:
      - record: erp:up
        expr: max(up{job="erp"})
      - alert: ErpDown
        expr: up{job="erp"} == 0
        for: 5m
        labels: { severity: critical }
        annotations:
          summary: Dolibarr does not answer
          runbook_url: https://runbooks.example.com/erp/operations/#restart
`;

const manifest = `apiVersion: v1
kind: ConfigMap
metadata: { name: unrelated }
data: { a: b }
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: crm }
spec:
  groups:
    - name: crm
      rules:
        - alert: CrmNotReady
          expr: probe_success{probe="crm-ready"} == 0
`;

test('reads alerting rules with the line of `alert:` and of `runbook_url:`, skipping recording rules', () => {
	const { rules, problems } = parseRuleFile('rules/erp.yml', plain);
	expect(problems).toEqual([]);
	expect(rules).toEqual([
		{
			name: 'ErpDown',
			group: 'erp',
			expr: 'up{job="erp"} == 0',
			for: '5m',
			labels: { severity: 'critical' },
			annotations: {
				summary: 'Dolibarr does not answer',
				runbook_url: 'https://runbooks.example.com/erp/operations/#restart',
			},
			origin: {
				kind: 'file',
				file: 'rules/erp.yml',
				position: { line: 6, column: 9 },
				runbook: { line: 12, column: 11 },
			},
		},
	]);
});

test('reads PrometheusRule manifests among other documents of one file, each rule at its own line', () => {
	const { rules, problems } = parseRuleFile('k8s.yaml', `${manifest}---\n${plain}`);
	expect(problems).toEqual([]);
	expect(
		rules.map((r) => [r.name, r.group, r.for, r.origin.kind === 'file' && r.origin.position.line]),
	).toEqual([
		['CrmNotReady', 'crm', null, 13],
		['ErpDown', 'erp', '5m', 21],
	]);
});

test('reports bad YAML, documents that are no rule file and rules without expr at their lines', () => {
	const text =
		'groups:\n  - name: a\n    rules:\n      - alert: NoExpr\n        for: 1m\n      - expr: up\n---\nfoo: bar\n---\ngroups: [\n';
	expect(
		parseRuleFile('bad.yml', text).problems.map(
			(p) => `${p.file}:${p.position?.line}:${p.position?.column}: ${p.message}`,
		),
	).toEqual([
		'bad.yml:4:9: Unexpected alerting rule `NoExpr` without `expr`, expected a PromQL expression',
		'bad.yml:6:9: Unexpected rule in group `a` without `alert` or `record`, expected one of them',
		'bad.yml:8:1: Unexpected YAML document without a `groups:` list, expected a Prometheus rule file (`groups:`) or a `PrometheusRule` manifest (`spec.groups`)',
		'bad.yml:10:9: Unexpected YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ], expected a valid rule file',
	]);
});

let dir: string;
beforeAll(async () => {
	dir = await writeFixture({
		'docs/README.md': '# Home\n',
		'monitoring/erp.rules.yml': plain,
		'monitoring/crm.rules.yaml': manifest,
		'monitoring/notes.txt': 'not a rule file',
		'docs/alerts/local.rules.yml': plain.replace('ErpDown', 'ErpSlow'),
	});
});
afterAll(() => removeFixture(dir));

test('reads every file the globs match, relative to the guidebook root, once each and in path order', async () => {
	const root = join(dir, 'docs');
	const read = await readRuleFiles(
		['../monitoring/*.y*ml', 'alerts/*.yml', '../monitoring/erp.rules.yml'],
		root,
		'../waymark.config.yaml',
	);
	expect(read.files).toEqual([
		'../monitoring/crm.rules.yaml',
		'../monitoring/erp.rules.yml',
		'alerts/local.rules.yml',
	]);
	expect(read.rules.map((r) => r.name)).toEqual(['CrmNotReady', 'ErpDown', 'ErpSlow']);
	expect(read.problems).toEqual([]);
});

test('warns on the config file about a glob that matches nothing, and reports an unreadable rule file', async () => {
	const root = join(dir, 'docs');
	// A folder named like a rule file cannot be read as one, whoever runs the test (root reads any file).
	await mkdir(join(dir, 'monitoring/folder.rules.yml'));
	const read = await readRuleFiles(
		['../monitorng/*.yml', '../monitoring/folder.rules.yml'],
		root,
		'../waymark.config.yaml',
	);
	expect(read.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
		'../waymark.config.yaml: Unexpected `alerts.rules` pattern `../monitorng/*.yml` that matches no YAML file, expected rule files; patterns are relative to the guidebook root',
		'../monitoring/folder.rules.yml: Unexpected unreadable rule file (EISDIR), expected a file Waymark can read',
	]);
});

test("reports a pattern that matches nothing only for the config's own root, not for another tree checked with --root", async () => {
	const { loadAlertSources } = await import('../../alerts/load-alerts.ts');
	const { parseConfig } = await import('../../config/load-config.ts');
	const config = parseConfig({ root: 'docs', alerts: { rules: ['runbook-rules/*.yml'] } });
	const configFile = join(dir, 'waymark.config.yaml');
	const own = await loadAlertSources(config, join(dir, 'docs'), { configFile });
	const other = await loadAlertSources(config, join(dir, 'monitoring'), { configFile });
	expect([own.problems.length, other.problems]).toEqual([1, []]);
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { componentsInstalled, start, type Running } from '../helpers/prometheus.ts';

const rules = `groups:
  - name: erp
    rules:
      - record: erp:up
        expr: max(up)
      - alert: ErpDown
        expr: up{job="erp"} == 0
        for: 5m
        labels: { severity: critical }
        annotations:
          summary: Dolibarr does not answer
          runbook_url: https://runbooks.example.com/erp/#restart
      - alert: ErpGone
        expr: absent(up{job="erp"})
        annotations:
          runbook_url: https://runbooks.example.com/{{ $labels.alertname }}/
`;

describe.skipIf(!componentsInstalled('prometheus'))(
	'alerting rules from a running Prometheus 2.42',
	() => {
		let prometheus: Running;
		let dir: string;
		beforeAll(async () => {
			prometheus = await start('prometheus', {
				config: 'global: { evaluation_interval: 1s }\nrule_files: [rules.yml]\n',
				files: { 'rules.yml': rules },
			});
			dir = await writeFixture({
				'waymark.config.yaml': '',
				'guidebooks/README.md': '# Home\n\n[ERP](erp/)\n',
				'guidebooks/erp/README.md': '# ERP\n\n## Restart\n',
				'guidebooks/alerts/erp.rules.yml': rules.replace(/\n {6}- alert: ErpGone[\s\S]*$/, '\n'),
			});
		}, 30_000);
		afterAll(async () => {
			await prometheus?.stop();
			await removeFixture(dir);
		});

		test('reads its alerting rules with raw templates, `for` and the group file, leaving out what a rule file gave', async () => {
			const config = parseConfig({
				alerts: { rules: ['alerts/*.yml'], prometheus: { url: prometheus.url } },
			});
			const set = await loadAlertSources(config, join(dir, 'guidebooks'), {
				configFile: join(dir, 'waymark.config.yaml'),
			});
			expect(set.problems).toEqual([]);
			expect(
				set.rules.map((r) => [r.name, r.for, r.origin.kind, r.annotations['runbook_url']]),
			).toEqual([
				['ErpDown', '5m', 'file', 'https://runbooks.example.com/erp/#restart'],
				['ErpGone', null, 'prometheus', 'https://runbooks.example.com/{{ $labels.alertname }}/'],
			]);
			expect(set.rules[1]?.origin).toEqual({
				kind: 'prometheus',
				url: prometheus.url,
				file: join(prometheus.dir, 'rules.yml'),
				configFile: '../waymark.config.yaml',
			});
		});

		test('reports a broken runbook of a rule only Prometheus has on the config file, naming its group and file', async () => {
			const config = parseConfig({
				site: { url: 'https://runbooks.example.com' },
				alerts: { prometheus: { url: prometheus.url } },
			});
			const report = await checkTree({
				root: join(dir, 'guidebooks'),
				config,
				configFile: join(dir, 'waymark.config.yaml'),
				only: ['alert-runbooks'],
			});
			expect(report.findings.map(formatFinding)).toEqual([
				`../waymark.config.yaml: Unexpected runbook_url \`https://runbooks.example.com/ErpGone/\` of alert \`ErpGone\` that matches no page, expected a page of this site (alerting rule from Prometheus at ${prometheus.url}, group \`erp\` in \`${join(prometheus.dir, 'rules.yml')}\`) (alert-runbooks)`,
			]);
		});
	},
);

test('an unreachable Prometheus is a warning on the config file and the rule files are still read', async () => {
	const dir = await writeFixture({
		'guidebooks/README.md': '# Home\n',
		'guidebooks/erp.rules.yml': rules,
	});
	try {
		// Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
		const config = parseConfig({
			alerts: { rules: ['*.rules.yml'], prometheus: { url: 'http://127.0.0.1:9' } },
		});
		const set = await loadAlertSources(config, join(dir, 'guidebooks'), {
			configFile: join(dir, 'waymark.config.yaml'),
		});
		expect(set.rules.map((r) => r.name)).toEqual(['ErpDown', 'ErpGone']);
		expect(set.problems).toEqual([
			{
				file: '../waymark.config.yaml',
				severity: 'warning',
				message:
					'Unexpected answer from Prometheus at http://127.0.0.1:9 (Connection refused (ECONNREFUSED)), expected its alerting rules from `/api/v1/rules`; only rule files were checked',
			},
		]);
	} finally {
		await removeFixture(dir);
	}
});

import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Dispatcher } from 'undici';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Each test spawns the CLI (a fresh Node process); give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
beforeAll(async () => {
	dir = await writeFixture({
		'waymark.config.yaml':
			"root: docs\nsite: { url: 'https://runbooks.example.com' }\nalerts:\n  rules: ['../monitoring/*.yml']\n",
		'docs/README.md': '# Home\n\n[ERP](erp/)\n',
		'docs/erp/README.md': '---\nalerts: [ErpDown]\n---\n\n# ERP\n\n## Restart\n',
		'docs/erp/ErpDiskFull.md': '# ERP disk full\n',
		'monitoring/erp.yml': [
			'groups:',
			'  - name: erp',
			'    rules:',
			'      - alert: ErpDown',
			'        expr: up{job="erp"} == 0',
			'        annotations:',
			'          runbook_url: https://runbooks.example.com/erp/#restrat',
			'      - alert: ErpDiskFull',
			'        expr: disk_free{job="erp"} < 0.1',
			'        annotations:',
			"          runbook_url: 'https://runbooks.example.com/erp/{{ $labels.alertname }}/'",
			'',
		].join('\n'),
	});
});
afterAll(() => removeFixture(dir));

test("fails at the rule file's line on a runbook heading that is missing, and counts the alerts' pages as linked", async () => {
	const result = await runCli(['check'], { cwd: dir });
	expect(result.code).toBe(1);
	expect(stripVTControlCharacters(result.stdout)).toMatchInlineSnapshot(`
		"monitoring/erp.yml
		  7:11  error    Unexpected runbook_url \`https://runbooks.example.com/erp/#restrat\` of alert \`ErpDown\` with missing heading \`#restrat\` in \`erp/README.md\`, expected one of \`#erp\`, \`#restart\`; did you mean \`#restart\`  alert-runbooks

		✖ 1 error, 0 warnings in 4 files checked
		"
	`);
});

test('reads no network when only rule files are configured, and asks Prometheus when it is', async () => {
	const requests: string[] = [];
	const dispatcher = {
		dispatch(options: Dispatcher.DispatchOptions): boolean {
			requests.push(`${String(options.origin)}${options.path}`);
			throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
		},
	} as unknown as Dispatcher;
	const root = join(dir, 'docs');
	const files = await loadAlertSources(
		parseConfig({ alerts: { rules: ['../monitoring/*.yml'] } }),
		root,
		{ dispatcher },
	);
	expect([files.rules.length, requests]).toEqual([2, []]);
	await loadAlertSources(
		parseConfig({
			alerts: {
				rules: ['../monitoring/*.yml'],
				prometheus: { url: 'http://prometheus.example.lab:9090' },
			},
		}),
		root,
		{ dispatcher },
	);
	expect(requests).toEqual(['http://prometheus.example.lab:9090/api/v1/rules?type=alert']);
});

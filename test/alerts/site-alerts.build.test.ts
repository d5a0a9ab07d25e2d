import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

let dir: string;
const out = (): string => join(dir, 'dist');

beforeAll(async () => {
	dir = await writeFixture({
		'waymark.config.yaml': [
			'root: docs',
			"site: { url: 'https://runbooks.example.com', editUrl: 'https://git.example.com/acme/ops/_edit/main/docs/{path}' }",
			"alerts: { rules: ['../monitoring/*.yml', 'rules/*.yml'] }",
			'',
		].join('\n'),
		'docs/README.md': '# Home\n\n[ERP](erp/) · [Notes](notes.md)\n',
		'docs/erp/README.md':
			'---\nalerts: [ErpBackupFailed]\n---\n\n# ERP\n\n## Restart\n\nRestart it.\n',
		'docs/notes.md': '# Notes\n\nNo alerts here.\n',
		'monitoring/erp.yml': [
			'groups:',
			'  - name: erp',
			'    rules:',
			'      - alert: ErpDown',
			'        expr: sum by (job) (up{job="erp"}) == 0',
			'        for: 5m',
			'        labels: { severity: critical }',
			'        annotations:',
			'          summary: Dolibarr does not answer',
			'          description: <script>alert(1)</script> every pod is down',
			'          runbook_url: https://runbooks.example.com/erp/#restart',
			'',
		].join('\n'),
		'docs/rules/backup.yml':
			'groups:\n  - name: backup\n    rules:\n      - alert: ErpBackupFailed\n        expr: erp_backup_ok == 0\n',
	});
	const result = await runCli(['build'], { cwd: dir });
	if (result.code !== 0) throw new Error(`build failed: ${result.stderr}${result.stdout}`);
}, 120_000);
afterAll(() => removeFixture(dir));

test('shows each runbook page the alerts that send readers to it, with severity, for, summary and the rule file', async () => {
	const doc = await loadPage(out(), '/erp/');
	const panel = doc.querySelector('.wm-alerts-panel');
	expect(panel?.querySelector('summary')?.textContent).toBe(
		'Alerts that send you here (2): ErpDown (critical), ErpBackupFailed',
	);
	const alerts = [...(panel?.querySelectorAll('.wm-alert') ?? [])];
	expect(alerts.map((a) => a.getAttribute('data-alert'))).toEqual(['ErpDown', 'ErpBackupFailed']);
	const down = alerts[0]!;
	expect(down.querySelector('.wm-severity')?.textContent).toBe('critical');
	expect(down.querySelector('.wm-for')?.textContent).toBe('for 5m');
	expect(down.querySelector('.wm-alert-summary')?.textContent).toBe('Dolibarr does not answer');
	expect(down.querySelector('.wm-alert-description')?.textContent).toBe(
		'<script>alert(1)</script> every pod is down',
	);
	expect(doc.querySelector('.wm-alerts-panel script')).toBeNull();
	expect(down.querySelector('.wm-now-text')?.textContent).toBe('Unknown');
	expect(panel?.querySelector('.wm-alerts-source')?.textContent).toBe(
		'Firing state unknown: this is a static copy of the site (waymark serve with Alertmanager shows it live)',
	);
	const meta = down.querySelector('.wm-meta');
	expect(meta?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
		'Rule ../monitoring/erp.yml:4 (group erp) · edit · lands on #restart',
	);
	expect(meta?.querySelector('a[rel="noopener"]')?.getAttribute('href')).toBe(
		'https://git.example.com/acme/ops/_edit/main/monitoring/erp.yml',
	);
	expect(meta?.querySelector('a[href="#restart"]')).not.toBeNull();
});

test('highlights the expression as PromQL without changing its text', async () => {
	const code = (await loadPage(out(), '/erp/')).querySelector(
		'.wm-alert[data-alert="ErpDown"] .wm-promql code',
	);
	expect(code?.textContent).toBe('sum by (job) (up{job="erp"}) == 0');
	expect(
		[...(code?.querySelectorAll('span') ?? [])].map((s) => `${s.className}:${s.textContent}`),
	).toEqual([
		'pq-function:sum',
		'pq-keyword:by',
		'pq-label:job',
		'pq-metric:up',
		'pq-label:job',
		'pq-operator:=',
		'pq-string:"erp"',
		'pq-operator:==',
		'pq-number:0',
	]);
});

test('links a rule file inside the root to its copy on the site, and says when the page lists the alert itself', async () => {
	const backup = (await loadPage(out(), '/erp/')).querySelector(
		'.wm-alert[data-alert="ErpBackupFailed"] .wm-meta',
	);
	expect(backup?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
		"Rule rules/backup.yml:4 (group backup) · view · edit · listed in this page's alerts:",
	);
	expect(backup?.querySelector('a')?.getAttribute('href')).toBe('/rules/backup.yml');
});

test('shows no panel on a page no alert points to, and lists alerts per page on /status/', async () => {
	expect((await loadPage(out(), '/notes/')).querySelector('.wm-alerts-panel')).toBeNull();
	const status = await loadPage(out(), '/status/');
	const section = status.querySelector('.wm-alerts-by-page');
	expect(section?.querySelector('a')?.getAttribute('href')).toBe('/erp/');
	expect(
		[...(section?.querySelectorAll('.wm-alert-chip') ?? [])].map((li) =>
			li.textContent?.replace(/\s+/g, ' ').trim(),
		),
	).toEqual(['ErpDown (critical): Unknown', 'ErpBackupFailed: Unknown']);
});

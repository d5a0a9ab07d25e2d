import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let lb: Loopback;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
	lb = await startLoopback();
	const port = lb.httpPort;
	dir = await writeFixture({
		'guidebooks/README.md': '# Home\n\n[ERP](erp.md) · [Mail](mail.md)\n',
		'guidebooks/erp.md': [
			'---',
			'probes:',
			'  - id: erp-status',
			'    name: Dolibarr API status',
			`    http: http://erp.test.lab:${port}/api/index.php/status`,
			'    headers: { DOLAPIKEY: "${env:DOLAPIKEY}" }',
			'    conditions:',
			'      - "[STATUS] == 200"',
			'      - "[BODY].success.dolibarr_version == 22.0.4"',
			'  - id: crm-ready',
			`    http: http://crm.test.lab:${port}/readyz`,
			'    conditions: ["[STATUS] == 200"]',
			'  - id: crm-live',
			`    http: http://crm.test.lab:${port}/healthz`,
			'---',
			'',
			'# ERP',
			'',
			'Status: :status{probe=erp-status}',
			'',
		].join('\n'),
		'waymark.config.yaml': 'network:\n  env: [DOLAPIKEY]\n',
		'guidebooks/mail.md': '# Signing\n\nDocuSeal used to be at `docs.gigafibre.ca`.\n\nIt lives at <https://sign.gigafibre.ca/> now.\n\n[Old docs](https://docs.gigafibre.ca/start)\n',
	});
	env = { WAYMARK_DNS_SERVERS: lb.dns.server, DOLAPIKEY: 'hunter2-secret-value' };
});
afterAll(async () => {
	await lb.close();
	await removeFixture(dir);
});

test('reports version drift and a 503 readiness as down with their reasons, and exits 1', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--format', 'json'], { cwd: dir, env });
	expect(result.code).toBe(1);
	const report = JSON.parse(result.stdout) as { version: number; probes: Array<Record<string, unknown>> };
	expect(report.version).toBe(1);
	expect(report.probes.map((p) => [p.id, p.state, p.ok, p.message, p.file, p.line])).toEqual([
		['erp-status', 'down', false, '[BODY].success.dolibarr_version (22.0.3) == 22.0.4', 'erp.md', 3],
		['crm-ready', 'down', false, '[STATUS] (503) == 200', 'erp.md', 10],
		['crm-live', 'up', true, '[STATUS] < 400', 'erp.md', 13],
	]);
	expect(Object.keys(report.probes[0] ?? {}).sort()).toEqual(['checkedAt', 'file', 'id', 'kind', 'latencyMs', 'line', 'message', 'observed', 'ok', 'state', 'target']);
	// Positive control: the secret did go out, in the header the page declares.
	expect(lb.seenHeaders.some((h) => h.dolapikey === 'hunter2-secret-value')).toBe(true);
	expect(result.stdout + result.stderr).not.toContain('hunter2-secret-value');
});

test('runs only the probes named by --only and prints a pretty report', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--only', 'crm-live'], { cwd: dir, env });
	expect(result.code).toBe(0);
	expect(result.stdout.replace(/\d+ ms/, 'N ms').replace(/:\d+\//, ':PORT/')).toMatchInlineSnapshot(`
		"up       crm-live (http http://crm.test.lab:PORT/healthz) N ms
		         [STATUS] < 400
		         declared at erp.md:13

		1 probe(s): 1 up, 0 degraded, 0 down, 0 unknown
		"
	`);
});

test.each(['junit', 'github', 'markdown'])('formats %s without secrets', async (format) => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--format', format], { cwd: dir, env });
	expect(result.code).toBe(1);
	expect(result.stdout).toContain('crm-ready');
	expect(result.stdout).not.toContain('hunter2-secret-value');
});

test('check --live flags a hostname under an owned domain that no longer resolves, at its line', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--live', '--domains', 'gigafibre.ca', '--format', 'json'], { cwd: dir, env });
	const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string; file: string; line: number; column: number; message: string }>; probes: unknown[] };
	const drift = report.findings.filter((f) => f.rule === 'hostname-drift');
	expect(drift.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`)).toEqual([
		'mail.md:3:24: Unexpected hostname `docs.gigafibre.ca` that does not resolve (NXDOMAIN), expected a name that resolves; did you mean `sign.gigafibre.ca`',
		'mail.md:7:1: Unexpected hostname `docs.gigafibre.ca` that does not resolve (NXDOMAIN), expected a name that resolves; did you mean `sign.gigafibre.ca`',
	]);
	expect(report.findings.filter((f) => f.rule === 'probe-failed').map((f) => f.line)).toEqual([3, 10]);
	expect(report.probes).toHaveLength(3);
	expect(result.code).toBe(1);
});

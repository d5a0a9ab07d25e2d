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
		'guidebooks/mail.md':
			'# Signing\n\nDocuSeal used to be at `docs.gigafibre.ca`.\n\nIt lives at <https://sign.gigafibre.ca/> now.\n\n[Old docs](https://docs.gigafibre.ca/start)\n',
	});
	env = { WAYMARK_DNS_SERVERS: lb.dns.server, DOLAPIKEY: 'hunter2-secret-value' };
});
afterAll(async () => {
	await lb.close();
	await removeFixture(dir);
});

test('reports version drift and a 503 readiness as down with their reasons, and exits 1', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--format', 'json'], {
		cwd: dir,
		env,
	});
	expect(result.code).toBe(1);
	const report = JSON.parse(result.stdout) as {
		version: number;
		probes: Array<Record<string, unknown>>;
	};
	expect(report.version).toBe(1);
	expect(report.probes.map((p) => [p.id, p.state, p.ok, p.message, p.file, p.line])).toEqual([
		[
			'erp-status',
			'down',
			false,
			'[BODY].success.dolibarr_version (22.0.3) == 22.0.4',
			'erp.md',
			3,
		],
		['crm-ready', 'down', false, '[STATUS] (503) == 200', 'erp.md', 10],
		['crm-live', 'up', true, '[STATUS] < 400', 'erp.md', 13],
	]);
	expect(Object.keys(report.probes[0] ?? {}).sort()).toEqual([
		'checkedAt',
		'file',
		'id',
		'kind',
		'latencyMs',
		'line',
		'message',
		'observed',
		'ok',
		'state',
		'target',
	]);
	// Positive control: the secret did go out, in the header the page declares.
	expect(lb.seenHeaders.some((h) => h.dolapikey === 'hunter2-secret-value')).toBe(true);
	expect(result.stdout + result.stderr).not.toContain('hunter2-secret-value');
});

test('runs only the probes named by --only and prints a pretty report', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--only', 'crm-live'], {
		cwd: dir,
		env,
	});
	expect(result.code).toBe(0);
	expect(result.stdout.replace(/\d+ ms/, 'N ms').replace(/:\d+\//, ':PORT/'))
		.toMatchInlineSnapshot(`
		"probes
		  up        crm-live  http http://crm.test.lab:PORT/healthz  N ms  guidebooks/erp.md:13

		✓ 0 errors, 0 warnings in 1 file checked; 1 probe: 1 up, 0 degraded, 0 down, 0 unknown
		"
	`);
});

/** The report with what changes run to run (ports, latencies, times) replaced. */
const stable = (text: string): string =>
	text
		.replace(/:\d{4,5}\//g, ':PORT/')
		.replace(/\d+ ms/g, 'N ms')
		.replace(/time="[\d.]+"/g, 'time="T"');

test.each(['pretty', 'json', 'junit', 'sarif', 'github', 'markdown'])(
	'reports through the check reporters as %s, without secrets',
	async (format) => {
		const result = await runCli(['probe', '--root', 'guidebooks', '--format', format], {
			cwd: dir,
			env,
		});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('crm-ready');
		expect(result.stdout).not.toContain('hunter2-secret-value');
	},
);

test('keeps the JSON contract at version 1: the probes as before, plus findings, summary and checked', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--format', 'json'], {
		cwd: dir,
		env,
	});
	const report = JSON.parse(result.stdout) as {
		findings: Array<{ rule: string; severity: string; line: number }>;
		summary: unknown;
	};
	expect(Object.keys(report)).toEqual(['version', 'findings', 'summary', 'checked', 'probes']);
	expect(report.findings.map((f) => `${f.rule} ${f.severity} ${f.line}`)).toEqual([
		'probe-failed error 3',
		'probe-failed error 10',
	]);
	expect(report.summary).toEqual({ errors: 2, warnings: 0, files: 1 });
});

test('lists every probe in the pretty report, after the findings', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks'], { cwd: dir, env });
	expect(stable(result.stdout)).toMatchInlineSnapshot(`
		"guidebooks/erp.md
		  3:5   error    Unexpected down from probe \`erp-status\` (http http://erp.test.lab:PORT/api/index.php/status): [BODY].success.dolibarr_version (22.0.3) == 22.0.4  probe-failed
		  10:5  error    Unexpected down from probe \`crm-ready\` (http http://crm.test.lab:PORT/readyz): [STATUS] (503) == 200  probe-failed

		probes
		  down      erp-status  http http://erp.test.lab:PORT/api/index.php/status  N ms  [BODY].success.dolibarr_version (22.0.3) == 22.0.4  guidebooks/erp.md:3
		  down      crm-ready   http http://crm.test.lab:PORT/readyz  N ms  [STATUS] (503) == 200  guidebooks/erp.md:10
		  up        crm-live    http http://crm.test.lab:PORT/healthz  N ms  guidebooks/erp.md:13

		✖ 2 errors, 0 warnings in 1 file checked; 3 probes: 1 up, 0 degraded, 2 down, 0 unknown
		"
	`);
});

test('annotates each failing probe at its declaration in the github format', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--format', 'github'], {
		cwd: dir,
		env,
	});
	expect(stable(result.stdout)).toMatchInlineSnapshot(`
		"::error file=guidebooks/erp.md,line=3,col=5,title=waymark(probe-failed)::Unexpected down from probe \`erp-status\` (http http://erp.test.lab:PORT/api/index.php/status): [BODY].success.dolibarr_version (22.0.3) == 22.0.4
		::error file=guidebooks/erp.md,line=10,col=5,title=waymark(probe-failed)::Unexpected down from probe \`crm-ready\` (http http://crm.test.lab:PORT/readyz): [STATUS] (503) == 200
		"
	`);
});

test('makes each probe one JUnit test case, in a suite of its own', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--format', 'junit'], {
		cwd: dir,
		env,
	});
	expect(stable(result.stdout)).toMatchInlineSnapshot(`
		"<?xml version="1.0" encoding="UTF-8"?>
		<testsuites name="waymark check" tests="4" failures="2" errors="0">
		  <testsuite name="erp.md" tests="1" failures="0" errors="0" skipped="0">
		    <testcase name="erp.md" classname="waymark"/>
		  </testsuite>
		  <testsuite name="probes" tests="3" failures="2" errors="0" skipped="0">
		    <testcase name="erp-status" classname="waymark.probe.http" file="erp.md" line="3" time="T"><failure type="probe-failed" message="down: [BODY].success.dolibarr_version (22.0.3) == 22.0.4">http http://erp.test.lab:PORT/api/index.php/status (erp.md:3)</failure></testcase>
		    <testcase name="crm-ready" classname="waymark.probe.http" file="erp.md" line="10" time="T"><failure type="probe-failed" message="down: [STATUS] (503) == 200">http http://crm.test.lab:PORT/readyz (erp.md:10)</failure></testcase>
		    <testcase name="crm-live" classname="waymark.probe.http" file="erp.md" line="13" time="T"/>
		  </testsuite>
		</testsuites>
		"
	`);
});

test('ends the markdown report with a table of the probes', async () => {
	const result = await runCli(['probe', '--root', 'guidebooks', '--format', 'markdown'], {
		cwd: dir,
		env,
	});
	expect(stable(result.stdout.slice(result.stdout.indexOf('#### Probes')))).toMatchInlineSnapshot(`
		"#### Probes (1 up, 0 degraded, 2 down, 0 unknown)

		| Probe | State | Latency | Reason | Declared at |
		| --- | --- | ---: | --- | --- |
		| \`erp-status\` | down | N ms | \\[BODY\\].success.dolibarr\\_version (22.0.3) == 22.0.4 | \`guidebooks/erp.md:3\` |
		| \`crm-ready\` | down | N ms | \\[STATUS\\] (503) == 200 | \`guidebooks/erp.md:10\` |
		| \`crm-live\` | up | N ms | \\[STATUS\\] \\< 400 | \`guidebooks/erp.md:13\` |
		"
	`);
});

test('lists a probe that could not run as unknown, with no finding, and a notice in the github format', async () => {
	const noKey = { WAYMARK_DNS_SERVERS: env.WAYMARK_DNS_SERVERS ?? '' };
	const pretty = await runCli(['probe', '--root', 'guidebooks', '--only', 'erp-status'], {
		cwd: dir,
		env: noKey,
	});
	expect(pretty.code).toBe(0);
	expect(stable(pretty.stdout)).toMatchInlineSnapshot(`
		"probes
		  unknown   erp-status  http http://erp.test.lab:PORT/api/index.php/status  Not checked: environment variable \`DOLAPIKEY\` (for header \`DOLAPIKEY\`) is not set where the probe runs  guidebooks/erp.md:3

		✓ 0 errors, 0 warnings in 1 file checked; 1 probe: 0 up, 0 degraded, 0 down, 1 unknown
		"
	`);
	const github = await runCli(
		['probe', '--root', 'guidebooks', '--only', 'erp-status', '--format', 'github'],
		{ cwd: dir, env: noKey },
	);
	expect(stable(github.stdout)).toMatchInlineSnapshot(`
		"::notice file=guidebooks/erp.md,line=3,title=waymark probe erp-status unknown::Not checked: environment variable \`DOLAPIKEY\` (for header \`DOLAPIKEY\`) is not set where the probe runs
		"
	`);
});

test('reports a malformed declaration as a probe-declarations finding and exits 1', async () => {
	const bad = await writeFixture({
		'guidebooks/README.md':
			'---\nprobes:\n  - id: erp\n    http: https://erp.example.lab/\n    dns: erp.example.lab\n---\n\n# Home\n',
	});
	try {
		const result = await runCli(['probe', '--root', 'guidebooks'], { cwd: bad, env });
		expect(result.code).toBe(1);
		expect(result.stdout).toMatchInlineSnapshot(`
			"guidebooks/README.md
			  5:5  error    probe \`erp\` \`dns\`: Unexpected probe with both \`http\` and \`dns\`, expected exactly one of \`http\`, \`dns\`, \`tcp\`, \`icmp\`, \`tls\`, \`prometheus\`  probe-declarations

			✖ 1 error, 0 warnings in 1 file checked; 0 probes: 0 up, 0 degraded, 0 down, 0 unknown
			"
		`);
	} finally {
		await removeFixture(bad);
	}
});

test('check --live flags a hostname under an owned domain that no longer resolves, at its line', async () => {
	const result = await runCli(
		['check', '--root', 'guidebooks', '--live', '--domains', 'gigafibre.ca', '--format', 'json'],
		{ cwd: dir, env },
	);
	const report = JSON.parse(result.stdout) as {
		findings: Array<{ rule: string; file: string; line: number; column: number; message: string }>;
		probes: unknown[];
	};
	const drift = report.findings.filter((f) => f.rule === 'hostname-drift');
	expect(drift.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`)).toEqual([
		'mail.md:3:24: Unexpected hostname `docs.gigafibre.ca` that does not resolve (NXDOMAIN), expected a name that resolves; did you mean `sign.gigafibre.ca`',
		'mail.md:7:1: Unexpected hostname `docs.gigafibre.ca` that does not resolve (NXDOMAIN), expected a name that resolves; did you mean `sign.gigafibre.ca`',
	]);
	expect(report.findings.filter((f) => f.rule === 'probe-failed').map((f) => f.line)).toEqual([
		3, 10,
	]);
	expect(report.probes).toHaveLength(3);
	expect(result.code).toBe(1);
});

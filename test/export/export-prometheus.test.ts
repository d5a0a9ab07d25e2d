import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import { exportPrometheus, formatNote } from '../../export/prometheus.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { componentsInstalled, promtoolPath } from '../helpers/prometheus.ts';

vi.setConfig({ testTimeout: 60_000 });

const probe = (
	id: string,
	kind: LocatedProbe['kind'],
	target: string,
	conditions: string[],
	extra: Partial<LocatedProbe> = {},
): LocatedProbe => ({
	id,
	kind,
	target,
	conditions,
	dnsType: 'A',
	headers: {},
	intervalMs: 30_000,
	timeoutMs: 5000,
	file: 'erp/README.md',
	line: 5,
	route: '/erp/',
	pageTitle: 'ERP',
	...extra,
});

const probes: LocatedProbe[] = [
	probe(
		'erp-status',
		'http',
		'https://erp.example.lab/api/index.php/status',
		['[STATUS] == 200', '[BODY].success.dolibarr_version == 22.0.4', '[RESPONSE_TIME] < 2000'],
		{ name: 'Dolibarr API', headers: { DOLAPIKEY: '${env:DOLAPIKEY}' } },
	),
	probe('erp-dns', 'dns', 'erp.example.lab', ['[DNS_RCODE] == NOERROR'], {
		intervalMs: 60_000,
		line: 15,
	}),
	probe(
		'erp-tls',
		'tls',
		'erp.example.lab:443',
		['[CONNECTED] == true', '[CERTIFICATE_EXPIRATION] > 48h'],
		{ intervalMs: 60_000, line: 20 },
	),
	probe('db-port', 'tcp', 'db.example.lab:5432', ['[CONNECTED] == false'], {
		file: 'db.md',
		line: 4,
		route: '/db/',
	}),
];

test("writes a module per probe, a scrape job per interval and alerts whose runbook_url is the probe's page", () => {
	const result = exportPrometheus(probes, {
		blackbox: 'blackbox:9115',
		alertmanager: 'alertmanager:9093',
		dnsServer: '10.0.0.53:53',
		site: { url: 'https://runbooks.example.com', base: '/' },
	});
	expect(Object.keys(result.files)).toEqual([
		'blackbox.yml',
		'prometheus.yml',
		'targets/waymark-30s.json',
		'targets/waymark-60s.json',
		'waymark-rules.yml',
		'NOTES.md',
	]);
	// The exporter probes outside Waymark's address policy; the notes say so before anyone deploys it.
	expect(result.files['NOTES.md']).toContain(
		"blackbox_exporter has none of Waymark's address policy (`network.allow`)",
	);
	const blackbox = parse(result.files['blackbox.yml']!) as {
		modules: Record<string, Record<string, Record<string, unknown>>>;
	};
	expect(blackbox.modules['waymark_erp-status']).toEqual({
		prober: 'http',
		timeout: '5s',
		http: {
			method: 'GET',
			preferred_ip_protocol: 'ip4',
			follow_redirects: true,
			valid_status_codes: [200],
			headers: { DOLAPIKEY: '${DOLAPIKEY}' },
		},
	});
	expect(blackbox.modules['waymark_erp-dns']?.['dns']).toMatchObject({
		query_name: 'erp.example.lab',
		query_type: 'A',
		valid_rcodes: ['NOERROR'],
	});
	expect(blackbox.modules['waymark_erp-tls']?.['tcp']).toEqual({
		preferred_ip_protocol: 'ip4',
		tls: true,
		tls_config: { insecure_skip_verify: true, server_name: 'erp.example.lab' },
	});
	const prometheus = parse(result.files['prometheus.yml']!) as {
		alerting: unknown;
		scrape_configs: Array<{
			job_name: string;
			scrape_interval: string;
			scrape_timeout: string;
			relabel_configs: Array<{ replacement?: string }>;
		}>;
	};
	expect(prometheus.alerting).toEqual({
		alertmanagers: [{ static_configs: [{ targets: ['alertmanager:9093'] }] }],
	});
	expect(
		prometheus.scrape_configs.map((j) => [
			j.job_name,
			j.scrape_interval,
			j.scrape_timeout,
			j.relabel_configs.at(-1)?.replacement,
		]),
	).toEqual([
		['waymark_probes_30s', '30s', '6s', 'blackbox:9115'],
		['waymark_probes_60s', '60s', '6s', 'blackbox:9115'],
	]);
	expect(JSON.parse(result.files['targets/waymark-60s.json']!)).toEqual([
		{
			targets: ['10.0.0.53:53'],
			labels: { __param_module: 'waymark_erp-dns', probe: 'erp-dns', page: '/erp/' },
		},
		{
			targets: ['erp.example.lab:443'],
			labels: { __param_module: 'waymark_erp-tls', probe: 'erp-tls', page: '/erp/' },
		},
	]);
	const rules = (
		parse(result.files['waymark-rules.yml']!) as {
			groups: Array<{ rules: Array<Record<string, unknown>> }>;
		}
	).groups[0]!.rules;
	expect(
		rules
			.filter((r) => r['alert'] === 'WaymarkProbeDown')
			.map((r) => [r['expr'], (r['annotations'] as Record<string, string>)['runbook_url']]),
	).toEqual([
		['probe_success{probe="erp-status"} == 0', 'https://runbooks.example.com/erp/'],
		['probe_success{probe="erp-dns"} == 0', 'https://runbooks.example.com/erp/'],
		[
			'probe_success{probe="erp-tls"} == 0 or (probe_ssl_earliest_cert_expiry{probe="erp-tls"} - time()) <= 0',
			'https://runbooks.example.com/erp/',
		],
		['probe_success{probe="db-port"} == 0', 'https://runbooks.example.com/db/'],
	]);
	expect(
		rules.filter((r) => r['record']).map((r) => `${String(r['record'])}: ${String(r['expr'])}`),
	).toEqual([
		// What `waymark serve` reads its history from (`status.source: prometheus`), one series per probe.
		'waymark:probe_state: (sum by (probe) (1 - min by (probe, location) (probe_success{probe!=""})) > bool 0) + (sum by (probe) (1 - min by (probe, location) (probe_success{probe!=""})) >= bool 1)',
		'waymark:probe_not_down: sum by (probe) (1 - min by (probe, location) (probe_success{probe!=""})) < bool 1',
		'waymark:probe_condition_ok: probe_duration_seconds{probe="erp-status"} * 1000 < bool 2000',
		'waymark:probe_condition_ok: (probe_ssl_earliest_cert_expiry{probe="erp-tls"} - time()) > bool 172800',
	]);
	expect(result.notes.map(formatNote)).toMatchInlineSnapshot(`
		[
		  "erp/README.md:5 probe \`erp-status\`: \`[BODY].success.dolibarr_version == 22.0.4\` is not exported: JSON paths need the CEL checks of newer blackbox releases; blackbox_exporter 0.23 cannot check it, so Prometheus never sees it fail",
		  "erp/README.md:5 probe \`erp-status\`: header \`DOLAPIKEY\` reads the environment; blackbox.yml has \`\${DOLAPIKEY}\` instead (blackbox_exporter 0.23 does not expand variables): substitute it when deploying, e.g. \`envsubst < blackbox.yml\`, and keep the result out of git",
		  "erp/README.md:20 probe \`erp-tls\`: \`[CERTIFICATE_EXPIRATION] > 48h\` is a rule on \`probe_ssl_earliest_cert_expiry\`, the earliest expiry in the chain (Waymark reads the server's own certificate)",
		  "db.md:4 probe \`db-port\`: \`[CONNECTED] == false\` is not exported: blackbox can only require a connection; blackbox_exporter 0.23 cannot check it, so Prometheus never sees it fail",
		]
	`);
});

test('leaves out dns probes when no DNS server is known, and says runbook_url needs site.url', () => {
	const result = exportPrometheus(probes.slice(0, 2), { site: { url: undefined, base: '/' } });
	expect(result.exported).toEqual(['erp-status']);
	expect(result.notes.map(formatNote).filter((n) => !n.includes('erp-status'))).toEqual([
		'erp/README.md:15 probe `erp-dns`: not exported: blackbox_exporter asks a DNS server of your choosing, and none is set (`network.dnsServers` or `--dns-server host:port`)',
		'`site.url` is not set: runbook_url annotations are site paths, which Alertmanager notifications cannot open',
	]);
});

describe.skipIf(!componentsInstalled('prometheus', 'blackbox'))(
	'the files, as the real tools read them',
	() => {
		let dir: string;
		beforeAll(async () => {
			dir = await writeFixture({
				'waymark.config.yaml':
					"site: { url: 'https://runbooks.example.com' }\nnetwork: { dnsServers: ['10.0.0.53:53'] }\n",
				'guidebooks/README.md': '# Home\n\n[ERP](erp.md)\n',
				'guidebooks/erp.md': [
					'---',
					'probes:',
					'  - id: erp-status',
					'    http: https://erp.example.lab/status',
					'    conditions: ["[STATUS] == 200", "[RESPONSE_TIME] < 2000", "[BODY].version == 2"]',
					'    interval: 30s',
					'  - id: erp-dns',
					'    dns: { name: erp.example.lab, type: A }',
					'  - id: erp-tls',
					'    tls: erp.example.lab:443',
					'    conditions: ["[CONNECTED] == true", "[CERTIFICATE_EXPIRATION] > 336h"]',
					'  - id: erp-ping',
					'    icmp: erp.example.lab',
					'---',
					'',
					'# ERP',
					'',
					'Log in to `{{ $labels.instance }}`.',
					'',
				].join('\n'),
			});
		});
		afterAll(() => removeFixture(dir));

		test('`waymark export prometheus` writes files promtool and blackbox_exporter accept, and prints what it could not express', async () => {
			const result = await runCli(
				[
					'export',
					'prometheus',
					'--out',
					'prom',
					'--blackbox',
					'127.0.0.1:9115',
					'--alertmanager',
					'127.0.0.1:9093',
				],
				{ cwd: dir },
			);
			expect(result.code).toBe(0);
			expect(result.stdout).toMatchInlineSnapshot(`
			"Exported 4 of 4 probe(s) to prom/: blackbox.yml, prometheus.yml, targets/waymark-30s.json, targets/waymark-60s.json, waymark-rules.yml, NOTES.md
			  erp.md:3 probe \`erp-status\`: \`[BODY].version == 2\` is not exported: JSON paths need the CEL checks of newer blackbox releases; blackbox_exporter 0.23 cannot check it, so Prometheus never sees it fail
			  erp.md:9 probe \`erp-tls\`: \`[CERTIFICATE_EXPIRATION] > 336h\` is a rule on \`probe_ssl_earliest_cert_expiry\`, the earliest expiry in the chain (Waymark reads the server's own certificate)
			  erp.md:12 probe \`erp-ping\`: icmp needs blackbox_exporter to run as root or with CAP_NET_RAW (\`setcap cap_net_raw=ep\`)
			"
		`);
			const run = promisify(execFile);
			await expect(
				run(promtoolPath(), ['check', 'config', join(dir, 'prom/prometheus.yml')]),
			).resolves.toMatchObject({ stdout: expect.stringContaining('SUCCESS') as unknown });
			await expect(
				run(promtoolPath(), ['check', 'rules', join(dir, 'prom/waymark-rules.yml')]),
			).resolves.toMatchObject({
				stdout: expect.stringContaining('SUCCESS: 10 rules found') as unknown,
			});
			// The page's placeholder travels on each alert's runbook_url, and promtool accepts the template.
			expect(
				(await readFile(join(dir, 'prom/waymark-rules.yml'), 'utf8')).match(/runbook_url: .*/g),
			).toContain(
				'runbook_url: https://runbooks.example.com/erp/?alertname=WaymarkProbeDown&instance={{ $labels.instance | urlquery }}',
			);
			await expect(
				run(process.env.WAYMARK_BLACKBOX_EXPORTER || '/usr/bin/prometheus-blackbox-exporter', [
					'--config.check',
					`--config.file=${join(dir, 'prom/blackbox.yml')}`,
				]),
			).resolves.toMatchObject({ stderr: expect.stringContaining('Config file is ok') as unknown });
		});

		// A new user's `--out /tmp/prom` was shown as `../../../tmp/prom/`.
		test('names an --out folder outside the working directory as written, absolute', async () => {
			const out = await writeFixture({}, { outsideInstall: true });
			try {
				const result = await runCli(['export', 'prometheus', '--out', out], { cwd: dir });
				expect(result.code).toBe(0);
				expect(result.stdout).toContain(`probe(s) to ${out}/: `);
			} finally {
				await removeFixture(out);
			}
		});

		test('exits 2 with the usage when --out is missing', async () => {
			const result = await runCli(['export', 'prometheus'], { cwd: dir });
			expect([result.code, result.stderr.trim()]).toEqual([
				2,
				"error: required option '--out <dir>' not specified",
			]);
		});
	},
);

test("passes the labels the probe's page fills and the alert carries on runbook_url, encoded by Prometheus's urlquery", () => {
	const rulesOf = (pageLabels?: ReadonlyMap<string, ReadonlySet<string>>): string[][] =>
		(
			parse(
				exportPrometheus(probes, {
					site: { url: 'https://runbooks.example.com', base: '/' },
					...(pageLabels && { pageLabels }),
				}).files['waymark-rules.yml']!,
			) as { groups: Array<{ rules: Array<Record<string, unknown>> }> }
		).groups[0]!.rules.filter(
			(r) => r['alert'] && (r['labels'] as Record<string, string>)['probe'] === 'erp-status',
		).map((r) => [
			r['alert'] as string,
			(r['annotations'] as Record<string, string>)['runbook_url']!,
		]);
	// `namespace` is no label of these alerts; `condition` only of the degraded one.
	expect(rulesOf(new Map([['/erp/', new Set(['instance', 'namespace', 'condition'])]]))).toEqual([
		[
			'WaymarkProbeDown',
			'https://runbooks.example.com/erp/?alertname=WaymarkProbeDown&instance={{ $labels.instance | urlquery }}',
		],
		[
			'WaymarkProbeDegraded',
			'https://runbooks.example.com/erp/?alertname=WaymarkProbeDegraded&condition={{ $labels.condition | urlquery }}&instance={{ $labels.instance | urlquery }}',
		],
	]);
	// A page without placeholders keeps its plain URL.
	expect(rulesOf(new Map([['/db/', new Set(['instance'])]]))).toEqual([
		['WaymarkProbeDown', 'https://runbooks.example.com/erp/'],
		['WaymarkProbeDegraded', 'https://runbooks.example.com/erp/'],
	]);
});

import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { runProbe } from '../../checks/probes/probe-one.ts';
import { ProbeDeclarationSchema, toProbeSpec } from '../../checks/probes/schema.ts';
import { parseConfig } from '../../config/load-config.ts';
import { createResolver } from '../../network/resolver.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import {
	deepJson,
	hostileVariants,
	startHostileApi,
	type HostileApi,
} from '../helpers/hostile-api.ts';

// A fake Prometheus on loopback with hostile answers, read where Waymark reads Prometheus: its
// rules at check and build time (`alerts.prometheus`), and instant queries for probes in serve.

vi.setConfig({ testTimeout: 60_000 });

let prometheus: HostileApi;
let dir: string;
beforeAll(async () => {
	prometheus = await startHostileApi();
	dir = await writeFixture({
		'waymark.config.yaml': `root: docs\nsite: { url: 'https://runbooks.example.com' }\nalerts:\n  prometheus: { url: '${'PROMETHEUS'}' }\n`,
		'docs/README.md': '# Home\n\n[ERP](erp/)\n',
		'docs/erp/README.md': '# ERP\n\n## Restart\n',
	});
});
afterAll(async () => {
	await prometheus?.close();
	await removeFixture(dir);
});

const erpDown = () => ({
	type: 'alerting',
	name: 'ErpDown',
	query: 'up{job="erp"} == 0',
	duration: 300,
	labels: { severity: 'critical' },
	annotations: { summary: 'ERP is down', runbook_url: 'https://runbooks.example.com/erp/#restart' },
	health: 'ok',
});
const backupLate = {
	type: 'alerting',
	name: 'BackupLate',
	query: 'time() - backup_last > 86400',
	annotations: { runbook_url: 'https://runbooks.example.com/erp/' },
};
const rulesText = (first: string) =>
	`{"status":"success","data":{"groups":[{"name":"erp","file":"/etc/prometheus/erp.yml","rules":[${first},${JSON.stringify(backupLate)}]}]}}`;

const load = () =>
	loadAlertSources(
		parseConfig({ alerts: { prometheus: { url: prometheus.url } } }),
		join(dir, 'docs'),
		{ configFile: join(dir, 'waymark.config.yaml') },
	);

test('a numeric runbook_url leaves that rule out with one warning, and `waymark check` still checks the rest', async () => {
	prometheus.answers.set('/api/v1/rules', {
		body: rulesText(JSON.stringify({ ...erpDown(), annotations: { runbook_url: 404 } })),
	});
	const set = await load();
	expect(set.rules.map((r) => r.name)).toEqual(['BackupLate']);
	expect(set.problems).toEqual([
		{
			file: '../waymark.config.yaml',
			severity: 'warning',
			message: `Unexpected 1 alerting rule in the answer of Prometheus at ${prometheus.url} that does not fit its API (in group "erp": at rules[0].annotations.runbook_url: expected text, found a number), expected what \`/api/v1/rules\` gives; left out, the other rules were checked`,
		},
	]);
	// The same through the command (it ended with exit 2, `template.trim is not a function`).
	const config = join(dir, 'waymark.config.yaml');
	const { readFile, writeFile } = await import('node:fs/promises');
	await writeFile(config, (await readFile(config, 'utf8')).replace('PROMETHEUS', prometheus.url));
	const result = await runCli(['check'], { cwd: dir });
	expect([result.code, result.stderr]).toEqual([0, '']);
	expect(stripVTControlCharacters(result.stdout)).toContain(
		'warning  Unexpected 1 alerting rule in the answer of Prometheus',
	);
	expect(stripVTControlCharacters(result.stdout)).toContain('0 errors, 1 warning');
});

// Every field of a rule, and the rule itself, replaced by each kind of hostile value.
const cases = hostileVariants(erpDown);

test(`keeps the valid rule through ${cases.length} hostile rules (every field × every kind), with at most one warning`, async () => {
	let left = 0;
	for (const { where, what, text } of cases) {
		prometheus.answers.set('/api/v1/rules', { body: rulesText(text) });
		const set = await load();
		const names = set.rules.map((r) => r.name);
		expect({
			where,
			what,
			backupKept: names.includes('BackupLate'),
			problems: set.problems.length <= 1,
		}).toEqual({ where, what, backupKept: true, problems: true });
		if (!names.includes('ErpDown')) {
			left++;
			expect(set.problems[0]?.message).toMatch(
				/^Unexpected 1 alerting rule in the answer of Prometheus at .* that does not fit its API \(in group "erp": at rules\[0\]/,
			);
		}
	}
	// Most replacements make the rule unusable; a few (an extra `health`) do not.
	expect(left).toBeGreaterThan(cases.length / 2);
	expect(left).toBeLessThan(cases.length);
});

test.each([
	[
		'JSON cut short',
		{ body: rulesText(JSON.stringify(erpDown())).slice(0, 50) },
		'HTTP 200 with a body that is not JSON',
	],
	[
		'an error page as text/html',
		{ body: '<h1>502</h1>', type: 'text/html' },
		'HTTP 200 with a body of type `text/html`, expected JSON',
	],
	[
		'groups nested 100,000 deep',
		{ body: `{"status":"success","data":{"groups":${deepJson(100_000)}}}` },
		'an answer that is not a Prometheus rules list',
	],
	[
		'a body larger than 32 MiB',
		{ body: `{"status":"success","data":{"groups":[${' '.repeat(33 * 1024 * 1024)}]}}` },
		'answer larger than 33554432 bytes',
	],
])(
	'warns once and checks the rule files alone when the answer is %s',
	async (_, answer, reason) => {
		prometheus.answers.set('/api/v1/rules', answer);
		const set = await load();
		expect(set.rules).toEqual([]);
		expect(set.problems).toHaveLength(1);
		expect(set.problems[0]?.message).toContain(
			`Unexpected answer from Prometheus at ${prometheus.url} (${reason}`,
		);
	},
);

test.each([
	[
		'a value that is a number',
		{ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 1] }] } },
		'at data.result[0].value[1]: expected text, found a number',
	],
	[
		'10,001 series',
		{
			status: 'success',
			data: {
				resultType: 'vector',
				result: Array.from({ length: 10_001 }, () => ({ metric: {}, value: [1, '1'] })),
			},
		},
		'at data.result: Too big: expected array to have <=10000 items',
	],
	[
		'a range vector',
		{ status: 'success', data: { resultType: 'matrix', result: [] } },
		'at data.resultType: ',
	],
	[
		'labels that are numbers',
		{
			status: 'success',
			data: { resultType: 'vector', result: [{ metric: { job: 5 }, value: [1, '1'] }] },
		},
		'at data.result[0].metric.job: expected text, found a number',
	],
])(
	'a prometheus probe answered with %s is unknown and says why, never an internal error',
	async (_, body, reason) => {
		prometheus.answers.set('/api/v1/query', { body: JSON.stringify(body) });
		const spec = toProbeSpec(
			ProbeDeclarationSchema.parse({ id: 'q', prometheus: { query: 'up' } }),
		);
		const result = await runProbe(spec, {
			resolver: createResolver(),
			prometheus: { url: prometheus.url, headers: {} },
		});
		expect(result.state).toBe('unknown');
		expect(result.message).toContain(
			`Not checked: Prometheus at ${prometheus.url} did not answer (an answer that does not fit Prometheus's query API (${reason}`,
		);
		// Positive control: a valid answer through the same path is judged.
		prometheus.answers.set('/api/v1/query', {
			body: JSON.stringify({
				status: 'success',
				data: { resultType: 'vector', result: [{ metric: {}, value: [1, '1'] }] },
			}),
		});
		expect(
			(
				await runProbe(spec, {
					resolver: createResolver(),
					prometheus: { url: prometheus.url, headers: {} },
				})
			).state,
		).toBe('up');
	},
);

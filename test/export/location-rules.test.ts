import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { combineStates, type LocationRule } from '../../checks/probes/location-rule.ts';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import { exportPrometheus } from '../../export/prometheus.ts';
import type { ProbeState } from '../../core/status-snapshot.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { componentsInstalled, promtoolPath } from '../helpers/prometheus.ts';

const run = promisify(execFile);

const probe: LocatedProbe = {
	id: 'app',
	name: 'App',
	kind: 'http',
	target: 'http://app.example.lab/health',
	conditions: ['[STATUS] == 200'],
	dnsType: 'A',
	headers: {},
	intervalMs: 60_000,
	timeoutMs: 5000,
	file: 'app.md',
	line: 3,
	route: '/app/',
	pageTitle: 'App',
};

/** What a location's blackbox_exporter recorded: success, failure, or nothing (its exporter gone). */
type Seen = 'ok' | 'fail' | 'missing';
const stateOf: Record<Seen, ProbeState> = { ok: 'up', fail: 'down', missing: 'unknown' };

/** Every assignment of `ok`, `fail`, `missing` to `count` locations. */
function assignments(count: number): Seen[][] {
	let all: Seen[][] = [[]];
	for (let i = 0; i < count; i++)
		all = all.flatMap((a) => (['ok', 'fail', 'missing'] as const).map((s) => [...a, s]));
	return all;
}

/** The rules and the promtool unit tests for one rule: every assignment, with the alerts the page's rule (`combineStates`) says must fire. */
function rulesAndTests(rule: LocationRule): { rules: string; tests: unknown[] } {
	const exported = exportPrometheus([probe], {
		site: { url: 'https://runbooks.test', base: '/' },
		locations: rule.locations.map((name, i) => ({ name, blackbox: `blackbox-${i}:9115` })),
		downWhen: rule.downWhen,
	});
	const m = rule.locations.length;
	const needed = rule.downWhen === 'all' ? m : rule.downWhen;
	const tests = assignments(m).map((seen) => {
		const state = combineStates(
			seen.map((s) => stateOf[s]),
			rule,
		);
		const failing = rule.locations.filter((_, i) => seen[i] === 'fail');
		const labels = { probe: 'app', page: '/app/', instance: probe.target };
		return {
			name: `${rule.locations.map((l, i) => `${l}=${seen[i]}`).join(' ')} (down at ${needed}): page says ${state}`,
			interval: '1m',
			input_series: rule.locations.flatMap((location, i) =>
				seen[i] === 'missing'
					? []
					: [
							{
								series: `probe_success{probe="app",page="/app/",instance="${probe.target}",job="waymark_probes_${location}_1m",location="${location}"}`,
								values: seen[i] === 'ok' ? '1x3' : '0x3',
							},
						],
			),
			alert_rule_test: [
				{
					eval_time: '2m',
					alertname: 'WaymarkProbeDown',
					exp_alerts:
						state === 'down'
							? [
									{
										exp_labels: { ...labels, severity: 'critical' },
										exp_annotations: {
											summary: `Probe app (App) is down from ${failing.length} of ${m} locations`,
											description: `http ${probe.target} fails a check of blackbox module waymark_app; declared in app.md:3; down when at least ${needed} of ${m} locations (${rule.locations.join(', ')}) fail`,
											runbook_url: 'https://runbooks.test/app/',
										},
									},
								]
							: [],
				},
				{
					eval_time: '2m',
					alertname: 'WaymarkProbeLocationDown',
					exp_alerts:
						state === 'degraded'
							? failing.map((location) => ({
									exp_labels: { ...labels, location, severity: 'warning' },
									exp_annotations: {
										summary: `Probe app (App) fails from ${location}; it is down when ${needed} of ${m} locations fail`,
										description: `http ${probe.target} fails a check of blackbox module waymark_app; declared in app.md:3`,
										runbook_url: 'https://runbooks.test/app/',
									},
								}))
							: [],
				},
			],
		};
	});
	return { rules: exported.files['waymark-rules.yml']!, tests };
}

describe.skipIf(!componentsInstalled('prometheus'))(
	'the exported alerting rules, evaluated by promtool, fire as the page says',
	() => {
		let dir: string;
		beforeAll(async () => {
			dir = await writeFixture({});
		});
		afterAll(() => removeFixture(dir));

		test('for two and three locations, every rule, every mix of failing, answering and silent locations', async () => {
			const rules: LocationRule[] = [];
			for (const m of [2, 3])
				for (const downWhen of [...Array.from({ length: m }, (_, i) => i + 1), 'all' as const])
					rules.push({ locations: ['eu-west', 'us-east', 'ap-south'].slice(0, m), downWhen });
			const files: string[] = [];
			let cases = 0;
			for (const [i, rule] of rules.entries()) {
				const { rules: text, tests } = rulesAndTests(rule);
				await writeFile(join(dir, `rules-${i}.yml`), text);
				await writeFile(
					join(dir, `test-${i}.yml`),
					stringify({ rule_files: [`rules-${i}.yml`], evaluation_interval: '1m', tests }),
				);
				files.push(join(dir, `test-${i}.yml`));
				cases += tests.length;
			}
			expect(cases).toBe(3 * 9 + 4 * 27);
			const { stdout } = await run(promtoolPath(), ['test', 'rules', ...files]).catch(
				(error: { stdout: string; stderr: string }) => {
					throw new Error(
						`promtool disagrees with the page's rule:\n${error.stdout}${error.stderr}`,
					);
				},
			);
			expect(stdout.match(/SUCCESS/g)).toHaveLength(files.length);
		});
	},
);

import { expect, test } from 'vitest';
import { readAlertmanagerAnswer, type ActiveAlert } from '../../alerts/alertmanager-answer.ts';
import { readPrometheusRules } from '../../alerts/prometheus-answer.ts';
import type { AlertRule } from '../../alerts/types.ts';
import { readPrometheusQuery } from '../../network/prometheus-query-answer.ts';
import { mutate, pick, type JsonPath, type Mutation } from '../helpers/mutate-json.ts';
import { seededRandom, type Random } from '../helpers/seeded-random.ts';

// Thousands of answers, each a valid one mutated at 1 to 3 random paths (mutate-json.ts): the
// parsers never throw, everything they return has the types the rest of Waymark relies on
// (checked here by hand, not by the parsers' own schemas), and every part of the answer no
// mutation touched comes out exactly as it does from the valid answer.
const documents = 2000;
const names = ['DiskFull', 'ErpDown', 'BackupLate', 'constructor', 'toString', 'Ünïcode ✓'];
const iso = (random: Random) =>
	new Date(
		Date.UTC(2026, 10, 1 + Math.floor(random() * 28), Math.floor(random() * 24)),
	).toISOString();

function validAlert(random: Random, i: number): Record<string, unknown> {
	return {
		annotations: {
			summary: `Disk of db${i} is full`,
			runbook_url: pick(random, [
				'https://runbooks.test/db/#disk-full',
				'/erp/',
				'https://elsewhere.test/x',
			]),
			description: 'long text',
		},
		endsAt: iso(random),
		fingerprint: (i * 7919).toString(16).padStart(16, '0'),
		receivers: [{ name: 'team' }],
		startsAt: iso(random).replace('.000Z', `.${String(i).padStart(9, '0')}Z`),
		status: pick(random, [
			{ state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
			{ state: 'suppressed', silencedBy: ['5c2c7a0e'], inhibitedBy: [] },
			{ state: 'suppressed', silencedBy: null, inhibitedBy: ['f00'] },
			{ state: 'unprocessed', silencedBy: [], inhibitedBy: [] },
		]),
		updatedAt: iso(random),
		generatorURL: 'http://prometheus.test/graph',
		labels: {
			alertname: pick(random, names),
			severity: pick(random, ['critical', 'warning']),
			instance: `db${i}:9100`,
			job: 'node',
		},
	};
}

function validRules(random: Random): Record<string, unknown> {
	const groups = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, g) => ({
		name: `group-${g}`,
		file: `/etc/prometheus/rules/${g}.yml`,
		interval: 30,
		rules: Array.from({ length: 1 + Math.floor(random() * 4) }, (_, r) =>
			random() < 0.2
				? { type: 'recording', name: `job:up:sum${r}`, query: 'sum(up)', health: 'ok' }
				: {
						type: 'alerting',
						name: pick(random, names),
						query: `up{job="db${r}"} == 0`,
						duration: pick(random, [0, 300, 5400]),
						labels: { severity: 'critical' },
						annotations: {
							summary: 'down',
							runbook_url: 'https://runbooks.test/{{ $labels.alertname }}/',
						},
						alerts: [],
						health: 'ok',
						state: 'inactive',
					},
		),
	}));
	return { status: 'success', data: { groups } };
}

// Checked by hand (one expect per answer: vitest's expect costs more than the parsers).
/** What is wrong with a label set as the rest of Waymark takes it: text to text, within the limits, nothing inherited. */
function textRecordProblems(record: unknown, maxValue: number): string[] {
	if (Object.getPrototypeOf(record) !== Object.prototype) return ['not a plain object'];
	const entries = Object.entries(record as object);
	return [
		...(entries.length > 64 ? [`${entries.length} entries`] : []),
		...entries
			.filter(
				([name, value]) =>
					name === '__proto__' || typeof value !== 'string' || value.length > maxValue,
			)
			.map(([name]) => `entry ${name.slice(0, 40)}`),
	];
}

function alertProblems(alert: ActiveAlert): string[] {
	return [
		...(Object.keys(alert).sort().join() === 'annotations,fingerprint,labels,startsAt,state'
			? []
			: ['keys']),
		...(typeof alert.fingerprint === 'string' ? [] : ['fingerprint']),
		...textRecordProblems(alert.labels, 1024),
		...(typeof alert.labels['alertname'] === 'string' && alert.labels['alertname'] !== ''
			? []
			: ['alertname']),
		...textRecordProblems(alert.annotations, 64 * 1024),
		...(alert.startsAt === '' || !Number.isNaN(Date.parse(alert.startsAt.replace(/\.\d+/, '')))
			? []
			: ['startsAt']),
		...(['firing', 'silenced', 'inhibited'].includes(alert.state) ? [] : ['state']),
	];
}

function ruleProblems(rule: AlertRule): string[] {
	return [
		...(typeof rule.name === 'string' && rule.name !== '' ? [] : ['name']),
		...(typeof rule.expr === 'string' && typeof rule.group === 'string' ? [] : ['expr or group']),
		...(rule.for === null || /^(\d+(d|h|m|s|ms))+$/.test(rule.for) ? [] : ['for']),
		...textRecordProblems(rule.labels, 1024),
		...textRecordProblems(rule.annotations, 64 * 1024),
		...(rule.origin.kind === 'prometheus' && typeof rule.origin.file === 'string'
			? []
			: ['origin']),
	];
}

/** True when `sub` appears in `list` in order (other items may come between). */
function isSubsequence<T>(sub: T[], list: T[]): boolean {
	let at = 0;
	for (const item of list)
		if (at < sub.length && JSON.stringify(item) === JSON.stringify(sub[at])) at++;
	return at === sub.length;
}

/** Mutates a copy of `valid` 1 to 3 times; returns it and where it was touched. */
function mutated(valid: unknown, random: Random): { document: unknown; mutations: Mutation[] } {
	let document = structuredClone(valid);
	const mutations: Mutation[] = [];
	for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
		const step = mutate(document, random);
		document = step.document;
		mutations.push(step.mutation);
	}
	return { document, mutations };
}

const touches = (mutations: Mutation[], prefix: JsonPath): boolean =>
	mutations.some(({ path }) =>
		path.length <= prefix.length
			? prefix.slice(0, path.length).every((k, i) => k === path[i])
			: prefix.every((k, i) => k === path[i]),
	);

test(`reads ${documents} mutated Alertmanager answers without throwing, keeping every alert no mutation touched`, () => {
	const random = seededRandom(20261122);
	let kept = 0;
	let dropped = 0;
	for (let n = 0; n < documents; n++) {
		const valid = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) =>
			validAlert(random, i),
		);
		const clean = readAlertmanagerAnswer(structuredClone(valid));
		// Positive control: the generator makes answers that are valid whole.
		if (!clean.ok || clean.dropped.count > 0)
			expect(clean).toMatchObject({ ok: true, dropped: { count: 0 } });
		if (!clean.ok) continue;
		const { document, mutations } = mutated(valid, random);
		const read = readAlertmanagerAnswer(document);
		if (!Array.isArray(document)) {
			expect(read.ok, JSON.stringify(mutations)).toBe(false);
			continue;
		}
		expect(read.ok).toBe(true);
		if (!read.ok) continue;
		const untouched = valid.flatMap((_, i) => (touches(mutations, [i]) ? [] : [clean.alerts[i]!]));
		const problems = [
			...read.alerts.flatMap(alertProblems),
			...(read.alerts.length + read.dropped.count === document.length ? [] : ['count']),
			...(isSubsequence(untouched, read.alerts) ? [] : ['an untouched alert is missing']),
			...(read.dropped.first.includes('\n') || read.dropped.first.includes('\u0000')
				? ['a reason on two lines']
				: []),
		];
		if (problems.length > 0) expect({ problems, mutations }).toEqual({ problems: [], mutations });
		kept += read.alerts.length;
		dropped += read.dropped.count;
	}
	expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	// The mutations were not all harmless, nor all fatal.
	expect(kept).toBeGreaterThan(documents);
	expect(dropped).toBeGreaterThan(documents / 4);
});

test(`reads ${documents} mutated Prometheus rules answers without throwing, keeping every rule no mutation touched`, () => {
	const random = seededRandom(42);
	let kept = 0;
	let dropped = 0;
	for (let n = 0; n < documents; n++) {
		const valid = validRules(random);
		const clean = readPrometheusRules(
			structuredClone(valid),
			{ url: 'http://prometheus.test' },
			'waymark.config.yaml',
		);
		if (!clean.ok || clean.dropped.count + clean.dropped.groups > 0)
			expect(clean).toMatchObject({ ok: true, dropped: { count: 0, groups: 0 } });
		if (!clean.ok) continue;
		const { document, mutations } = mutated(valid, random);
		const read = readPrometheusRules(
			document,
			{ url: 'http://prometheus.test' },
			'waymark.config.yaml',
		);
		if (!read.ok) {
			// Only a mutation of the envelope makes the whole answer unusable.
			expect(
				mutations.some(({ path }) => path.length <= 2),
				JSON.stringify(mutations),
			).toBe(true);
			continue;
		}
		const groups = (valid.data as { groups: Array<{ rules: Array<{ type: string }> }> }).groups;
		let at = 0;
		const untouched: AlertRule[] = [];
		groups.forEach((group, g) =>
			group.rules.forEach((rule, r) => {
				if (rule.type !== 'alerting') return;
				const cleanRule = clean.rules[at++]!;
				if (
					!touches(mutations, ['data', 'groups', g, 'rules', r]) &&
					!mutations.some(({ path }) => path.length === 4 && path[2] === g)
				)
					untouched.push(cleanRule);
			}),
		);
		const problems = [
			...read.rules.flatMap(ruleProblems),
			...(isSubsequence(untouched, read.rules) ? [] : ['an untouched rule is missing']),
		];
		if (problems.length > 0) expect({ problems, mutations }).toEqual({ problems: [], mutations });
		kept += read.rules.length;
		dropped += read.dropped.count + read.dropped.groups;
	}
	expect(kept).toBeGreaterThan(documents);
	expect(dropped).toBeGreaterThan(documents / 4);
});

test(`reads ${documents} mutated Prometheus query answers without throwing: a series list of numbers, or a reason`, () => {
	const random = seededRandom(7);
	let answered = 0;
	for (let n = 0; n < documents; n++) {
		const valid =
			random() < 0.2
				? { status: 'success', data: { resultType: 'scalar', result: [1_764_000_000.5, '1'] } }
				: {
						status: 'success',
						data: {
							resultType: 'vector',
							result: [
								{
									metric: { __name__: 'probe_success', probe: 'db' },
									value: [1_764_000_000.5, pick(random, ['1', '0', 'NaN', '+Inf'])],
								},
							],
						},
					};
		if (!readPrometheusQuery(structuredClone(valid)).ok)
			expect(readPrometheusQuery(valid)).toMatchObject({ ok: true });
		const { document, mutations } = mutated(valid, random);
		const read = readPrometheusQuery(document);
		const problems = read.ok
			? read.series.flatMap((series) => [
					...(typeof series.value === 'number' ? [] : ['value']),
					...textRecordProblems(series.metric, 1024),
				])
			: /^an answer that does not fit Prometheus's query API \(at [^\n]+\)$/.test(read.reason)
				? []
				: [`reason ${read.reason}`];
		if (problems.length > 0) expect({ problems, mutations }).toEqual({ problems: [], mutations });
		if (read.ok) answered++;
	}
	expect(answered).toBeGreaterThan(documents / 20);
	expect(answered).toBeLessThan(documents);
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runProbe } from '../../checks/probes/probe-one.ts';
import { ProbeDeclarationSchema, toProbeSpec } from '../../checks/probes/schema.ts';
import { createResolver } from '../../network/resolver.ts';
import { componentsInstalled, start, type Running } from '../helpers/prometheus.ts';

const spec = (query: string, conditions?: string[]) =>
	toProbeSpec(
		ProbeDeclarationSchema.parse({
			id: 'q',
			prometheus: { query },
			...(conditions && { conditions }),
		}),
	);
const resolver = createResolver();

test('accepts `[VALUE]` only on prometheus probes, and nothing but `[VALUE]` and latency there', () => {
	const issues = (declaration: unknown): string[] =>
		ProbeDeclarationSchema.safeParse(declaration).error?.issues.map(
			(i) => `${i.path.join('.')}: ${i.message}`,
		) ?? [];
	expect(
		issues({
			id: 'a',
			prometheus: { query: 'up' },
			conditions: ['[VALUE] >= 1', '[RESPONSE_TIME] < 500'],
		}),
	).toEqual([]);
	expect(
		issues({ id: 'b', http: 'https://erp.example.lab/', conditions: ['[VALUE] == 1'] }),
	).toEqual([
		'conditions.0: Unexpected `[VALUE]` on a http probe, expected it only on `prometheus` probes',
	]);
	expect(issues({ id: 'c', prometheus: { query: 'up' }, conditions: ['[STATUS] == 200'] })).toEqual(
		[
			"conditions.0: Unexpected `[STATUS]` on a prometheus probe, expected `[VALUE]` (the query's value) or `[RESPONSE_TIME]`",
		],
	);
	expect(spec('up').conditions).toEqual(['[VALUE] == 1']);
});

test('is unknown, never down, without alerts.prometheus or when Prometheus does not answer', async () => {
	expect(await runProbe(spec('vector(1)'), { resolver })).toMatchObject({
		state: 'unknown',
		message: 'Not checked: `alerts.prometheus` is not set, so there is no Prometheus to ask',
	});
	expect(
		await runProbe(spec('vector(1)'), {
			resolver,
			prometheus: { url: 'http://127.0.0.1:9', headers: {} },
		}),
	).toMatchObject({
		state: 'unknown',
		message:
			'Not checked: Prometheus at http://127.0.0.1:9 did not answer (Connection refused (ECONNREFUSED))',
	});
});

describe.skipIf(!componentsInstalled('prometheus'))(
	'a prometheus probe against a real Prometheus 2.42',
	() => {
		let prometheus: Running;
		beforeAll(async () => {
			prometheus = await start('prometheus', { config: 'global: { evaluation_interval: 1s }\n' });
		}, 30_000);
		afterAll(() => prometheus?.stop());

		test.each([
			[
				'up when its one value satisfies the conditions',
				'vector(1)',
				undefined,
				'up',
				'[VALUE] == 1',
			],
			[
				'down with the observed value next to the expected one',
				'vector(0)',
				undefined,
				'down',
				'[VALUE] (0) == 1',
			],
			['up on a numeric comparison', 'vector(25)', ['[VALUE] < 50'], 'up', '[VALUE] < 50'],
			[
				'unknown when the query has no series',
				'waymark_missing_metric',
				undefined,
				'unknown',
				'No series for `waymark_missing_metric` in Prometheus: not scraped yet, or its exporter is gone',
			],
			[
				'unknown when the query has several series',
				'label_replace(vector(1), "a", "x", "", "") or label_replace(vector(2), "a", "y", "", "")',
				undefined,
				'unknown',
				'`label_replace(vector(1), "a", "x", "", "") or label_replace(vector(2), "a", "y", "", "")` returned 2 series, expected one; narrow the query with labels or aggregate it',
			],
			[
				'unknown when the query is invalid',
				'sum(',
				undefined,
				'unknown',
				/^Not checked: Prometheus at http:\/\/127\.0\.0\.1:\d+ did not answer \(HTTP 400: .*parse error/,
			],
		] as const)('is %s', async (_name, query, conditions, state, message) => {
			const result = await runProbe(spec(query, conditions as string[] | undefined), {
				resolver,
				prometheus: { url: prometheus.url, headers: {} },
			});
			expect(result.state).toBe(state);
			expect(result.message).toMatch(
				typeof message === 'string'
					? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
					: message,
			);
		});
	},
);

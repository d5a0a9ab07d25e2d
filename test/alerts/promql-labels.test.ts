import { describe, expect, it } from 'vitest';
import { keptLabels, mayCarry, type KeptLabels } from '../../alerts/promql-labels.ts';

const shown = (kept: KeptLabels): string =>
	kept.kind === 'exact'
		? `exact ${[...kept.labels].sort().join(',')}`
		: `open -${[...kept.dropped].sort().join(',')}`;

/** Wrappers that keep the labels of what they wrap, as Prometheus evaluates them. */
const keeping = [
	(e: string) => `rate((${e})[5m:1m])`,
	(e: string) => `abs(${e})`,
	(e: string) => `(${e})`,
	(e: string) => `${e} > 0`,
	(e: string) => `2 * ${e}`,
	(e: string) => `-${e}`,
	(e: string) => `topk(3, ${e})`,
	(e: string) => `${e} and on(job) up`,
	(e: string) => `${e} unless ignoring(x) down`,
	(e: string) => `clamp_min(${e}, 0)`,
];

/** A small deterministic generator (no flaky seeds). */
function* cases(count: number): Generator<{ labels: string[]; wrap: number[] }> {
	let seed = 7;
	const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
	const pool = ['instance', 'namespace', 'cluster', 'pod', 'job', 'db'];
	for (let i = 0; i < count; i++) {
		const labels = pool.filter(() => next(2) === 1);
		yield { labels, wrap: Array.from({ length: next(4) }, () => next(keeping.length)) };
	}
}

describe('keptLabels', () => {
	it('reads `by (…)` as exactly those labels and `without (…)` as dropping them, under any wrapping that keeps labels', () => {
		for (const { labels, wrap } of cases(200)) {
			const list = labels.join(', ');
			const by = wrap.reduce(
				(e, w) => keeping[w]!(e),
				`sum by (${list}) (rate(http_requests_total[5m]))`,
			);
			const without = wrap.reduce((e, w) => keeping[w]!(e), `max without (${list}) (up)`);
			expect(shown(keptLabels(by)), by).toBe(`exact ${[...labels].sort().join(',')}`);
			const dropped = keptLabels(without);
			for (const label of labels) expect(mayCarry(dropped, label), without).toBe(false);
			// Positive control: a label the expression never names may be on the series.
			expect(mayCarry(dropped, 'severity'), without).toBe(true);
		}
	});

	it('knows nothing of a plain selector’s labels, and says nothing of an expression it cannot parse', () => {
		expect(shown(keptLabels('up{job="erp"} == 0'))).toBe('open -');
		expect(shown(keptLabels('sum by (instance (up'))).toBe('open -');
		// Too long to read, or nested deeper than the stack: nothing known, never an exception (a shallow one is read: the control).
		const nested = (depth: number): string =>
			`${'abs('.repeat(depth)}sum by (a) (x)${')'.repeat(depth)}`;
		expect(shown(keptLabels(nested(10)))).toBe('exact a');
		expect(shown(keptLabels(nested(3_900)))).toMatch(/^(exact a|open -)$/);
		expect(shown(keptLabels(nested(200_000)))).toBe('open -');
	});

	it('follows the functions and operators that change labels', () => {
		expect(shown(keptLabels('absent(up{job="erp", instance=~"db.*"})'))).toBe('exact job');
		expect(shown(keptLabels('label_replace(sum by (a) (x), "dst", "$1", "a", "(.*)")'))).toBe(
			'exact a,dst',
		);
		expect(shown(keptLabels('count_values("version", build_info) by (job)'))).toBe(
			'exact job,version',
		);
		expect(shown(keptLabels('sum by (a, b) (x) / on(a) sum by (a) (y)'))).toBe('exact a');
		expect(
			shown(keptLabels('sum by (a) (x) * on(a) group_left(owner) sum by (a, owner) (y)')),
		).toBe('exact a,owner');
		expect(shown(keptLabels('sum by (a) (x) or sum by (b) (y)'))).toBe('exact a,b');
		expect(shown(keptLabels('vector(1)'))).toBe('exact ');
		expect(shown(keptLabels('sum without (pod) (x) or sum without (pod, node) (y)'))).toBe(
			'open -pod',
		);
	});
});

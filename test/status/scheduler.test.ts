import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { defaultConditions } from '../../checks/probes/schema.ts';
import type { LocatedProbe, ProbeResult } from '../../checks/probes/types.ts';
import { startScheduler } from '../../server/scheduler.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

// Time is not the subject here, the schedule is: fake timers (performance.now included) and a seeded
// random make every run land at the same instant on every machine.
beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

const probe = (id: string, intervalMs: number): LocatedProbe => ({
	id,
	kind: 'tcp',
	target: '127.0.0.1:1',
	dnsType: 'A',
	headers: {},
	conditions: defaultConditions.tcp,
	intervalMs,
	timeoutMs: 100,
	file: 'a.md',
	line: 1,
	route: '/a/',
	pageTitle: 'A',
});
const result = (id: string): ProbeResult => ({
	id,
	kind: 'tcp',
	target: '',
	state: 'up',
	ok: true,
	latencyMs: 1,
	observed: {},
	message: '',
	file: '',
	line: 0,
	checkedAt: new Date().toISOString(),
});

test('runs each probe on its interval, never more than the concurrency limit at once', async () => {
	let inFlight = 0;
	let peak = 0;
	const runs = new Map<string, number[]>();
	const scheduler = startScheduler(
		[probe('a', 100), probe('b', 100), probe('c', 100), probe('d', 100)],
		{
			concurrency: 2,
			startSpreadMs: 20,
			random: seededRandom(42),
			async run(p) {
				inFlight++;
				peak = Math.max(peak, inFlight);
				runs.set(p.id, [...(runs.get(p.id) ?? []), performance.now()]);
				await new Promise((r) => setTimeout(r, 15));
				inFlight--;
				return result(p.id);
			},
			onResult: () => undefined,
		},
	);
	await vi.advanceTimersByTimeAsync(480);
	scheduler.stop();
	expect(peak).toBe(2);
	expect([...runs.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
	for (const times of runs.values()) {
		expect(times.length).toBeGreaterThanOrEqual(4);
		// A run takes 15 ms, then the next waits 100 ms ± 10 % jitter (plus any wait for a free slot).
		const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(90 + 15);
	}
	// Timers fire on time here, so a lag is time spent waiting for a slot: four probes starting
	// within 20 ms on two slots wait, and every run's wait is measured.
	expect(scheduler.lags.length).toBe([...runs.values()].flat().length);
	expect(Math.max(...scheduler.lags)).toBeGreaterThan(0);
});

test('spreads first runs over the start window and waits the interval with the injected jitter', async () => {
	const starts: number[] = [];
	const draws = [0.5, 0, 1, 0.25];
	const scheduler = startScheduler([probe('a', 1000)], {
		concurrency: 1,
		startSpreadMs: 200,
		jitter: 0.1,
		random: () => draws.shift() ?? 0.5,
		run: (p) => {
			starts.push(performance.now());
			return Promise.resolve(result(p.id));
		},
		onResult: () => undefined,
	});
	const t0 = performance.now();
	await vi.advanceTimersByTimeAsync(3500);
	scheduler.stop();
	// First run at 0.5 × 200 ms; then waits of 1000 × (0.9 + 0.2 × draw): 900, 1100, 950 ms.
	expect(starts.map((t) => t - t0)).toEqual([100, 1000, 2100, 3050]);
});

test('starts no run and reports no result after stop', async () => {
	const results: string[] = [];
	const scheduler = startScheduler([probe('a', 100)], {
		concurrency: 1,
		startSpreadMs: 0,
		random: seededRandom(7),
		run: async (p) => {
			await new Promise((r) => setTimeout(r, 30));
			return result(p.id);
		},
		onResult: (p) => results.push(p.id),
	});
	await vi.advanceTimersByTimeAsync(250);
	const before = results.length;
	scheduler.stop();
	await vi.advanceTimersByTimeAsync(1000);
	expect(before).toBeGreaterThanOrEqual(2);
	expect(results).toHaveLength(before);
	expect(vi.getTimerCount()).toBe(0);
});

test('never lets a long interval overflow the timer into a busy loop', async () => {
	let runs = 0;
	// Node fires any timeout above 2^31-1 ms (~24.8 days) after 1 ms; 30 days must still wait.
	const scheduler = startScheduler([probe('monthly', 30 * 86_400_000)], {
		concurrency: 1,
		startSpreadMs: 0,
		random: () => 0.5,
		run: (p) => {
			runs++;
			return Promise.resolve(result(p.id));
		},
		onResult: () => undefined,
	});
	await vi.advanceTimersByTimeAsync(10_000);
	scheduler.stop();
	expect(runs).toBe(1);
});

import { expect, test } from 'vitest';
import { defaultConditions } from '../../checks/probes/schema.ts';
import type { LocatedProbe, ProbeResult } from '../../checks/probes/types.ts';
import { startScheduler } from '../../server/scheduler.ts';

const probe = (id: string, intervalMs: number): LocatedProbe => ({
	id, kind: 'tcp', target: '127.0.0.1:1', dnsType: 'A', headers: {}, conditions: defaultConditions.tcp, intervalMs, timeoutMs: 100, file: 'a.md', line: 1, route: '/a/', pageTitle: 'A',
});
const result = (id: string): ProbeResult => ({ id, kind: 'tcp', target: '', state: 'up', ok: true, latencyMs: 1, observed: {}, message: '', file: '', line: 0, checkedAt: new Date().toISOString() });

test('runs each probe on its interval, never more than the concurrency limit at once', async () => {
	let inFlight = 0;
	let peak = 0;
	const runs = new Map<string, number[]>();
	const scheduler = startScheduler([probe('a', 100), probe('b', 100), probe('c', 100), probe('d', 100)], {
		concurrency: 2,
		startSpreadMs: 20,
		async run(p) {
			inFlight++;
			peak = Math.max(peak, inFlight);
			runs.set(p.id, [...(runs.get(p.id) ?? []), performance.now()]);
			await new Promise((r) => setTimeout(r, 15));
			inFlight--;
			return result(p.id);
		},
		onResult: () => undefined,
	});
	await new Promise((r) => setTimeout(r, 480));
	scheduler.stop();
	expect(peak).toBe(2);
	for (const times of runs.values()) {
		expect(times.length).toBeGreaterThanOrEqual(3);
		const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(90 + 15 - 2);
	}
	expect(scheduler.lags.length).toBeGreaterThan(8);
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
	await new Promise((r) => setTimeout(r, 200));
	scheduler.stop();
	expect(runs).toBe(1);
});

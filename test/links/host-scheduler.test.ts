import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createHostScheduler, parseRetryAfter } from '../../checks/links/host-scheduler.ts';

test.each([
	['delta seconds', '120', 120_000],
	['an HTTP date', 'Sat, 21 Nov 2026 06:00:30 GMT', 30_000],
	['a date in the past', 'Sat, 21 Nov 2026 05:00:00 GMT', 0],
	['garbage', 'soon', undefined],
	['nothing', undefined, undefined],
])('parses Retry-After given as %s', (_name, value, expected) => {
	expect(parseRetryAfter(value, Date.parse('2026-11-21T06:00:00Z'))).toBe(expected);
});

beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

/** Tasks that stay in flight until `finish(n)`; `started` lists start times per host. */
function harness(limits: Parameters<typeof createHostScheduler>[0]) {
	const scheduler = createHostScheduler(limits);
	const started: Array<{ host: string; at: number }> = [];
	const pending: Array<() => void> = [];
	const inFlight = new Map<string, number>();
	const submit = (host: string, count: number) =>
		Array.from({ length: count }, () =>
			scheduler.run(host, () => {
				started.push({ host, at: Date.now() });
				inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
				return new Promise<void>((resolve) =>
					pending.push(() => {
						inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
						resolve();
					}),
				);
			}),
		);
	const finish = async (n: number) => {
		for (const done of pending.splice(0, n)) done();
		await vi.advanceTimersByTimeAsync(0);
	};
	const count = (host: string) => started.filter((s) => s.host === host).length;
	return { scheduler, started, inFlight, submit, finish, count };
}

test('starts a host at 2 and climbs one slot per spacing interval to the ceiling while no answer has come', async () => {
	const h = harness({ global: 100, perHost: 5, spacingMs: 50 });
	void h.submit('slow:1', 8);
	const seen: number[] = [];
	for (let t = 0; t <= 300; t += 50) {
		seen.push(h.count('slow:1'));
		await vi.advanceTimersByTimeAsync(50);
	}
	expect(seen).toEqual([1, 2, 3, 4, 5, 5, 5]);
	expect(h.scheduler.limitOf('slow:1')).toBe(5);
	expect(h.started.map((s) => s.at).slice(0, 5)).toEqual([0, 50, 100, 150, 200]);
});

test('halves the limit at once on pushback, then grows it by one per round of clean answers only', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 10 });
	void h.submit('api:1', 40);
	await vi.advanceTimersByTimeAsync(200);
	expect(h.inFlight.get('api:1')).toBe(10);
	h.scheduler.report('api:1', 'pushback');
	expect(h.scheduler.limitOf('api:1')).toBe(5);
	// Five answers bring the host to 5 in flight, below the new limit of 5: nothing new starts.
	await h.finish(5);
	await vi.advanceTimersByTimeAsync(500);
	expect(h.inFlight.get('api:1')).toBe(5);
	await h.finish(1);
	await vi.advanceTimersByTimeAsync(500);
	// No ramp after a pushback: one slot back, not one per spacing interval.
	expect(h.inFlight.get('api:1')).toBe(5);
	for (let i = 0; i < 4; i++) h.scheduler.report('api:1', 'clean');
	await vi.advanceTimersByTimeAsync(500);
	expect([h.scheduler.limitOf('api:1'), h.inFlight.get('api:1')]).toEqual([5, 5]);
	h.scheduler.report('api:1', 'clean');
	await vi.advanceTimersByTimeAsync(500);
	expect([h.scheduler.limitOf('api:1'), h.inFlight.get('api:1')]).toEqual([6, 6]);
});

test('holds the limit after a slow answer and never drops below one', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 10 });
	void h.submit('a:1', 20);
	await vi.advanceTimersByTimeAsync(5);
	h.scheduler.report('a:1', 'slow');
	await vi.advanceTimersByTimeAsync(500);
	expect(h.inFlight.get('a:1')).toBe(2);
	for (let i = 0; i < 3; i++) h.scheduler.report('a:1', 'pushback');
	expect(h.scheduler.limitOf('a:1')).toBe(1);
});

test('spaces the starts to one host but not across hosts', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 50 });
	void h.submit('a:1', 3);
	void h.submit('b:1', 3);
	await vi.advanceTimersByTimeAsync(200);
	const at = (host: string) => h.started.filter((s) => s.host === host).map((s) => s.at);
	expect([at('a:1'), at('b:1')]).toEqual([
		[0, 50, 100],
		[0, 50, 100],
	]);
});

test('keeps the global limit and holds a paused host only', async () => {
	const h = harness({ global: 3, perHost: 2, spacingMs: 0 });
	h.scheduler.pauseHost('paused:1', 150);
	void h.submit('paused:1', 1);
	void h.submit('a:1', 3);
	void h.submit('b:1', 3);
	await vi.advanceTimersByTimeAsync(0);
	expect([h.count('a:1') + h.count('b:1'), h.count('paused:1')]).toEqual([3, 0]);
	await h.finish(3);
	await h.finish(3);
	await vi.advanceTimersByTimeAsync(100);
	expect([h.count('a:1'), h.count('b:1'), h.count('paused:1')]).toEqual([3, 3, 0]);
	await vi.advanceTimersByTimeAsync(50);
	expect(h.started.find((s) => s.host === 'paused:1')?.at).toBe(150);
	expect(Math.max(...h.scheduler.peakInFlight.values())).toBe(2);
});

test('rejects the queued and later tasks of a closed host without starting them', async () => {
	const h = harness({ global: 10, perHost: 1, spacingMs: 0 });
	const [first, second] = h.submit('gone:1', 2);
	await vi.advanceTimersByTimeAsync(0);
	const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
	h.scheduler.closeHost('gone:1', refused);
	await expect(second).rejects.toBe(refused);
	await expect(h.submit('gone:1', 1)[0]).rejects.toBe(refused);
	await h.finish(1);
	await expect(first).resolves.toBeUndefined();
	expect(h.count('gone:1')).toBe(1);
});

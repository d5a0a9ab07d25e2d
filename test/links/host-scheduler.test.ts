import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { RequestStart } from '../../checks/links/host-pace.ts';
import { createHostScheduler } from '../../checks/links/host-scheduler.ts';

beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

/** Tasks that stay in flight until `finish(n)` (or for `ms` each); `started` lists starts per host. */
function harness(limits: Parameters<typeof createHostScheduler>[0]) {
	const scheduler = createHostScheduler(limits);
	const started: Array<{ host: string; at: number; start: RequestStart; later: boolean }> = [];
	const pending: Array<() => void> = [];
	const inFlight = new Map<string, number>();
	const submit = (host: string, count: number, options: { ms?: number; notBefore?: number } = {}) =>
		Array.from({ length: count }, () =>
			scheduler.run(
				host,
				(start) => {
					started.push({ host, at: Date.now(), start, later: options.notBefore !== undefined });
					inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
					return new Promise<RequestStart>((resolve) => {
						const done = () => {
							inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
							resolve(start);
						};
						if (options.ms === undefined) pending.push(done);
						else setTimeout(done, options.ms);
					});
				},
				options.notBefore === undefined ? {} : { notBefore: options.notBefore },
			),
		);
	const finish = async (n: number) => {
		for (const done of pending.splice(0, n)) done();
		await vi.advanceTimersByTimeAsync(0);
	};
	const count = (host: string) => started.filter((s) => s.host === host).length;
	const at = (host: string) => started.filter((s) => s.host === host).map((s) => s.at);
	return { scheduler, started, inFlight, submit, finish, count, at };
}

test('starts a host at 2 and climbs one slot per spacing interval to the ceiling while no answer has come', async () => {
	const h = harness({ global: 100, perHost: 5, spacingMs: 50 });
	void h.submit('slow:1', 8);
	const seen: number[] = [];
	for (let t = 0; t <= 300; t += 50) {
		seen.push(h.count('slow:1'));
		await vi.advanceTimersByTimeAsync(50);
	}
	expect(seen).toEqual([2, 3, 4, 5, 5, 5, 5]);
	expect(h.scheduler.limitOf('slow:1')).toBe(5);
	expect(h.at('slow:1')).toEqual([0, 0, 50, 100, 150]);
});

test('lets a host answering at once reach its ceiling within the first second, each slot resting spacingMs', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 50 });
	void h.submit('fast:1', 400, { ms: 1 });
	await vi.advanceTimersByTimeAsync(1000);
	expect(h.scheduler.limitOf('fast:1')).toBe(10);
	expect(h.scheduler.peakInFlight.get('fast:1')).toBe(10);
	// Never more than the ceiling in any 50 ms, and the ceiling in every 50 ms once reached.
	const starts = h.at('fast:1');
	const inWindow = (t: number) => starts.filter((s) => s > t - 50 && s <= t).length;
	expect(Math.max(...starts.map(inWindow))).toBe(10);
	expect(starts.filter((s) => s >= 500 && s < 1000)).toHaveLength(100);
	// One start per spacing interval, as a single slot would allow, is what the ceiling replaces.
	expect(starts.filter((s) => s < 1000).length).toBeGreaterThan(1000 / 50);
});

test('halves the limit at once on pushback, then grows it by one per round of clean answers only', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 10 });
	void h.submit('api:1', 40);
	await vi.advanceTimersByTimeAsync(200);
	expect(h.inFlight.get('api:1')).toBe(10);
	const now = { at: Date.now(), alone: false };
	h.scheduler.report('api:1', 'pushback', now);
	expect(h.scheduler.limitOf('api:1')).toBe(5);
	// Five answers bring the host to 5 in flight, at the new limit of 5: nothing new starts.
	await h.finish(5);
	await vi.advanceTimersByTimeAsync(500);
	expect(h.inFlight.get('api:1')).toBe(5);
	await h.finish(1);
	await vi.advanceTimersByTimeAsync(500);
	// No ramp after a pushback: one slot back, not one per spacing interval.
	expect(h.inFlight.get('api:1')).toBe(5);
	const later = { at: Date.now(), alone: false };
	for (let i = 0; i < 4; i++) h.scheduler.report('api:1', 'clean', later);
	await vi.advanceTimersByTimeAsync(500);
	expect([h.scheduler.limitOf('api:1'), h.inFlight.get('api:1')]).toEqual([5, 5]);
	h.scheduler.report('api:1', 'clean', later);
	await vi.advanceTimersByTimeAsync(500);
	expect([h.scheduler.limitOf('api:1'), h.inFlight.get('api:1')]).toEqual([6, 6]);
});

test('ignores answers to requests started before the last pushback', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 0 });
	void h.submit('api:1', 10);
	await vi.advanceTimersByTimeAsync(0);
	const [first, second] = h.started.map((s) => s.start);
	await vi.advanceTimersByTimeAsync(10);
	expect(h.scheduler.limitOf('api:1')).toBe(10);
	h.scheduler.report('api:1', 'pushback', first as RequestStart);
	h.scheduler.report('api:1', 'pushback', second as RequestStart);
	expect(h.scheduler.limitOf('api:1')).toBe(5);
	// Positive control: a request started after the pushback is heard.
	h.scheduler.report('api:1', 'pushback', { at: Date.now(), alone: false });
	expect(h.scheduler.limitOf('api:1')).toBe(2);
});

test('holds the limit after a slow answer and never drops below one', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 10 });
	void h.submit('a:1', 20);
	await vi.advanceTimersByTimeAsync(5);
	h.scheduler.report('a:1', 'slow', { at: 0, alone: false });
	await vi.advanceTimersByTimeAsync(500);
	expect(h.inFlight.get('a:1')).toBe(2);
	for (let i = 0; i < 3; i++)
		h.scheduler.report('a:1', 'pushback', { at: Date.now() + i, alone: false });
	expect(h.scheduler.limitOf('a:1')).toBe(1);
});

test('treats 429s as load until one request alone on the host is refused, then undoes their halvings', async () => {
	const h = harness({ global: 100, perHost: 10, spacingMs: 1000 });
	void h.submit('api:1', 30);
	await vi.advanceTimersByTimeAsync(0);
	expect(h.scheduler.limitOf('api:1')).toBe(2);
	for (let i = 0; i < 4; i++) h.scheduler.report('api:1', 'clean', { at: 0, alone: false });
	expect(h.scheduler.limitOf('api:1')).toBe(6);
	await vi.advanceTimersByTimeAsync(1);
	h.scheduler.report('api:1', 'refused', { at: 0, alone: false });
	expect(h.scheduler.limitOf('api:1')).toBe(3);
	await vi.advanceTimersByTimeAsync(1);
	h.scheduler.report('api:1', 'refused', { at: Date.now(), alone: false });
	expect(h.scheduler.limitOf('api:1')).toBe(1);
	// A request that had the host to itself was refused too: the 429s are per URL.
	await vi.advanceTimersByTimeAsync(1);
	h.scheduler.report('api:1', 'refused', { at: Date.now(), alone: true });
	expect(h.scheduler.limitOf('api:1')).toBe(7);
	h.scheduler.report('api:1', 'refused', { at: Date.now(), alone: false });
	expect(h.scheduler.limitOf('api:1')).toBe(8);
	// Any other pushback makes 429s load again.
	h.scheduler.report('api:1', 'pushback', { at: Date.now(), alone: false });
	await vi.advanceTimersByTimeAsync(1);
	h.scheduler.report('api:1', 'refused', { at: Date.now(), alone: false });
	expect(h.scheduler.limitOf('api:1')).toBe(2);
});

test('marks a request alone only while no other request to its host ran beside it', async () => {
	const h = harness({ global: 100, perHost: 2, spacingMs: 0 });
	void h.submit('a:1', 1);
	void h.submit('b:1', 1);
	await vi.advanceTimersByTimeAsync(0);
	const [a, b] = h.started.map((s) => s.start);
	expect([a?.alone, b?.alone]).toEqual([true, true]);
	void h.submit('a:1', 1);
	await vi.advanceTimersByTimeAsync(0);
	expect([a?.alone, h.started[2]?.start.alone, b?.alone]).toEqual([false, false, true]);
});

test('spaces each slot of a host but not across hosts', async () => {
	const h = harness({ global: 100, perHost: 2, spacingMs: 50 });
	void h.submit('a:1', 5, { ms: 0 });
	void h.submit('b:1', 3, { ms: 0 });
	await vi.advanceTimersByTimeAsync(200);
	expect([h.at('a:1'), h.at('b:1')]).toEqual([
		[0, 0, 50, 50, 100],
		[0, 0, 50],
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

test('starts a task not before its time, ahead of first attempts once due, and together with others due then', async () => {
	const h = harness({ global: 100, perHost: 4, spacingMs: 0 });
	void h.submit('a:1', 3, { notBefore: 1000 });
	void h.submit('a:1', 20, { ms: 300 });
	await vi.advanceTimersByTimeAsync(1000);
	// First attempts of 300 ms, four at a time: at 1000 the four started at 900 hold every slot.
	expect(h.started.map((s) => s.later)).toEqual(Array(16).fill(false));
	await vi.advanceTimersByTimeAsync(200);
	// At 1200 the three due tasks take three of the four free slots, before any first attempt.
	expect(h.started.slice(16).map((s) => [s.at, s.later])).toEqual([
		[1200, true],
		[1200, true],
		[1200, true],
		[1200, false],
	]);
});

test('rejects the queued and later tasks of a closed host without starting them', async () => {
	const h = harness({ global: 10, perHost: 1, spacingMs: 0 });
	const [first, second] = h.submit('gone:1', 2);
	const [retry] = h.submit('gone:1', 1, { notBefore: 500 });
	await vi.advanceTimersByTimeAsync(0);
	const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
	h.scheduler.closeHost('gone:1', refused);
	await expect(second).rejects.toBe(refused);
	await expect(retry).rejects.toBe(refused);
	await expect(h.submit('gone:1', 1)[0]).rejects.toBe(refused);
	await h.finish(1);
	await expect(first).resolves.toMatchObject({ at: 0 });
	expect(h.count('gone:1')).toBe(1);
});

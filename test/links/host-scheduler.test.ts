import { expect, test } from 'vitest';
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

test('keeps both the global and the per-host limit and holds a paused host only', async () => {
	const scheduler = createHostScheduler({ global: 3, perHost: 2 });
	let active = 0;
	let peak = 0;
	const order: string[] = [];
	const task = (name: string) => async () => {
		active++;
		peak = Math.max(peak, active);
		await new Promise((r) => setTimeout(r, 20));
		active--;
		order.push(name);
	};
	scheduler.pauseHost('slow:1', 150);
	const started = Date.now();
	const paused = scheduler.run('slow:1', task('paused')).then(() => Date.now() - started);
	await Promise.all(
		['a', 'a', 'a', 'b', 'b', 'b'].map((h, i) => scheduler.run(`${h}:1`, task(`${h}${i}`))),
	);
	// Every other host's task finished while the paused host still waited.
	expect([...order].sort()).toEqual(['a0', 'a1', 'a2', 'b3', 'b4', 'b5']);
	expect(await paused).toBeGreaterThanOrEqual(140);
	expect(peak).toBe(3);
	expect(scheduler.peakInFlight.get('a:1')).toBe(2);
	expect([...scheduler.peakInFlight.values()].every((n) => n <= 2)).toBe(true);
});

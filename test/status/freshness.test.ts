import { expect, test } from 'vitest';
import { backoffMs, freshness, stateWord } from '../../src/components/status/freshness.ts';
import { overallBadge, snapshotPhrase } from '../../src/components/status/snapshot-phrase.ts';

const now = Date.parse('2026-11-21T08:09:00Z');
const live = { live: true, lostAt: null };
const probe = (checkedAt: string | null) => ({ checkedAt, intervalMs: 60_000 });

test('a live result within two intervals is fresh and says nothing more', () => {
	expect(freshness(probe('2026-11-21T08:07:30Z'), live, now)).toEqual({ fresh: 'fresh', note: '' });
	expect(stateWord('Up', 'fresh')).toBe('Up');
});

test('a result older than two intervals is overdue, with its time and age in words', () => {
	expect(freshness(probe('2026-11-21T08:06:00Z'), live, now)).toEqual({
		fresh: 'overdue',
		note: 'checked 08:06 UTC, 3 min ago, overdue',
	});
	expect(stateWord('Down', 'overdue')).toBe('Last known: Down');
});

test('a lost feed says when it was lost, whatever the age of the result', () => {
	const lost = { live: true, lostAt: Date.parse('2026-11-21T08:06:40Z') };
	expect(freshness(probe('2026-11-21T08:08:59Z'), lost, now)).toEqual({
		fresh: 'lost',
		note: 'feed lost at 08:06 UTC',
	});
	expect(stateWord('Up', 'lost')).toBe('Last known: Up');
});

test('a static copy shows its snapshot as a snapshot, and a probe never checked as unknown', () => {
	const copy = { live: false, lostAt: null };
	expect(freshness(probe('2026-11-21T06:00:00Z'), copy, now)).toEqual({
		fresh: 'static',
		note: 'snapshot of 06:00 UTC, 2 h ago',
	});
	expect(freshness(probe(null), copy, now)).toEqual({ fresh: 'unchecked', note: '' });
	expect(stateWord('Unknown', 'unchecked')).toBe('Unknown');
});

test('reconnects back off from 1 s, doubling, capped at 60 s, with jitter in [0.5, 1)', () => {
	expect([0, 1, 2, 3, 4, 5, 6, 7, 30].map((n) => Math.round(backoffMs(n, 0.999_999)))).toEqual([
		1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
	]);
	expect(backoffMs(3, 0)).toBe(4000);
	// Over a 60 s outage a page makes at most 7 attempts, whatever the jitter.
	for (const random of [0, 0.5, 0.999]) {
		let t = 0;
		let attempts = 0;
		while ((t += backoffMs(attempts, random)) <= 60_000) attempts += 1;
		expect(attempts, `random ${random}`).toBeLessThanOrEqual(7);
	}
});

test('the overall badge leads with the worst news and names every count', () => {
	expect(overallBadge(['up', 'down', 'unknown', 'down', 'up'])).toEqual({
		text: '2 down',
		summary: '2 down, 1 unknown, 2 up',
		label: 'Status: 2 down, 1 unknown, 2 up',
		state: 'down',
	});
	expect(overallBadge(['up', 'unknown'])).toMatchObject({ text: '1 unknown', state: 'unknown' });
	expect(overallBadge(['up', 'up'])).toMatchObject({
		text: 'All up',
		label: 'Status: All up, 2 up',
		state: 'up',
	});
	expect(overallBadge(['up', 'down'], true)).toMatchObject({
		text: 'Feed lost',
		label: 'Status: Feed lost; last known: 1 down, 1 up',
		state: 'stale',
	});
});

test('the overall badge leads with firing alerts, and says "Alerts unknown" while it cannot tell: never "All up" beside either', () => {
	const states = ['up', 'degraded', 'unknown', 'down'] as const;
	// Every mix of up to three probes, with 0 to 2 firing alerts, counted or beyond the cap.
	const mixes: Array<Array<(typeof states)[number]>> = [[]];
	for (let size = 1; size <= 3; size++)
		for (const mix of mixes.filter((m) => m.length === size - 1))
			for (const s of states) mixes.push([...mix, s]);
	for (const mix of mixes)
		for (const count of [0, 1, 2])
			for (const more of [false, true]) {
				const badge = overallBadge(mix, false, { count, more });
				const plain = overallBadge(mix);
				const seen = `${mix.join(',')} with ${count}${more ? '+' : ''} firing`;
				if (count === 0) {
					expect(badge, seen).toEqual(plain);
					continue;
				}
				const words = `${count}${more ? '+' : ''} alert${count === 1 && !more ? '' : 's'} firing`;
				expect(badge.text, seen).toBe(words);
				expect(badge.state, seen).toBe('down');
				expect(badge.summary, seen).toBe(
					plain.summary === 'no probes' ? words : `${words}, ${plain.summary}`,
				);
				expect(badge.label.startsWith(`Status: ${badge.text}`), seen).toBe(true);
				// A lost feed outranks the alerts it can no longer vouch for.
				expect(overallBadge(mix, true, { count, more }), seen).toEqual(overallBadge(mix, true));
			}
	// While the page cannot tell whether an alert fires: never "All up"; a probe's problem still leads.
	for (const mix of mixes) {
		const badge = overallBadge(mix, false, 'unknown');
		const plain = overallBadge(mix);
		const problem = mix.some((s) => s !== 'up');
		expect(badge.text, mix.join(',')).toBe(problem ? plain.text : 'Alerts unknown');
		expect(badge.state, mix.join(',')).toBe(problem ? plain.state : 'unknown');
		expect(badge.summary.split(', ').sort(), mix.join(',')).toEqual(
			[
				...(plain.summary === 'no probes' ? [] : plain.summary.split(', ')),
				'alerts unknown',
			].sort(),
		);
		expect(
			badge.label.toLowerCase().startsWith(`status: ${badge.text.toLowerCase()}`),
			mix.join(','),
		).toBe(true);
		expect(overallBadge(mix, true, 'unknown'), mix.join(',')).toEqual(overallBadge(mix, true));
	}
});

test('the page phrase says when the feed was lost', () => {
	expect(snapshotPhrase('page', true, null, Date.parse('2026-11-21T08:06:10Z'))).toBe(
		'Live feed lost at 08:06 UTC: showing the last known state, reconnecting.',
	);
	expect(snapshotPhrase('strip', true, null, Date.parse('2026-11-21T08:06:10Z'))).toBe(
		' (feed lost at 08:06 UTC)',
	);
	expect(snapshotPhrase('page', true, null)).toBe('Updating live.');
});

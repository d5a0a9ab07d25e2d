import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import type { ActiveAlert } from '../../alerts/alertmanager-answer.ts';
import type { AlertsManifest } from '../../alerts/manifest.ts';
import { panelKeys } from '../../alerts/firing.ts';
import { alertsJudge, firingOnPages } from '../../alerts/alerts-current.ts';
import { noAlerts, type AlertsSnapshot } from '../../core/alerts-snapshot.ts';
import type { StatusSnapshot } from '../../core/status-snapshot.ts';
import { afterAnswer, type AlertsMemory } from '../../server/alerts-snapshot.ts';
import { createPagePainter } from '../../server/page-paint.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// The header's badge counts the firing alerts that have a runbook page here, over Alertmanager's
// whole answer (the snapshot's list is capped), each name once; and says "Alerts unknown", never
// "All up", while the page cannot tell. A reviewer found the first version counted an alert on
// two pages twice, lost one behind 50 page-less alerts, and fell back to "All up" when Alertmanager
// stopped answering.

const manifest: AlertsManifest = {
	version: 1,
	site: { url: 'https://runbooks.test', base: '/' },
	pages: { '/app/': 'App', '/db/': 'Database' },
	alerts: {
		AppDown: [{ route: '/app/', hash: '', severity: 'critical', summary: null }],
		// One alert, two pages: its rule's runbook_url and the database page's front matter.
		DbSlow: [
			{ route: '/app/', hash: '', severity: null, summary: null },
			{ route: '/db/', hash: '', severity: null, summary: null },
		],
	},
};
const start: AlertsMemory = {
	snapshot: { ...noAlerts('not-configured'), pollIntervalMs: 15_000 },
	tracked: new Map(),
};
const answer = (
	alerts: ActiveAlert[],
	dropped: { count: number; names: string[] | null } = { count: 0, names: [] },
) =>
	afterAnswer(
		start,
		{ alerts, dropped: { ...dropped, first: '' } },
		{
			manifest,
			panels: panelKeys(manifest),
			at: '2026-11-27T01:05:00Z',
			now: Date.parse('2026-11-27T01:05:00Z'),
		},
	).snapshot;
const alert = (
	name: string,
	state: ActiveAlert['state'],
	runbook?: string,
	i = 0,
): ActiveAlert => ({
	fingerprint: `${name}${i}`,
	labels: { alertname: name, instance: `i${i}` },
	annotations: runbook ? { runbook_url: runbook } : {},
	startsAt: '2026-11-27T01:00:00Z',
	state,
});

test('counts each firing alert with a page here once, over the whole answer (300 generated answers)', () => {
	const random = seededRandom(20261127);
	const names = ['AppDown', 'DbSlow', 'Watchdog', 'DiskFull', 'Other'];
	for (let n = 0; n < 300; n++) {
		// Up to 80 alerts, so some answers pass the snapshot's cap of 50 beside the panels' own.
		const alerts = Array.from({ length: pick(random, 80) }, (_, i) =>
			alert(
				pickItem(random, names),
				pickItem(random, ['firing', 'silenced', 'inhibited'] as const),
				pickItem(random, [undefined, 'https://runbooks.test/db/', 'https://elsewhere.test/x']),
				i,
			),
		);
		const paged = (a: ActiveAlert) =>
			a.labels['alertname']! in manifest.alerts ||
			a.annotations['runbook_url'] === 'https://runbooks.test/db/';
		const expected = new Set(
			alerts.filter((a) => a.state === 'firing' && paged(a)).map((a) => a.labels['alertname']),
		).size;
		const snapshot = answer(alerts);
		expect(firingOnPages(snapshot), `answer ${n}`).toEqual({ count: expected, more: false });
	}
});

test('one alert firing on two pages is one alert; one behind 50 page-less alerts still counts', () => {
	expect(firingOnPages(answer([alert('DbSlow', 'firing')]))).toEqual({ count: 1, more: false });
	const noise = Array.from({ length: 60 }, (_, i) => ({
		...alert(`Noise${i}`, 'firing', undefined, i),
		labels: { alertname: `Noise${i}`, severity: 'critical' },
	}));
	const behind = answer([
		...noise,
		{
			...alert('Late', 'firing', 'https://runbooks.test/db/'),
			labels: { alertname: 'Late', severity: 'info' },
		},
	]);
	expect(behind.firing.some((f) => f.name === 'Late')).toBe(false);
	expect(firingOnPages(behind)).toEqual({ count: 1, more: false });
});

test('says unknown while it cannot tell: no current answer, or a dropped alert that may have a page here', () => {
	expect(firingOnPages(noAlerts('static'))).toBeNull();
	expect(firingOnPages(noAlerts('not-configured'))).toBeNull();
	for (const state of ['waiting', 'unreachable', 'invalid', 'feed-lost'] as const)
		expect(firingOnPages({ ...answer([alert('AppDown', 'firing')]), state }), state).toBe(
			'unknown',
		);
	expect(firingOnPages(answer([], { count: 1, names: ['AppDown'] }))).toBe('unknown');
	expect(firingOnPages(answer([], { count: 1, names: null }))).toBe('unknown');
	expect(firingOnPages(answer([alert('AppDown', 'firing')], { count: 1, names: null }))).toEqual({
		count: 1,
		more: true,
	});
	// A dropped alert known to have no page here changes nothing; nor does one named like an object's own key.
	expect(firingOnPages(answer([], { count: 1, names: ['Watchdog'] }))).toEqual({
		count: 0,
		more: false,
	});
	expect(firingOnPages(answer([], { count: 1, names: ['constructor'] }))).toEqual({
		count: 0,
		more: false,
	});
	// An alert with a page through its runbook_url alone, dropped from the next answer: it may still fire.
	const first = afterAnswer(
		start,
		{
			alerts: [alert('Late', 'firing', 'https://runbooks.test/db/')],
			dropped: { count: 0, names: [], first: '' },
		},
		{
			manifest,
			panels: panelKeys(manifest),
			at: '2026-11-27T01:05:00Z',
			now: Date.parse('2026-11-27T01:05:00Z'),
		},
	);
	expect(firingOnPages(first.snapshot)).toEqual({ count: 1, more: false });
	const next = afterAnswer(
		first,
		{ alerts: [], dropped: { count: 1, names: ['Late'], first: '' } },
		{
			manifest,
			panels: panelKeys(manifest),
			at: '2026-11-27T01:05:15Z',
			now: Date.parse('2026-11-27T01:05:15Z'),
		},
	);
	expect(firingOnPages(next.snapshot)).toBe('unknown');
	// A page sent by an older `waymark serve`, whose snapshot has no count: it cannot tell.
	const older: Partial<AlertsSnapshot> = answer([alert('AppDown', 'firing')]);
	delete older.pagesFiring;
	expect(firingOnPages(older as AlertsSnapshot)).toBe('unknown');
});

test('an answer is not vouched for once the feed is lost or serve has sent no news for three polls', () => {
	const judge = alertsJudge();
	const firing = answer([alert('AppDown', 'firing')]);
	const t0 = Date.parse('2026-11-27T01:05:01Z');
	expect(judge(firing, null, t0)).toBe(firing);
	expect(judge(firing, null, t0 + 3 * 15_000 + 5000)).toBe(firing);
	const stale = judge(firing, null, t0 + 3 * 15_000 + 5001);
	expect(stale).toMatchObject({
		state: 'unreachable',
		firing: [],
		reason: 'no update from waymark serve',
	});
	expect(firingOnPages(stale)).toBe('unknown');
	// News (a newer check) makes it current again.
	const checked = { ...firing, checkedAt: '2026-11-27T01:06:00Z' };
	expect(judge(checked, null, t0 + 60_000)).toBe(checked);
	expect(firingOnPages(judge(checked, t0 + 61_000, t0 + 62_000))).toBe('unknown');
	// A static copy stays static: there is no feed to lose.
	const still = noAlerts('static');
	expect(judge(still, t0, t0)).toBe(still);
});

test('waymark serve paints the header badge with the alerts, as the widget script does', () => {
	const probe = {
		id: 'app',
		name: 'app',
		kind: 'http',
		target: 'http://app.test.lab/',
		file: 'app.md',
		line: 3,
		route: '/app/',
		pageTitle: 'App',
		intervalMs: 10_000,
		state: 'up',
		message: 'HTTP 200',
		latencyMs: 3,
		checkedAt: '2026-11-27T01:05:00Z',
		lastChange: null,
		uptime: null,
	} as const;
	const live: StatusSnapshot = {
		version: 1,
		generatedAt: '2026-11-27T01:05:00Z',
		live: true,
		demo: false,
		probes: [{ ...probe, observed: {}, latencies: [] }],
	};
	const page =
		'<!DOCTYPE html><html><head></head><body><header><a class="site-status" href="/status/" aria-label="Status: All up, 1 up">Status <span class="wm-overall" data-state="up"><span class="wm-overall-text">All up</span></span></a></header><p class="wm-summary">1 up.</p></body></html>';
	const now = Date.parse('2026-11-27T01:05:05Z');
	const paint = (alerts: AlertsSnapshot | undefined, key: string) =>
		parseHTML(
			createPagePainter(
				() => ({ ...live, ...(alerts && { alerts }) }),
				() => now,
			)(page, key),
		).document;
	const words = (document: Document) => [
		document.querySelector('.wm-overall-text')!.textContent,
		document.querySelector('.wm-overall')!.getAttribute('data-state'),
		document.querySelector('.site-status')!.getAttribute('aria-label'),
		document.querySelector('.wm-summary')!.textContent,
	];
	expect(
		words(paint(answer([alert('AppDown', 'firing'), alert('Watchdog', 'firing')]), 'a')),
	).toEqual(['1 alert firing', 'down', 'Status: 1 alert firing, 1 up', '1 alert firing, 1 up.']);
	expect(
		words(paint({ ...answer([]), state: 'unreachable', since: '2026-11-27T01:00:00Z' }, 'b')),
	).toEqual(['Alerts unknown', 'unknown', 'Status: alerts unknown, 1 up', 'alerts unknown, 1 up.']);
	// Positive controls: a silenced alert, and serve without alerts, leave the probes' words.
	expect(words(paint(answer([alert('AppDown', 'silenced')]), 'c'))[0]).toBe('All up');
	expect(words(paint(undefined, 'd'))[0]).toBe('All up');
});

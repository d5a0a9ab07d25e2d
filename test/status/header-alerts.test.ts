import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { alertsJudge, firingOnPages } from '../../src/lib/alerts-current.ts';
import type { AlertsSnapshot, FiringAlert } from '../../src/lib/alerts.ts';
import type { StatusSnapshot } from '../../src/lib/status-snapshot.ts';
import { createPagePainter } from '../../server/page-paint.ts';

// The header's badge counts the firing alerts that have a runbook page here, and only while the
// page can vouch for the answer: the alert scripts' own rules decide when it cannot.

const alert = (name: string, route: string | null, state: FiringAlert['state']): FiringAlert => ({ name, severity: null, summary: null, route, pageTitle: route && 'App', hash: '', state, count: 1, since: '2026-11-27T01:00:00Z', instances: [] });
const snapshot = (over: Partial<AlertsSnapshot>): AlertsSnapshot => ({
	state: 'ok',
	checkedAt: '2026-11-27T01:05:00Z',
	since: null,
	reason: null,
	pollIntervalMs: 15_000,
	demo: false,
	uiUrl: null,
	firing: [],
	unlisted: { count: 0, byRoute: {} },
	dropped: { count: 0, names: [] },
	resolved: [],
	...over,
});

test('counts firing alerts with a page here; silenced, inhibited and page-less ones are not news for the badge', () => {
	const states = ['firing', 'silenced', 'inhibited'] as const;
	const routes = ['/app/', null] as const;
	// Every list of up to three alerts over every state and page: the count is the firing ones with a page.
	const lists: FiringAlert[][] = [[]];
	for (let size = 1; size <= 3; size++)
		for (const list of lists.filter((l) => l.length === size - 1))
			for (const state of states) for (const route of routes) lists.push([...list, alert(`A${size}`, route, state)]);
	for (const firing of lists) {
		const expected = firing.filter((f) => f.state === 'firing' && f.route !== null).length;
		expect(firingOnPages(snapshot({ firing })), JSON.stringify(firing)).toEqual({ count: expected, more: false });
	}
	expect(firingOnPages(snapshot({ firing: [alert('A', '/app/', 'firing')], unlisted: { count: 3, byRoute: { '': 2, '/db/': 1 } } }))).toEqual({ count: 1, more: true });
	expect(firingOnPages(snapshot({ unlisted: { count: 2, byRoute: { '': 2 } } }))).toEqual({ count: 0, more: false });
	for (const state of ['static', 'not-configured', 'waiting', 'unreachable', 'invalid', 'feed-lost'] as const)
		expect(firingOnPages(snapshot({ state, firing: [alert('A', '/app/', 'firing')] })), state).toBeNull();
});

test('an answer is not vouched for once the feed is lost or serve has sent no news for three polls', () => {
	const judge = alertsJudge();
	const firing = snapshot({ firing: [alert('A', '/app/', 'firing')] });
	const t0 = Date.parse('2026-11-27T01:05:01Z');
	expect(judge(firing, null, t0)).toBe(firing);
	expect(judge(firing, null, t0 + 3 * 15_000 + 5000)).toBe(firing);
	const stale = judge(firing, null, t0 + 3 * 15_000 + 5001);
	expect(stale).toMatchObject({ state: 'unreachable', firing: [], reason: 'no update from waymark serve' });
	expect(firingOnPages(stale)).toBeNull();
	// News (a newer check) makes it current again.
	const checked = { ...firing, checkedAt: '2026-11-27T01:06:00Z' };
	expect(judge(checked, null, t0 + 60_000)).toBe(checked);
	expect(judge(checked, t0 + 61_000, t0 + 62_000)).toMatchObject({ state: 'feed-lost', firing: [] });
	// A static copy stays static: there is no feed to lose.
	const still = snapshot({ state: 'static' });
	expect(judge(still, t0, t0)).toBe(still);
});

test('waymark serve paints the header badge with the firing alerts, as the widget script does', () => {
	const probe = { id: 'app', name: 'app', kind: 'http', target: 'http://app.test.lab/', file: 'app.md', line: 3, route: '/app/', pageTitle: 'App', intervalMs: 10_000, state: 'up', message: 'HTTP 200', latencyMs: 3, observed: {}, checkedAt: '2026-11-27T01:05:00Z', lastChange: null, uptime: null, latencies: [] } as const;
	const live: StatusSnapshot = { version: 1, generatedAt: '2026-11-27T01:05:00Z', live: true, demo: false, probes: [{ ...probe, observed: {}, latencies: [] }] };
	const page = '<!DOCTYPE html><html><head></head><body><header><a class="site-status" href="/status/" aria-label="Status: All up, 1 up">Status <span class="wm-overall" data-state="up"><span class="wm-overall-text">All up</span></span></a></header><p class="wm-summary">1 up.</p></body></html>';
	const now = Date.parse('2026-11-27T01:05:05Z');
	const paint = (alerts: AlertsSnapshot | undefined, key: string) => parseHTML(createPagePainter(() => ({ ...live, ...(alerts && { alerts }) }), () => now)(page, key)).document;
	const firing = paint(snapshot({ firing: [alert('AppDown', '/app/', 'firing'), alert('Watchdog', null, 'firing')] }), 'a');
	expect(firing.querySelector('.wm-overall-text')!.textContent).toBe('1 alert firing');
	expect(firing.querySelector('.wm-overall')!.getAttribute('data-state')).toBe('down');
	expect(firing.querySelector('.site-status')!.getAttribute('aria-label')).toBe('Status: 1 alert firing, 1 up');
	expect(firing.querySelector('.wm-summary')!.textContent).toBe('1 alert firing, 1 up.');
	// Positive controls: a silenced alert, an unreachable Alertmanager and serve without alerts leave the probes' words.
	for (const [alerts, key] of [[snapshot({ firing: [alert('AppDown', '/app/', 'silenced')] }), 'b'], [snapshot({ state: 'unreachable', since: '2026-11-27T01:00:00Z' }), 'c'], [undefined, 'd']] as const)
		expect(paint(alerts, key).querySelector('.wm-overall-text')!.textContent, key).toBe('All up');
});

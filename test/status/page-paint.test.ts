import { toHtml } from 'hast-util-to-html';
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { statusElement } from '../../src/components/status/status-view.ts';
import type { ProbeStatus, StatusSnapshot } from '../../core/status-snapshot.ts';
import { createPagePainter } from '../../server/page-paint.ts';

const evilName = '<script>alert("name")</script>';
const evilMessage = '</p><img src=x onerror=alert(1)> & "quoted"';

const probe = (id: string, over: Partial<ProbeStatus>): ProbeStatus => ({
	id,
	name: id,
	kind: 'http',
	target: 'http://app.test.lab/',
	file: 'app.md',
	line: 3,
	route: '/app/',
	pageTitle: 'App',
	intervalMs: 10_000,
	state: 'unknown',
	message: 'Not checked yet',
	latencyMs: null,
	observed: {},
	checkedAt: null,
	lastChange: null,
	uptime: null,
	latencies: [],
	...over,
});

const now = Date.parse('2026-11-22T08:06:30Z');
const built: StatusSnapshot = {
	version: 1,
	generatedAt: '2026-11-22T07:00:00Z',
	live: false,
	demo: false,
	probes: [probe('evil', { name: evilName }), probe('fine', {})],
};
const live: StatusSnapshot = {
	version: 1,
	generatedAt: '2026-11-22T08:06:30Z',
	live: true,
	demo: false,
	probes: [
		probe('evil', {
			name: evilName,
			state: 'down',
			message: evilMessage,
			checkedAt: '2026-11-22T08:06:20Z',
			latencyMs: 12,
			latencies: [10, 12],
		}),
		probe('fine', { state: 'up', message: 'HTTP 200', checkedAt: '2026-11-22T08:06:10Z' }),
	],
};

const widget = (id: string, variant: 'badge' | 'card') =>
	toHtml(
		statusElement(
			id,
			built.probes.find((p) => p.id === id),
			variant,
			built.generatedAt,
		),
	);
const theme = '<script>document.documentElement.dataset.theme="dark"</script>';
const page = [
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${theme}</head><body>`,
	'<header><a class="site-status" href="/status/" aria-label="Status: 2 unknown">Status <span class="wm-overall" data-state="unknown"><span class="wm-overall-text">2 unknown</span></span></a></header>',
	'<p>Before: <b>kept &amp; untouched</b>, <code>&lt;wm-status&gt;</code></p>',
	`<p>Badge ${widget('evil', 'badge')} and ${widget('fine', 'badge')}.</p>`,
	widget('evil', 'card'),
	'<ul class="wm-list"><li class="wm-status wm-row" data-probe="fine" data-state="unknown"><span class="wm-state">Unknown</span></li><li class="wm-status wm-row" data-probe="evil" data-state="unknown"><span class="wm-state">Unknown</span></li></ul>',
	'<p class="wm-summary" role="status">2 unknown.</p><p><span class="wm-snapshot-time" data-form="page">Snapshot of 2026-11-22 07:00 UTC.</span> After.</p>',
	'<script type="module">import "/_astro/status.js";</script></body></html>',
].join('');

const painter = createPagePainter(
	() => live,
	() => now,
);

test('paints every widget with the live state, in the words of the widget script', () => {
	const { document } = parseHTML(painter(page, 'app:1'));
	const badge = document.querySelector('.wm-badge[data-probe="evil"]')!;
	expect(badge.getAttribute('data-state')).toBe('down');
	expect(badge.getAttribute('data-fresh')).toBe('fresh');
	expect(badge.querySelector('.wm-state')!.textContent).toBe('Down');
	expect(document.querySelector('.wm-badge[data-probe="fine"] .wm-state')!.textContent).toBe('Up');
	const card = document.querySelector('.wm-card[data-probe="evil"]')!;
	expect(card.querySelector('.wm-meta')!.textContent).toBe('12 ms · Checked 2026-11-22 08:06 UTC');
	expect(card.querySelector('time.wm-time')!.getAttribute('datetime')).toBe('2026-11-22T08:06:20Z');
	const link = document.querySelector('a.site-status')!;
	expect(link.getAttribute('aria-label')).toBe('Status: 1 down, 1 up');
	expect(link.querySelector('.wm-overall')!.getAttribute('data-state')).toBe('down');
	expect(link.textContent).toBe('Status 1 down');
	expect(document.querySelector('.wm-summary')!.textContent).toBe('1 down, 1 up.');
	expect(document.querySelector('.wm-snapshot-time')!.textContent).toBe('Updating live.');
	// `/status/`: problems first.
	expect(
		[...document.querySelectorAll('.wm-list > .wm-row')].map(
			(r) => `${r.getAttribute('data-probe')} ${r.getAttribute('data-state')}`,
		),
	).toEqual(['evil down', 'fine up']);
});

test('keeps probe names and messages as text, and writes `<` in the data island as \\u003c', () => {
	const html = painter(page, 'app:1');
	const { document } = parseHTML(html);
	// Scripts: the page's own two and the data island, nothing from a probe.
	expect(
		[...document.querySelectorAll('script')].map((s) => s.getAttribute('type') ?? 'classic'),
	).toEqual(['classic', 'module', 'application/json']);
	expect(document.querySelector('img')).toBeNull();
	const badge = document.querySelector('.wm-badge[data-probe="evil"]')!;
	expect(badge.querySelector('.wm-name')!.textContent).toBe(evilName);
	expect(badge.getAttribute('title')).toBe(evilMessage);
	expect(badge.querySelector('.wm-reason')!.textContent).toBe(evilMessage);
	expect(document.querySelector('.wm-card .wm-reason')!.textContent).toBe(evilMessage);
	const island = document.getElementById('wm-status-data')!.textContent;
	expect(island).not.toContain('<');
	expect(island).toContain('\\u003cscript>alert(\\"name\\")\\u003c/script>');
	expect(JSON.parse(island)).toEqual(live);
});

test('sends every byte outside the widgets as built, and a page without widgets unchanged', () => {
	const html = painter(page, 'app:1');
	expect(html.startsWith(page.slice(0, page.indexOf('<a class="site-status"')))).toBe(true);
	expect(html).toContain(
		'<p>Before: <b>kept &amp; untouched</b>, <code>&lt;wm-status&gt;</code></p>',
	);
	expect(html).toContain(
		'<script type="module">import "/_astro/status.js";</script><script type="application/json" id="wm-status-data">',
	);
	expect(html.endsWith('</script></body></html>')).toBe(true);
	const plain =
		'<!DOCTYPE html><html><body><p>No widgets, only <code>&lt;span class="wm-status"&gt;</code> as text.</p></body></html>';
	expect(painter(plain, 'plain:1')).toBe(plain);
	// Positive control: the same page with a widget is painted.
	expect(painter(plain.replace('</p>', `${widget('fine', 'badge')}</p>`), 'plain:2')).toContain(
		'<span class="wm-state" data-pagefind-ignore="">Up</span>',
	);
});

test('says "Last known" in the page it sends when a result is overdue, as the widget script would', () => {
	const late = createPagePainter(
		() => live,
		() => now + 60_000,
	);
	const { document } = parseHTML(late(page, 'app:1'));
	const badge = document.querySelector('.wm-badge[data-probe="evil"]')!;
	expect(badge.getAttribute('data-fresh')).toBe('overdue');
	expect(badge.querySelector('.wm-state')!.textContent).toBe('Last known: Down');
	expect(badge.querySelector('.wm-fresh')!.textContent).toBe(
		' · checked 08:06 UTC, 1 min ago, overdue',
	);
});

test('paints the firing banner, the "Now" lines and "Firing now" with the alerts script\'s words; label values stay text', () => {
	const alerts: NonNullable<StatusSnapshot['alerts']> = {
		state: 'ok',
		checkedAt: '2026-11-22T08:06:00Z',
		since: null,
		reason: null,
		pollIntervalMs: 15_000,
		demo: true,
		uiUrl: 'http://am.test.lab:9093',
		firing: [
			{
				name: 'AppDown',
				severity: 'critical',
				summary: evilMessage,
				route: '/app/',
				pageTitle: 'App',
				hash: 'restart',
				state: 'firing',
				count: 2,
				since: '2026-11-22T07:58:00Z',
				instances: [
					{
						labels: { alertname: 'AppDown', pod: evilName },
						startsAt: '2026-11-22T07:58:00Z',
						state: 'firing',
					},
				],
			},
		],
		pagesFiring: { count: 1, more: false },
		unlisted: { count: 0, byRoute: {} },
		dropped: { count: 0, names: [] },
		resolved: [],
	};
	const demo = '<p class="wm-alerts-demo" hidden>Demo</p>';
	const alertsPage = [
		'<!DOCTYPE html><html lang="en"><head></head><body>',
		`<div class="wm-alerts wm-alert-banner" data-route="/app/" data-state="quiet" hidden>${demo}<p class="wm-alerts-source"></p><ul class="wm-banner-list"></ul></div>`,
		`<section class="wm-alerts wm-firing-now">${demo}<p class="wm-alerts-source">Firing state unknown: this is a static copy</p><ul class="wm-firing-list"></ul></section>`,
		'<details class="wm-alerts wm-alerts-panel"><summary>Alerts</summary><p class="wm-alerts-source">Firing state unknown: this is a static copy</p><ul class="wm-alert-list"><li class="wm-alert" data-alert="AppDown" data-route="/app/" data-state="unknown"><p class="wm-alert-now">Now: <span class="wm-now-text">Unknown</span></p></li><li class="wm-alert" data-alert="AppSlow" data-route="/app/" data-state="unknown"><p class="wm-alert-now">Now: <span class="wm-now-text">Unknown</span></p></li></ul></details>',
		'</body></html>',
	].join('');
	const html = createPagePainter(
		() => ({ ...live, alerts }),
		() => now,
		'/docs',
	)(alertsPage, 'alerts:1');
	const { document } = parseHTML(html);
	const banner = document.querySelector('.wm-alert-banner')!;
	expect(banner.hasAttribute('hidden')).toBe(false);
	expect(banner.getAttribute('data-state')).toBe('firing');
	expect(banner.querySelector('.wm-alerts-demo')!.hasAttribute('hidden')).toBe(false);
	expect(banner.querySelector('.wm-firing-head')!.textContent).toBe(
		'AppDown critical Firing: 2 instances since 2026-11-22 07:58 UTC',
	);
	expect(banner.querySelector('.wm-alert-summary')!.textContent).toBe(evilMessage);
	expect(banner.querySelector('.wm-instances code')!.textContent).toBe(`pod="${evilName}"`);
	expect(banner.querySelector('.wm-silence')!.getAttribute('href')).toMatch(
		/^http:\/\/am\.test\.lab:9093\/#\/silences\/new\?filter=/,
	);
	expect(html).not.toContain(evilName);
	expect(document.querySelectorAll('script:not(#wm-status-data), img')).toHaveLength(0);
	const firingNow = document.querySelector('.wm-firing-now')!;
	expect(firingNow.querySelector('.wm-meta a')!.getAttribute('href')).toBe('/docs/app/#restart');
	expect(firingNow.querySelector('.wm-alerts-source')!.textContent).toBe('');
	expect(document.querySelector('.wm-alerts-panel > .wm-alerts-source')!.textContent).toBe('');
	expect(
		document.querySelector('.wm-alert[data-alert="AppDown"]')!.getAttribute('data-state'),
	).toBe('firing');
	expect(document.querySelector('.wm-alert[data-alert="AppDown"] .wm-now-text')!.textContent).toBe(
		'Firing: 2 instances since 2026-11-22 07:58 UTC',
	);
	expect(document.querySelector('.wm-alert[data-alert="AppSlow"] .wm-now-text')!.textContent).toBe(
		'Not firing',
	);
	// Positive control: without alerts in the snapshot (serve without Alertmanager), the parts keep their build-time words.
	const unpainted = parseHTML(
		createPagePainter(
			() => live,
			() => now,
		)(alertsPage, 'alerts:2'),
	).document;
	expect(unpainted.querySelector('.wm-alert-banner')!.hasAttribute('hidden')).toBe(true);
	expect(unpainted.querySelector('.wm-alert[data-alert="AppDown"] .wm-now-text')!.textContent).toBe(
		'Unknown',
	);
});

test('says stale, unknown, down and degraded as four different words, and names the locations that disagree', () => {
	const locations = (eu: ProbeStatus['state'], us: ProbeStatus['state']) => [
		{ name: 'eu-west', state: eu, message: '', latencyMs: 20, checkedAt: '2026-11-22T08:06:20Z' },
		{ name: 'us-east', state: us, message: '', latencyMs: 30, checkedAt: '2026-11-22T08:06:20Z' },
	];
	const checked = { checkedAt: '2026-11-22T08:06:20Z' };
	const states = {
		down: probe('down', { ...checked, state: 'down', locations: locations('down', 'down') }),
		degraded: probe('degraded', {
			...checked,
			state: 'degraded',
			message: 'Down from eu-west, up from us-east. eu-west: refused',
			locations: locations('down', 'up'),
		}),
		unknown: probe('unknown', {
			state: 'unknown',
			message: 'No `probe_success` for probe `unknown`',
		}),
		stale: probe('stale', {
			...checked,
			state: 'up',
			locations: locations('up', 'up'),
			staleSince: '2026-11-22T08:05:45Z',
		}),
	};
	const cards = Object.keys(states)
		.map((id) => toHtml(statusElement(id, undefined, 'card')))
		.join('');
	const html = `<!DOCTYPE html><html><body><header><a class="site-status" href="/status/">Status <span class="wm-overall" data-state="unknown"><span class="wm-overall-text">?</span></span></a></header>${cards}<p class="wm-summary" role="status">?</p><span class="wm-snapshot-time" data-form="page">?</span></body></html>`;
	const paint = (probes: ProbeStatus[]) =>
		parseHTML(
			createPagePainter(
				() => ({ ...live, probes }),
				() => now,
			)(html, `k${probes.length}`),
		).document;
	const document = paint(Object.values(states));
	const words = Object.keys(states).map((id) => {
		const card = document.querySelector(`.wm-card[data-probe="${id}"]`)!;
		return [
			id,
			card.getAttribute('data-state'),
			card.getAttribute('data-fresh'),
			card.querySelector('.wm-card-title')!.textContent,
			card.querySelector('.wm-locations')!.textContent,
		];
	});
	expect(words).toEqual([
		['down', 'down', 'fresh', 'down Down', 'eu-west: Down · us-east: Down'],
		['degraded', 'degraded', 'fresh', 'degraded Degraded', 'eu-west: Down · us-east: Up'],
		['unknown', 'unknown', 'unchecked', 'unknown Unknown', ''],
		[
			'stale',
			'up',
			'stale',
			'stale Last known: Up · stale: Prometheus has not answered since 08:05 UTC',
			'eu-west: Up · us-east: Up',
		],
	]);
	expect(document.querySelector('.wm-card[data-probe="degraded"] .wm-reason')!.textContent).toBe(
		'Down from eu-west, up from us-east. eu-west: refused',
	);
	// Prometheus silent: the page says stale, with the last known counts, never "down" for it.
	expect(document.querySelector('.wm-overall-text')!.textContent).toBe('Stale');
	expect(document.querySelector('.wm-summary')!.textContent).toBe(
		'Stale since 08:05 UTC; last known: 1 down, 1 degraded, 1 unknown, 1 up.',
	);
	expect(document.querySelector('.wm-snapshot-time')!.textContent).toBe(
		'Stale: Prometheus has not answered since 08:05 UTC; showing the last known state.',
	);
	// Answering again, the same probes without the mark: the badge leads with the worst news.
	const fresh = paint(
		Object.values(states).map((p) => {
			const copy = { ...p };
			delete copy.staleSince;
			return copy;
		}),
	);
	expect(fresh.querySelector('.wm-overall-text')!.textContent).toBe('1 down');
	expect(fresh.querySelector('.wm-card[data-probe="stale"] .wm-state')!.textContent).toBe('Up');
});

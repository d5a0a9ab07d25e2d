// Browser side of the status widgets: every probe's state from the live feed (status.json, then
// server-sent events or polling), with its freshness in words: a widget whose feed is lost or
// whose result is overdue says "Last known: …" and why, and greys out. Kept dependency-free: the
// budget is 5 KB gzipped (test/status/widgets.build.test.ts).
import type { FeedState } from './freshness.ts';
import { onLive, type LiveProbe, type LiveSnapshot } from './live-feed.ts';
import type { AlertsSnapshot } from '../../../core/alerts-snapshot.ts';
import { alertsJudge, firingOnPages } from '../../../alerts/alerts-current.ts';
import { formatTime, stateRank } from './snapshot-phrase.ts';
import { pageWords, paintProbe, type WidgetTarget } from './widget-paint.ts';

type Words = ReturnType<typeof pageWords>;

const probes = new Map<string, LiveProbe>();
let feed: FeedState = { live: false, lostAt: null };
let snapshot: LiveSnapshot | undefined;
// Firing alerts with a runbook here lead the header's badge, judged as the alerts script judges them.
let alerts: AlertsSnapshot | undefined;
const judge = alertsJudge();

function set(root: Element, selector: string, text: string): void {
	const el = root.querySelector(selector);
	if (el) el.textContent = text;
}

/** A time's text: a `<time datetime>` when there is one, a `<span>` when not (`datetime=""` is invalid). */
function setTime(root: Element, selector: string, iso: string | null): void {
	const el = root.querySelector(selector);
	if (!el) return;
	const tag = iso ? 'time' : 'span';
	let target = el;
	if (el.localName !== tag) {
		target = document.createElement(tag);
		target.className = el.className;
		el.replaceWith(target);
	}
	target.textContent = formatTime(iso);
	if (iso) target.setAttribute('datetime', iso);
}

/** A widget in the page, for the painter shared with `waymark serve` (`widget-paint.ts`). */
function target(el: HTMLElement): WidgetTarget {
	return {
		attr: (name, value) => el.setAttribute(name, value),
		has: (name) => el.hasAttribute(name),
		text: (className, text) => set(el, `.${className}`, text),
		time: (className, iso) => setTime(el, `.${className}`, iso),
		html(className, html) {
			const spark = el.querySelector(`.${className}`);
			if (spark) spark.innerHTML = html;
		},
	};
}

function apply(probe: LiveProbe): void {
	probes.set(probe.id, probe);
	for (const el of document.querySelectorAll<HTMLElement>(`[data-probe="${CSS.escape(probe.id)}"]`))
		paintProbe(target(el), probe, feed, Date.now());
}

const currentWords = (): Words =>
	pageWords(
		[...probes.values()],
		feed,
		alerts ? firingOnPages(judge(alerts, feed.lostAt, Date.now())) : null,
	);

/** The overall badge in the site header, the summary line and the problems-first order of `/status/`. */
function summarise(words = currentWords()): void {
	const { text, label, state } = words.badge;
	for (const badge of document.querySelectorAll<HTMLElement>('.wm-overall')) {
		badge.dataset.state = state;
		set(badge, '.wm-overall-text', text);
		badge.closest('a')?.setAttribute('aria-label', label);
	}
	for (const line of document.querySelectorAll('.wm-summary')) line.textContent = words.summary;
	const list = document.querySelector('.wm-list');
	if (!list) return;
	const rows = [...list.querySelectorAll<HTMLElement>(':scope > .wm-row')];
	const rank = (row: HTMLElement): number =>
		stateRank[(row.dataset.state ?? 'unknown') as LiveProbe['state']];
	const sorted = rows
		.map((row, i) => ({ row, i }))
		.sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i);
	if (sorted.some(({ row }, i) => row !== rows[i])) list.append(...sorted.map(({ row }) => row));
}

function phrases(words: Words): void {
	for (const el of document.querySelectorAll<HTMLElement>('.wm-snapshot-time'))
		el.textContent = words.phrase(el.dataset['form']);
}

function refresh(): void {
	// Until the first snapshot the page's own words stand (built, or painted by `waymark serve`):
	// summed over no probes they would read "No probes", which is not true.
	if (!snapshot) return;
	probes.forEach(apply);
	const words = currentWords();
	phrases(words);
	summarise(words);
}

onLive({
	snapshot(next) {
		snapshot = next;
		for (const banner of document.querySelectorAll<HTMLElement>('.wm-demo'))
			banner.hidden = !next.demo;
		next.probes.forEach((p) => probes.set(p.id, p));
		alerts = next.alerts;
		refresh();
	},
	alerts(next) {
		alerts = next;
		if (snapshot) summarise();
	},
	alertsChecked({ checkedAt }) {
		if (alerts) alerts = { ...alerts, checkedAt };
		if (snapshot) summarise();
	},
	probe(probe) {
		apply(probe);
		if (snapshot) summarise();
	},
	probes(changes) {
		// Only the fields that changed: the rest is what the page already has (the stream opened with all of it).
		for (const change of changes) apply({ ...probes.get(change.id), ...change } as LiveProbe);
		if (snapshot) summarise();
	},
	feed(state) {
		feed = state;
		refresh();
	},
});
// Results age without news: an overdue result must say so even when nothing arrives.
setInterval(refresh, 5000);

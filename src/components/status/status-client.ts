// Browser side of the status widgets: every probe's state from the live feed (status.json, then
// server-sent events or polling), with its freshness in words: a widget whose feed is lost or
// whose result is overdue says "Last known: …" and why, and greys out. Kept dependency-free: the
// budget is 5 KB gzipped (test/status/widgets.build.test.ts).
import { freshness, stateWord, type FeedState } from './freshness.ts';
import { onLive, type LiveProbe, type LiveSnapshot } from './live-feed.ts';
import { formatTime, notLiveHere, overallBadge, snapshotPhrase, stateLabels, stateRank } from './snapshot-phrase.ts';
import { sparkline } from './sparkline.ts';

const probes = new Map<string, LiveProbe>();
let feed: FeedState = { live: false, lostAt: null };
let snapshot: LiveSnapshot | undefined;

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

function apply(probe: LiveProbe): void {
	probes.set(probe.id, probe);
	const { fresh, note } = freshness(probe, feed, Date.now());
	for (const el of document.querySelectorAll<HTMLElement>(`[data-probe="${CSS.escape(probe.id)}"]`)) {
		el.dataset.state = probe.state;
		el.dataset['fresh'] = fresh;
		const reason = probe.checkedAt === null && !feed.live ? notLiveHere : probe.message;
		if (el.hasAttribute('title')) el.title = reason;
		set(el, '.wm-state', stateWord(stateLabels[probe.state], fresh));
		set(el, '.wm-fresh', note && ` · ${note}`);
		set(el, '.wm-reason', reason);
		set(el, '.wm-latency', probe.latencyMs == null ? '' : `${probe.latencyMs} ms · `);
		setTime(el, '.wm-time', probe.checkedAt);
		setTime(el, '.wm-change', probe.lastChange);
		set(el, '.wm-uptime', probe.uptime == null ? '–' : `${probe.uptime.toFixed(1)}%`);
		const spark = el.querySelector('.wm-history');
		if (spark) spark.innerHTML = sparkline(probe.latencies, 90, 20);
	}
}

/** The overall badge in the site header, the summary line and the problems-first order of `/status/`. */
function summarise(): void {
	const all = [...probes.values()];
	const stale = feed.lostAt !== null;
	const { text, summary, label, state } = overallBadge(all.map((p) => p.state), stale);
	for (const badge of document.querySelectorAll<HTMLElement>('.wm-overall')) {
		badge.dataset.state = state;
		set(badge, '.wm-overall-text', text);
		badge.closest('a')?.setAttribute('aria-label', label);
	}
	for (const line of document.querySelectorAll('.wm-summary')) line.textContent = `${summary}.`;
	const list = document.querySelector('.wm-list');
	if (!list) return;
	const rows = [...list.querySelectorAll<HTMLElement>(':scope > .wm-row')];
	const rank = (row: HTMLElement): number => stateRank[(row.dataset.state ?? 'unknown') as LiveProbe['state']];
	const sorted = rows.map((row, i) => ({ row, i })).sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i);
	if (sorted.some(({ row }, i) => row !== rows[i])) list.append(...sorted.map(({ row }) => row));
}

function phrases(): void {
	for (const el of document.querySelectorAll<HTMLElement>('.wm-snapshot-time')) el.textContent = snapshotPhrase(el.dataset['form'] === 'page' ? 'page' : 'strip', feed.live, snapshot?.generatedAt ?? null, feed.lostAt);
}

function refresh(): void {
	probes.forEach(apply);
	phrases();
	summarise();
}

onLive({
	snapshot(next) {
		snapshot = next;
		for (const banner of document.querySelectorAll<HTMLElement>('.wm-demo')) banner.hidden = !next.demo;
		next.probes.forEach((p) => probes.set(p.id, p));
		refresh();
	},
	probe(probe) {
		apply(probe);
		summarise();
	},
	feed(state) {
		feed = state;
		refresh();
	},
});
// Results age without news: an overdue result must say so even when nothing arrives.
setInterval(refresh, 5000);

// Browser side of the status widgets: every probe's state from the live feed (status.json, then
// server-sent events or polling). Kept dependency-free: the budget is 5 KB gzipped
// (test/status/widgets.build.test.ts).
import { onLive, type LiveProbe } from './live-feed.ts';
import { formatTime, snapshotPhrase, stateLabels } from './snapshot-phrase.ts';
import { sparkline } from './sparkline.ts';

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
	for (const el of document.querySelectorAll<HTMLElement>(`[data-probe="${CSS.escape(probe.id)}"]`)) {
		el.dataset.state = probe.state;
		if (el.hasAttribute('title')) el.title = probe.message;
		set(el, '.wm-state', stateLabels[probe.state]);
		set(el, '.wm-reason', probe.message);
		set(el, '.wm-latency', probe.latencyMs == null ? '' : `${probe.latencyMs} ms · `);
		setTime(el, '.wm-time', probe.checkedAt);
		setTime(el, '.wm-change', probe.lastChange);
		set(el, '.wm-uptime', probe.uptime == null ? '–' : `${probe.uptime.toFixed(1)}%`);
		const spark = el.querySelector('.wm-history');
		if (spark) spark.innerHTML = sparkline(probe.latencies, 90, 20);
	}
}

onLive({
	snapshot(snapshot) {
		snapshot.probes.forEach(apply);
		for (const banner of document.querySelectorAll<HTMLElement>('.wm-demo')) banner.hidden = !snapshot.demo;
		for (const el of document.querySelectorAll<HTMLElement>('.wm-snapshot-time')) el.textContent = snapshotPhrase(el.dataset['form'] === 'page' ? 'page' : 'strip', snapshot.live, snapshot.generatedAt);
	},
	probe: apply,
});

// Browser side of the status widgets: fetch `/_waymark/status.json`; when it comes from a live
// `waymark serve`, follow `/_waymark/events` (server-sent events) and fall back to polling.
// Kept dependency-free: the budget is 5 KB gzipped (test/status/widgets.build.test.ts).
import { formatTime, snapshotPhrase, stateLabels } from './snapshot-phrase.ts';
import { sparkline } from './sparkline.ts';

interface Probe {
	id: string;
	state: 'up' | 'degraded' | 'down' | 'unknown';
	message: string;
	latencyMs: number | null;
	checkedAt: string | null;
	lastChange: string | null;
	uptime: number | null;
	latencies: number[];
}

const api = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}_waymark/`;

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

function apply(probe: Probe): void {
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

async function poll(): Promise<boolean> {
	const response = await fetch(`${api}status.json`, { cache: 'no-store' });
	const snapshot = (await response.json()) as { live: boolean; demo: boolean; generatedAt: string; probes: Probe[] };
	snapshot.probes.forEach(apply);
	for (const banner of document.querySelectorAll<HTMLElement>('.wm-demo')) banner.hidden = !snapshot.demo;
	for (const el of document.querySelectorAll<HTMLElement>('.wm-snapshot-time')) el.textContent = snapshotPhrase(el.dataset['form'] === 'page' ? 'page' : 'strip', snapshot.live, snapshot.generatedAt);
	return snapshot.live;
}

let polling: ReturnType<typeof setInterval> | undefined;
const startPolling = (): void => {
	polling ??= setInterval(() => void poll().catch(() => undefined), 1000);
};

void poll()
	.then((live) => {
		if (!live) return;
		if (!('EventSource' in window)) return startPolling();
		const events = new EventSource(`${api}events`);
		events.addEventListener('probe', (event) => apply(JSON.parse((event as MessageEvent<string>).data) as Probe));
		events.addEventListener('error', () => {
			// The browser retries on its own; poll meanwhile so the page stays current.
			if (events.readyState === EventSource.CLOSED) startPolling();
		});
	})
	.catch(() => undefined);

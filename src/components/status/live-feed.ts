// One connection per page for every live element (probe widgets, alert banners): fetch
// `/_waymark/status.json`; when it comes from a live `waymark serve`, follow `/_waymark/events`
// (server-sent events) and fall back to polling. When the server stops answering, the feed says
// so at once (`feed` listeners) and reconnects with capped exponential backoff and jitter: a
// page left open through an outage makes a handful of attempts, not one a second.
// Dependency-free: it ships with the widgets.
import type { AlertsSnapshot } from '../../../core/alerts-snapshot.ts';
import { backoffMs, type FeedState } from './freshness.ts';
import type { PaintedProbe } from './widget-paint.ts';

/** One probe's result as the feed carries it: what a widget paints, and which probe it is. */
export interface LiveProbe extends PaintedProbe {
	id: string;
}

/** What a `probes` event says of one probe: its id and the painted fields that changed since the last event, one no longer set as null. */
export type ProbeChange = { id: string } & {
	[K in Exclude<keyof PaintedProbe, 'id'>]?: PaintedProbe[K] | null;
};

export interface LiveSnapshot {
	live: boolean;
	demo: boolean;
	generatedAt: string;
	probes: LiveProbe[];
	alerts?: AlertsSnapshot;
}

export interface LiveListener {
	snapshot?(snapshot: LiveSnapshot): void;
	probe?(probe: LiveProbe): void;
	/** What changed of several probes at once: one refresh of Prometheus (`status.source: prometheus`). */
	probes?(changes: ProbeChange[]): void;
	alerts?(alerts: AlertsSnapshot): void;
	/** Alertmanager answered again, with nothing new. */
	alertsChecked?(update: { checkedAt: string | null }): void;
	/** The feed was lost or came back (also called once on registration). */
	feed?(state: FeedState): void;
}

const api = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}_waymark/`;
const listeners: LiveListener[] = [];
let last: LiveSnapshot | undefined;
const feed: FeedState = { live: false, lostAt: null };
let polling: ReturnType<typeof setInterval> | undefined;
let events: EventSource | undefined;
let attempt = 0;
let retry: ReturnType<typeof setTimeout> | undefined;

/**
 * The snapshot `waymark serve` wrote into the page it sent (`server/page-paint.ts`), which the
 * widgets were already painted from: the page starts live, and nothing changes when the feed connects.
 */
function served(): LiveSnapshot | undefined {
	const island = document.getElementById('wm-status-data');
	try {
		return island?.textContent ? (JSON.parse(island.textContent) as LiveSnapshot) : undefined;
	} catch {
		return undefined;
	}
}

function setFeed(live: boolean, lostAt: number | null): void {
	if (feed.live === live && feed.lostAt === lostAt) return;
	Object.assign(feed, { live, lostAt });
	for (const listener of listeners) listener.feed?.({ ...feed });
}

function deliver(snapshot: LiveSnapshot): void {
	last = snapshot;
	for (const listener of listeners) listener.snapshot?.(snapshot);
}

async function poll(): Promise<boolean> {
	const response = await fetch(`${api}status.json`, { cache: 'no-store' });
	if (!response.ok) throw new Error(String(response.status));
	deliver((await response.json()) as LiveSnapshot);
	return last?.live ?? false;
}

/** The server stopped answering: say so, stop every request, and try again later. */
function lose(): void {
	events?.close();
	events = undefined;
	clearInterval(polling);
	polling = undefined;
	// A copy of the site that never had a live feed has nothing to reconnect to.
	if (!feed.live || retry) return;
	setFeed(true, feed.lostAt ?? Date.now());
	retry = setTimeout(reconnect, backoffMs(attempt++));
}

function reconnect(): void {
	retry = undefined;
	poll()
		.then((live) => {
			if (!live) return setFeed(false, null);
			attempt = 0;
			setFeed(true, null);
			follow();
		})
		.catch(lose);
}

function follow(): void {
	if (!('EventSource' in window)) return startPolling();
	const stream = new EventSource(`${api}events`);
	events = stream;
	const relay = (name: 'probe' | 'probes' | 'alerts' | 'alertsChecked') => (event: Event) => {
		const data = JSON.parse((event as MessageEvent<string>).data) as never;
		for (const listener of listeners) listener[name]?.(data);
	};
	// The server's state as the stream opened: nothing published since status.json is lost.
	stream.addEventListener('snapshot', (event) =>
		deliver(JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot),
	);
	stream.addEventListener('probe', relay('probe'));
	stream.addEventListener('probes', relay('probes'));
	stream.addEventListener('alerts', relay('alerts'));
	stream.addEventListener('alerts-checked', relay('alertsChecked'));
	stream.addEventListener('error', () => {
		// Never let the browser retry on its own (one console error a try): ask status.json once;
		// if the server answers, the stream alone is refused (too many clients) and polling keeps
		// the page current; if not, the feed is lost.
		stream.close();
		if (events !== stream) return;
		events = undefined;
		poll().then(startPolling, lose);
	});
}

function startPolling(): void {
	polling ??= setInterval(() => void poll().catch(lose), 1000);
}

function start(): void {
	const first = served();
	// Both before the browser paints again: the widgets keep the words serve painted.
	if (first) {
		setFeed(first.live, null);
		deliver(first);
	}
	reconnect();
}

/** Registers a listener; the first one starts the feed, later ones get the last snapshot at once. */
export function onLive(listener: LiveListener): void {
	listeners.push(listener);
	if (last) listener.snapshot?.(last);
	listener.feed?.({ ...feed });
	if (listeners.length === 1) start();
}

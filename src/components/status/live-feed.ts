// One connection per page for every live element (probe widgets, alert banners): fetch
// `/_waymark/status.json`; when it comes from a live `waymark serve`, follow `/_waymark/events`
// (server-sent events) and fall back to polling. Dependency-free: it ships with the widgets.
import type { AlertsSnapshot } from '../../lib/alerts.ts';

export interface LiveProbe {
	id: string;
	state: 'up' | 'degraded' | 'down' | 'unknown';
	message: string;
	latencyMs: number | null;
	checkedAt: string | null;
	lastChange: string | null;
	uptime: number | null;
	latencies: number[];
}

interface LiveSnapshot {
	live: boolean;
	demo: boolean;
	generatedAt: string;
	probes: LiveProbe[];
	alerts?: AlertsSnapshot;
}

export interface LiveListener {
	snapshot?(snapshot: LiveSnapshot): void;
	probe?(probe: LiveProbe): void;
	alerts?(alerts: AlertsSnapshot): void;
	/** Alertmanager answered again, with nothing new. */
	alertsChecked?(update: { checkedAt: string | null }): void;
}

const api = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}_waymark/`;
const listeners: LiveListener[] = [];
let last: LiveSnapshot | undefined;
let polling: ReturnType<typeof setInterval> | undefined;

async function poll(): Promise<boolean> {
	const response = await fetch(`${api}status.json`, { cache: 'no-store' });
	last = (await response.json()) as LiveSnapshot;
	for (const listener of listeners) listener.snapshot?.(last);
	return last.live;
}

const startPolling = (): void => {
	polling ??= setInterval(() => void poll().catch(() => undefined), 1000);
};

function start(): void {
	void poll()
		.then((live) => {
			if (!live) return;
			if (!('EventSource' in window)) return startPolling();
			const events = new EventSource(`${api}events`);
			const relay = (name: 'probe' | 'alerts' | 'alertsChecked') => (event: Event) => {
				const data = JSON.parse((event as MessageEvent<string>).data) as never;
				for (const listener of listeners) listener[name]?.(data);
			};
			events.addEventListener('probe', relay('probe'));
			events.addEventListener('alerts', relay('alerts'));
			events.addEventListener('alerts-checked', relay('alertsChecked'));
			events.addEventListener('error', () => {
				// The browser retries on its own; poll meanwhile so the page stays current.
				if (events.readyState === EventSource.CLOSED) startPolling();
			});
		})
		.catch(() => undefined);
}

/** Registers a listener; the first one starts the feed, later ones get the last snapshot at once. */
export function onLive(listener: LiveListener): void {
	listeners.push(listener);
	if (last) listener.snapshot?.(last);
	if (listeners.length === 1) start();
}

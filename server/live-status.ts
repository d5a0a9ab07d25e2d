import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProbeIo } from '../checks/probes/probe-one.ts';
import { runProbe } from '../checks/probes/probe-one.ts';
import { toProbeStatus } from '../checks/probes/probe-status.ts';
import type { AlertsSnapshot } from '../src/lib/alerts.ts';
import type { ProbeStatus, StatusSnapshot } from '../src/lib/status-snapshot.ts';
import type { LocatedProbe, ProbeResult } from '../checks/probes/types.ts';
import { createEventHub, encodeEvent, type EventHub } from './event-stream.ts';
import type { HistoryStore } from './history-store.ts';
import { startScheduler, type Scheduler } from './scheduler.ts';
import type { Handler } from '../core/static-site.ts';
import { createPagePainter, type PagePainter } from './page-paint.ts';

export interface LiveStatusOptions {
	probes: LocatedProbe[];
	io: ProbeIo;
	store: HistoryStore;
	concurrency: number;
	maxEventClients: number;
	demo?: boolean;
	/** One line per state change; never receives header values (messages are scrubbed). */
	log?: (line: string) => void;
	/** Uptime window. @default 24 h */
	windowMs?: number;
	heartbeatMs?: number;
	/** Site base path; the API answers under `<base>_waymark/`. @default '/' */
	base?: string;
	/** @default true; benchmarks and tests may drive runs themselves. */
	schedule?: boolean;
	/** What the page says about firing alerts now; omitted, the snapshot has no `alerts`. */
	alerts?: () => AlertsSnapshot;
}

export interface LiveStatus {
	handler: Handler;
	hub: EventHub;
	scheduler: Scheduler | undefined;
	snapshot(): StatusSnapshot;
	/** Paints a page as it is sent with the current state (`page-paint.ts`), for `startServer`'s `pageTransform`. */
	paintPage: PagePainter;
	/** Runs one probe now and publishes its result (used by tests and the first check). */
	check(id: string): Promise<ProbeStatus | undefined>;
	/**
	 * Sends the alerts' state to every page: the whole snapshot (an `alerts` event) when it changed,
	 * else only the time of the answer (`alerts-checked`), which keeps pages trusting it.
	 */
	publishAlerts(snapshot: AlertsSnapshot, changed?: boolean): void;
	close(): void;
}

const latencyPoints = 40;

/**
 * The status API composed into `waymark serve`: `GET /_waymark/status.json` (every probe's current
 * state), `GET /_waymark/events` (server-sent events). Read-only: other methods get 405. Query
 * strings are ignored, so a request can never choose what is probed.
 */
export function createLiveStatus(options: LiveStatusOptions): LiveStatus {
	const windowMs = options.windowMs ?? 86_400_000;
	const apiPrefix = `${(options.base ?? '/').replace(/\/?$/, '/')}_waymark/`;
	const hub = createEventHub({ maxClients: options.maxEventClients, ...(options.heartbeatMs && { heartbeatMs: options.heartbeatMs }), ...(options.log && { log: options.log }) });
	// Uptime is an SQL aggregate over the window: refresh it at most once a minute per probe (and on
	// a state change), and keep recent latencies in memory, so a result costs an INSERT, not two scans.
	const history = new Map<string, { uptime: number | null; at: number; latencies: number[] }>();
	function withHistory(probe: LocatedProbe, result: ProbeResult, lastChange: string, fresh: boolean): ProbeStatus {
		const now = Date.now();
		let cached = history.get(probe.id);
		if (!cached) {
			cached = { uptime: options.store.uptime(probe.id, now - windowMs), at: now, latencies: options.store.latencies(probe.id, latencyPoints) };
			history.set(probe.id, cached);
		} else {
			if (fresh && result.latencyMs !== null) cached.latencies = [...cached.latencies.slice(1 - latencyPoints), result.latencyMs];
			if (now - cached.at > 60_000) Object.assign(cached, { uptime: options.store.uptime(probe.id, now - windowMs), at: now });
		}
		return { ...toProbeStatus(probe, { ...result, file: probe.file, line: probe.line }), lastChange, uptime: cached.uptime, latencies: cached.latencies };
	}
	const current = new Map<string, ProbeStatus>();
	for (const probe of options.probes) {
		const last = options.store.latest(probe.id);
		current.set(probe.id, last ? withHistory(probe, last, last.lastChange, false) : { ...toProbeStatus(probe), message: 'Waiting for the first check' });
	}
	const publish = (probe: LocatedProbe, result: ProbeResult): ProbeStatus => {
		const previous = current.get(probe.id)?.state;
		const lastChange = options.store.record(result);
		// A state change refreshes uptime at once; otherwise it may lag by up to a minute.
		if (previous !== result.state) history.delete(probe.id);
		const status = withHistory(probe, result, lastChange, true);
		current.set(probe.id, status);
		greeting = undefined;
		hub.broadcast('probe', status);
		if (previous !== status.state) options.log?.(`probe ${probe.id}: ${status.state} (${status.message})`);
		return status;
	};
	const scheduler = options.schedule === false ? undefined : startScheduler(options.probes, { run: (p) => runProbe(p, options.io), onResult: publish, concurrency: options.concurrency });
	// Encoded once for every stream that opens until the state changes (a restart reconnects every
	// page at once), and at most a second old, so its `generatedAt` stays current.
	let greeting: { at: number; frame: Buffer } | undefined;
	const greetingFrame = (): Buffer => {
		const now = Date.now();
		if (!greeting || now - greeting.at > 1000) greeting = { at: now, frame: encodeEvent('snapshot', snapshot()) };
		return greeting.frame;
	};
	const snapshot = (): StatusSnapshot => ({ version: 1, generatedAt: new Date().toISOString(), live: true, demo: options.demo ?? false, probes: [...current.values()], ...(options.alerts && { alerts: options.alerts() }) });
	const handler: Handler = (req: IncomingMessage, res: ServerResponse, next) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (!path.startsWith(apiPrefix)) return next();
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('The status API is read-only.\n');
			return;
		}
		if (path === `${apiPrefix}status.json`) {
			const body = JSON.stringify(snapshot());
			res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
			res.end(req.method === 'HEAD' ? undefined : body);
			return;
		}
		// The stream opens with the whole state: a result published between the page's status.json
		// and its stream connecting would otherwise be missed until that probe's next run.
		if (path === `${apiPrefix}events`) return hub.accept(req, res, greetingFrame);
		// The manifest stays on the server; everything else under /_waymark/ is unknown.
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
	};
	return {
		handler,
		hub,
		scheduler,
		snapshot,
		paintPage: createPagePainter(snapshot, Date.now, options.base),
		async check(id) {
			const probe = options.probes.find((p) => p.id === id);
			return probe ? publish(probe, await runProbe(probe, options.io)) : undefined;
		},
		publishAlerts(alerts, changed = true) {
			greeting = undefined;
			if (changed) hub.broadcast('alerts', alerts);
			else hub.broadcast('alerts-checked', { checkedAt: alerts.checkedAt });
		},
		close() {
			scheduler?.stop();
			hub.close();
		},
	};
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertsSnapshot } from '../core/alerts-snapshot.ts';
import type { ProbeStatus, StatusSnapshot } from '../core/status-snapshot.ts';
import type { LocatedProbe } from '../checks/probes/types.ts';
import { createEventHub, encodeEvent, type EventHub } from './event-stream.ts';
import type { Scheduler } from './scheduler.ts';
import { probeHere, type Probing, type StatusSink } from './probe-here.ts';
import type { Handler } from '../core/static-site.ts';
import { createPagePainter, type PagePainter } from './page-paint.ts';
import { readFeed } from './feed-events.ts';
import type { PrometheusFeed } from './prometheus-feed.ts';

interface Reading {
	/** `status.source: prometheus`: every state and its history read from Prometheus; nothing is probed or stored here. */
	feed: PrometheusFeed;
}

/** Where the states come from: this process probing and keeping history (`io`, `store`), or Prometheus (`feed`). */
export type LiveStatusOptions = LiveStatusCommon & (Probing | Reading);

interface LiveStatusCommon {
	probes: LocatedProbe[];
	maxEventClients: number;
	demo?: boolean;
	/** One line per state change; never receives header values (messages are scrubbed). */
	log?: (line: string) => void;
	/** False leaves running probes, or reading Prometheus, to the caller (`check`): benchmarks and tests. @default true */
	schedule?: boolean;
	heartbeatMs?: number;
	/** Site base path; the API answers under `<base>_waymark/`. @default '/' */
	base?: string;
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

/**
 * The status API composed into `waymark serve`: `GET /_waymark/status.json` (every probe's current
 * state), `GET /_waymark/events` (server-sent events). Read-only: other methods get 405. Query
 * strings are ignored, so a request can never choose what is probed.
 */
export function createLiveStatus(options: LiveStatusOptions): LiveStatus {
	const apiPrefix = `${(options.base ?? '/').replace(/\/?$/, '/')}_waymark/`;
	const hub = createEventHub({
		maxClients: options.maxEventClients,
		...(options.heartbeatMs && { heartbeatMs: options.heartbeatMs }),
		...(options.log && { log: options.log }),
	});
	const current = new Map<string, ProbeStatus>();
	// Encoded once for every stream that opens until the state changes (a restart reconnects every
	// page at once), and at most a second old, so its `generatedAt` stays current.
	let greeting: { at: number; frame: Buffer } | undefined;
	// status.json is one body per state too, at most a second old: many readers cost one encoding.
	let body: { at: number; text: string } | undefined;
	const statusBody = (): string => {
		const now = Date.now();
		if (!body || now - body.at > 1000) body = { at: now, text: JSON.stringify(snapshot()) };
		return body.text;
	};
	const greetingFrame = (): Buffer => {
		const now = Date.now();
		if (!greeting || now - greeting.at > 1000)
			greeting = { at: now, frame: encodeEvent('snapshot', snapshot()) };
		return greeting.frame;
	};
	const feed = 'feed' in options ? options.feed : undefined;
	const snapshot = (): StatusSnapshot => ({
		version: 1,
		generatedAt: new Date().toISOString(),
		live: true,
		demo: options.demo ?? false,
		probes: [...current.values()],
		...(options.alerts && { alerts: options.alerts() }),
		...(feed && { source: feed.source() }),
	});
	const sink: StatusSink = {
		current,
		changed: () => void ((greeting = undefined), (body = undefined)),
		broadcast: (event, data) => hub.broadcast(event, data),
		...(options.log && { log: options.log }),
	};
	const running = feed
		? readFeed(feed, sink, options.schedule !== false)
		: probeHere(options.probes, options as Probing, sink, options.schedule !== false);

	const handler: Handler = (req: IncomingMessage, res: ServerResponse, next) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (!path.startsWith(apiPrefix)) return next();
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res
				.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
				.end('The status API is read-only.\n');
			return;
		}
		if (path === `${apiPrefix}status.json`) {
			res.writeHead(200, {
				'content-type': 'application/json; charset=utf-8',
				'cache-control': 'no-store',
				'x-content-type-options': 'nosniff',
			});
			res.end(req.method === 'HEAD' ? undefined : statusBody());
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
		scheduler: running.scheduler,
		snapshot,
		paintPage: createPagePainter(snapshot, Date.now, options.base),
		check: (id) => running.check(id),
		publishAlerts(alerts, changed = true) {
			sink.changed();
			if (changed) hub.broadcast('alerts', alerts);
			else hub.broadcast('alerts-checked', { checkedAt: alerts.checkedAt });
		},
		close() {
			running.close();
			hub.close();
		},
	};
}

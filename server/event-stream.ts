import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EventHub {
	/**
	 * Answers `GET /_waymark/events` (HEAD: headers only): 503 when `maxClients` streams are already
	 * open. A stream opens with the frame `greeting` gives (encoded, `encodeEvent`), before anything
	 * broadcast after it.
	 */
	accept(req: IncomingMessage, res: ServerResponse, greeting?: () => Buffer): void;
	/** Sends one `probe` event to every client; the payload is serialised once. */
	broadcast(event: string, data: unknown): void;
	readonly size: number;
	/** Streams closed so far because their reader stopped reading (`maxBuffered`). */
	readonly dropped: number;
	close(): void;
}

export interface EventHubOptions {
	maxClients: number;
	heartbeatMs?: number;
	/**
	 * Bytes a stream may hold unsent (beyond what the kernel took) before it is closed, per stream
	 * and for all streams together (then the streams furthest behind go first).
	 * @default { perClient: 1 MiB, total: 32 MiB }
	 */
	maxBuffered?: { perClient: number; total: number };
	/** One line when streams are closed for not reading. */
	log?: (line: string) => void;
}

/** One server-sent event as written to the stream. */
const eventText = (event: string, data: unknown): string =>
	`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** One server-sent event, encoded for `accept`'s greeting. */
export function encodeEvent(event: string, data: unknown): Buffer {
	return Buffer.from(eventText(event, data));
}

/**
 * Server-sent events with a connection cap and heartbeats (proxies drop idle streams). A reader
 * that stops reading is closed once its unsent bytes pass `maxBuffered` (its page falls back to
 * polling `status.json`), so memory stays bounded whatever the readers do.
 */
export function createEventHub(options: EventHubOptions): EventHub {
	// Frames go straight to each socket as one shared Buffer: no per-client encoding or chunked
	// framing (the stream is close-delimited), which keeps a 1,000-client fan-out to a few ms.
	const clients = new Set<ServerResponse>();
	const limit = options.maxBuffered ?? { perClient: 1024 * 1024, total: 32 * 1024 * 1024 };
	let dropped = 0;
	const unsent = (res: ServerResponse): number => res.socket?.writableLength ?? 0;
	const drop = (res: ServerResponse): void => {
		clients.delete(res);
		res.socket?.destroy();
		dropped++;
	};
	const send = (frame: Buffer): void => {
		const before = dropped;
		let total = 0;
		for (const res of clients) {
			if (unsent(res) > limit.perClient) {
				drop(res);
				continue;
			}
			res.socket?.write(frame);
			total += unsent(res);
		}
		if (total > limit.total)
			for (const res of [...clients].sort((a, b) => unsent(b) - unsent(a))) {
				if (total <= limit.total) break;
				total -= unsent(res);
				drop(res);
			}
		if (dropped > before)
			options.log?.(
				`status: closed ${dropped - before} event stream(s) whose reader stopped reading; their pages poll status.json instead`,
			);
	};
	const ping = Buffer.from(': heartbeat\n\n');
	let pending = '';
	const flush = (): void => {
		const frame = Buffer.from(pending);
		pending = '';
		send(frame);
	};
	const heartbeat = setInterval(() => send(ping), options.heartbeatMs ?? 15_000);
	heartbeat.unref();
	return {
		accept(req, res, greeting) {
			if (clients.size >= options.maxClients) {
				res
					.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' })
					.end('Too many live status connections; the page falls back to polling.\n');
				return;
			}
			const headers = {
				'content-type': 'text/event-stream',
				'cache-control': 'no-store',
				'x-accel-buffering': 'no',
			};
			// HEAD gets the headers only: the stream below writes to the socket, past Node's HEAD handling.
			if (req.method === 'HEAD') {
				res.writeHead(200, headers).end();
				return;
			}
			res.useChunkedEncodingByDefault = false;
			res.writeHead(200, { ...headers, connection: 'close' });
			res.flushHeaders();
			res.socket?.write('retry: 2000\n\n');
			if (greeting) res.socket?.write(greeting());
			clients.add(res);
			req.socket.setNoDelay(true);
			const drop = (): void => void clients.delete(res);
			req.once('close', drop);
			res.once('close', drop);
		},
		broadcast(event, data) {
			if (clients.size === 0) return;
			// Results that land in the same event-loop turn go out as one write per client.
			if (pending === '') setImmediate(flush);
			pending += eventText(event, data);
		},
		get size() {
			return clients.size;
		},
		get dropped() {
			return dropped;
		},
		close() {
			clearInterval(heartbeat);
			for (const res of clients) res.end();
			clients.clear();
		},
	};
}

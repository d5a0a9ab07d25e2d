import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EventHub {
	/** Answers `GET /_waymark/events`: 503 when `maxClients` streams are already open. */
	accept(req: IncomingMessage, res: ServerResponse): void;
	/** Sends one `probe` event to every client; the payload is serialised once. */
	broadcast(event: string, data: unknown): void;
	readonly size: number;
	close(): void;
}

/** Server-sent events with a connection cap and heartbeats (proxies drop idle streams). */
export function createEventHub(options: { maxClients: number; heartbeatMs?: number }): EventHub {
	const clients = new Set<ServerResponse>();
	const heartbeat = setInterval(() => {
		for (const res of clients) res.write(': heartbeat\n\n');
	}, options.heartbeatMs ?? 15_000);
	heartbeat.unref();
	return {
		accept(req, res) {
			if (clients.size >= options.maxClients) {
				res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' }).end('Too many live status connections; the page falls back to polling.\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
			res.write('retry: 2000\n\n');
			clients.add(res);
			req.socket.setNoDelay(true);
			const drop = (): void => void clients.delete(res);
			req.once('close', drop);
			res.once('close', drop);
		},
		broadcast(event, data) {
			const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
			for (const res of clients) res.write(frame);
		},
		get size() {
			return clients.size;
		},
		close() {
			clearInterval(heartbeat);
			for (const res of clients) res.end();
			clients.clear();
		},
	};
}

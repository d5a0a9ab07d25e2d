// A child process for the event-stream soak test: serve's event hub on 127.0.0.1 (port 0), driven
// over IPC, so its memory is measured apart from the test's own clients. Run with --expose-gc.
// `process.argv[2]` is `bounded` (the hub's defaults) or `unbounded` (no limit on unsent bytes,
// as the hub was before: the soak test's positive control).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { createEventHub } from '../../server/event-stream.ts';

const hub = createEventHub({
	maxClients: 10_000,
	heartbeatMs: 3_600_000,
	...(process.argv[2] === 'unbounded' && { maxBuffered: { perClient: Infinity, total: Infinity } }),
});
const server = createServer((req, res) => hub.accept(req, res));
const sockets = new Set<import('node:net').Socket>();
server.on('connection', (socket) => {
	sockets.add(socket);
	socket.once('close', () => sockets.delete(socket));
});
/** Unsent bytes of the connection furthest behind: the pace is what the slowest reading client takes, as a real feed's is. */
const furthestBehind = (): number =>
	Math.max(0, ...[...sockets].map((socket) => socket.writableLength));
server.listen(0, '127.0.0.1', () =>
	process.send!({ port: (server.address() as AddressInfo).port }),
);

/** Heap and Buffers after a full collection, and RSS. */
function memory(): { used: number; rss: number } {
	globalThis.gc!();
	const { heapUsed, external, rss } = process.memoryUsage();
	return { used: heapUsed + external, rss };
}

process.on('message', (message: { rounds?: number; bytes?: number; patienceMs?: number }) => {
	void (async () => {
		if (message.rounds !== undefined) {
			const data = 'x'.repeat(message.bytes ?? 1000);
			// One frame per event-loop turn: broadcasts in one turn are written as one frame. Every 100
			// rounds, wait for readers to catch up (up to `patienceMs`: stalled ones never do, and reading
			// ones on a loaded machine may need seconds).
			const patience = message.patienceMs ?? 50;
			for (let round = 0; round < message.rounds; round++) {
				hub.broadcast('probe', { round, data });
				await tick();
				// One reader left behind by a busy machine is enough to reach the per-stream limit: wait for each.
				if (round % 100 === 99)
					for (
						const started = Date.now();
						furthestBehind() > 256 * 1024 && Date.now() - started < patience;
					)
						await sleep(5);
			}
			await tick();
		}
		process.send!({ ...memory(), clients: hub.size, dropped: hub.dropped });
	})();
});
process.on('disconnect', () => {
	hub.close();
	server.closeAllConnections();
	server.close();
});

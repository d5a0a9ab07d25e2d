import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import { createEventHub, type EventHub } from '../../server/event-stream.ts';

// The hub's limits on unsent bytes, in this process (the soak test measures memory in a child):
// real loopback sockets whose readers never read, small limits, and which streams are closed.

let server: Server | undefined;
let hub: EventHub | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.destroy();
	hub?.close();
	server?.closeAllConnections();
	await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

async function start(
	maxBuffered: { perClient: number; total: number },
	log: string[],
): Promise<number> {
	const started = createEventHub({
		maxClients: 100,
		heartbeatMs: 3_600_000,
		maxBuffered,
		log: (line) => log.push(line),
	});
	hub = started;
	server = createServer((req, res) => started.accept(req, res));
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

/** Opens a stream; a stalled reader never takes a byte off its socket. */
async function open(port: number, reader: 'reading' | 'stalled'): Promise<Socket> {
	const socket = connect(port, '127.0.0.1');
	socket.on('error', () => {});
	if (reader === 'stalled') socket.pause();
	else socket.on('data', () => {});
	socket.write('GET /_waymark/events HTTP/1.1\r\nHost: x\r\n\r\n');
	sockets.push(socket);
	const size = hub!.size;
	while (hub!.size === size) await sleep(5);
	return socket;
}

/** Broadcasts until `done` holds or `rounds` frames of `bytes` went out. */
async function flood(rounds: number, bytes: number, done: () => boolean): Promise<void> {
	const data = 'x'.repeat(bytes);
	for (let round = 0; round < rounds && !done(); round++) {
		hub!.broadcast('probe', { round, data });
		await tick();
		await tick();
	}
}

test('closes a stream whose reader stopped reading once its unsent bytes pass the per-stream limit, and keeps the readers', async () => {
	const log: string[] = [];
	const port = await start({ perClient: 256 * 1024, total: Infinity }, log);
	await open(port, 'reading');
	await open(port, 'stalled');
	expect(hub!.size).toBe(2);
	await flood(4000, 64 * 1024, () => hub!.dropped > 0);
	expect(hub!.dropped).toBe(1);
	expect(hub!.size).toBe(1);
	expect(log).toEqual([
		'status: closed 1 event stream(s) whose reader stopped reading; their pages poll status.json instead',
	]);
});

test('closes the streams furthest behind first when all streams together pass the total limit', async () => {
	const log: string[] = [];
	// No single stream reaches its own limit; together they pass the total, so the hub drops
	// streams (the most unsent first) until the rest fit.
	const port = await start({ perClient: Infinity, total: 512 * 1024 }, log);
	await open(port, 'reading');
	await open(port, 'stalled');
	await open(port, 'stalled');
	await flood(4000, 64 * 1024, () => hub!.dropped > 0);
	expect(hub!.dropped).toBeGreaterThanOrEqual(1);
	expect(hub!.size).toBe(3 - hub!.dropped);
	expect(log.at(-1)).toMatch(/^status: closed \d event stream\(s\) whose reader stopped reading/);
	// The reading stream is never the one furthest behind, so it stays open.
	await flood(50, 64 * 1024, () => false);
	expect(hub!.size).toBeGreaterThanOrEqual(1);
});

test('keeps every stream whose reader reads, however much is broadcast', async () => {
	const log: string[] = [];
	const port = await start({ perClient: 256 * 1024, total: 512 * 1024 }, log);
	await open(port, 'reading');
	await open(port, 'reading');
	// Readers on loopback keep up when the sender waits a turn between frames.
	for (let round = 0; round < 200; round++) {
		hub!.broadcast('probe', { round, data: 'x'.repeat(16 * 1024) });
		await sleep(1);
	}
	expect(hub!.dropped).toBe(0);
	expect(hub!.size).toBe(2);
	expect(log).toEqual([]);
});

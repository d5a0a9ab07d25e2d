import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// Serve's event hub in a child process, with many event-stream clients on loopback that connect
// and never read, through a fixed number of broadcast rounds: 10 MB to each client, past the ~4 MB
// the kernel buffers for a socket, so what is not sent stays in the process. Its memory after them (heap and
// Buffers, after a full collection) is compared with a control run whose clients read, and with
// the hub without its limit on unsent bytes (as it was), which must grow: the positive control
// that this measurement sees the growth at all. Memory, not time, is measured.

const clients = 100;
const rounds = 5000;
const frameBytes = 2000;
const MiB = 1024 * 1024;

interface Memory {
	used: number;
	rss: number;
	clients: number;
	dropped: number;
}

async function soak(
	hub: 'bounded' | 'unbounded',
	readers: 'reading' | 'stalled',
): Promise<{ growth: number; rssGrowth: number; after: Memory }> {
	const child: ChildProcess = fork(
		fileURLToPath(new URL('../helpers/event-hub-server.ts', import.meta.url)),
		[hub],
		{ execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
	);
	const ask = async (message: object): Promise<Memory> => {
		child.send(message);
		return (await once(child, 'message'))[0] as Memory;
	};
	const sockets: Socket[] = [];
	try {
		const [{ port }] = (await once(child, 'message')) as [{ port: number }];
		for (let i = 0; i < clients; i++) {
			const socket = connect(port, '127.0.0.1');
			// A stalled reader never takes a byte off the socket; a reading one takes everything.
			if (readers === 'stalled') socket.pause();
			else socket.on('data', () => {});
			socket.on('error', () => {});
			socket.write('GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
			sockets.push(socket);
		}
		let before = await ask({});
		while (before.clients < clients) before = await ask({});
		// Readers that read are waited for as long as they need (the machine may be busy); stalled ones 50 ms a hundred rounds.
		const after = await ask({
			rounds,
			bytes: frameBytes,
			patienceMs: readers === 'reading' ? 10_000 : 50,
		});
		return { growth: after.used - before.used, rssGrowth: after.rss - before.rss, after };
	} finally {
		for (const socket of sockets) socket.destroy();
		child.disconnect();
		await once(child, 'exit');
	}
}

test(`keeps memory flat with ${clients} event-stream clients that never read, through ${rounds} broadcasts`, async () => {
	const control = await soak('bounded', 'reading');
	const stalled = await soak('bounded', 'stalled');
	const unbounded = await soak('unbounded', 'stalled');
	const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
	console.log(
		`event-stream soak, growth (heap + Buffers; RSS): reading ${mib(control.growth)}; ${mib(control.rssGrowth)}, stalled ${mib(stalled.growth)}; ${mib(stalled.rssGrowth)}, stalled without limits ${mib(unbounded.growth)}; ${mib(unbounded.rssGrowth)}`,
	);
	// The readers kept up and stayed; the stalled readers were closed, none of them left.
	expect([control.after.clients, control.after.dropped]).toEqual([clients, 0]);
	expect([stalled.after.clients, stalled.after.dropped]).toEqual([0, clients]);
	expect(unbounded.after.clients).toBe(clients);
	// Stalled readers cost what reading ones do, within 8 MiB (measured: about 1 MiB more).
	expect(stalled.growth).toBeLessThan(control.growth + 8 * MiB);
	// Positive control: without the limits the same readers cost twice that bound more (measured: 24 MiB more).
	expect(unbounded.growth).toBeGreaterThan(stalled.growth + 16 * MiB);
}, 240_000);

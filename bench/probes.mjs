// Live status benchmark: 1,000 probes at a 10 s interval against loopback endpoints (CPU share of
// one core, peak memory, p99 scheduling lag), side by side with a naive baseline (one setTimeout
// chain per probe calling undici, no concurrency limit, no history, no conditions); then 1,000
// server-sent-event clients on `waymark serve`'s status API (server memory, fan-out p99).
// Goals: < 10 % of one core, < 150 MB with 1,000 clients, fan-out p99 < 100 ms.
// Usage: node bench/probes.mjs [seconds=60]. Each side runs in its own process; the loopback
// endpoints and the SSE clients run in separate processes so they are not counted.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { formatBytes, renderTable } from './lib/report.mjs';

const self = fileURLToPath(import.meta.url);
const tmp = fileURLToPath(new URL('.tmp/', import.meta.url));
const argv = process.argv.slice(2);
const role = argv.find((a) => a.startsWith('--role='))?.slice(7) ?? 'main';
const args = argv.filter((a) => !a.startsWith('--role='));
const probeCount = 1000;
const intervalMs = 10_000;

const p99 = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length
		? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]
		: NaN;
};
const line = (text) => process.stdout.write(`${text}\n`);

function probes(port) {
	return Array.from({ length: probeCount }, (_, i) => ({
		id: `p${i}`,
		kind: 'http',
		target: `http://127.0.0.1:${port}/status?i=${i}`,
		dnsType: 'A',
		headers: {},
		conditions: [
			'[STATUS] == 200',
			'[BODY].success.dolibarr_version == 22.0.4',
			'[RESPONSE_TIME] < 2000',
		],
		intervalMs,
		timeoutMs: 5000,
		file: `p${i % 50}.md`,
		line: 3,
		route: '/p/',
		pageTitle: 'P',
	}));
}

/** Samples RSS and CPU while `run` is active. */
async function measure(seconds, start) {
	let peak = process.memoryUsage.rss();
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 200);
	const stop = await start();
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	await new Promise((r) => setTimeout(r, seconds * 1000));
	const cpu = process.cpuUsage(cpu0);
	const wall = performance.now() - t0;
	clearInterval(sampler);
	const extra = await stop();
	return { cpuShare: (cpu.user + cpu.system) / 1000 / wall, peakRss: peak, ...extra };
}

async function roleEndpoints() {
	const body = JSON.stringify({ success: { code: 200, dolibarr_version: '22.0.4' } });
	const server = createServer((_req, res) =>
		res.writeHead(200, { 'content-type': 'application/json' }).end(body),
	);
	server.keepAliveTimeout = 60_000;
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	line(String(server.address().port));
}

async function roleProber(port, seconds) {
	const { createLiveStatus } = await import('../server/live-status.ts');
	const { openHistoryStore } = await import('../server/history-store.ts');
	const { createResolver } = await import('../network/resolver.ts');
	const { createNetworkAgent } = await import('../network/agent.ts');
	mkdirSync(tmp, { recursive: true });
	rmSync(`${tmp}probes.sqlite`, { force: true });
	const resolver = createResolver();
	const agent = createNetworkAgent({ lookup: resolver.lookup });
	const store = openHistoryStore(`${tmp}probes.sqlite`);
	const result = await measure(seconds, async () => {
		const live = createLiveStatus({
			probes: probes(port),
			io: { resolver, dispatcher: agent.dispatcher, env: {} },
			store,
			concurrency: 8,
			maxEventClients: 10,
		});
		return async () => {
			live.close();
			return { lagP99: p99(live.scheduler.lags), runs: live.scheduler.lags.length };
		};
	});
	line(JSON.stringify(result));
	process.exit(0);
}

async function roleNaive(port, seconds) {
	const { request, Agent } = await import('undici');
	const dispatcher = new Agent();
	const lags = [];
	let stopped = false;
	const result = await measure(seconds, async () => {
		const timers = [];
		for (const p of probes(port)) {
			const tick = (delay) => {
				const due = performance.now() + delay;
				timers.push(
					setTimeout(async () => {
						lags.push(performance.now() - due);
						const res = await request(p.target, { dispatcher }).catch(() => undefined);
						await res?.body.json().catch(() => undefined);
						if (!stopped) tick(intervalMs);
					}, delay),
				);
			};
			tick(Math.random() * 5000);
		}
		return async () => {
			stopped = true;
			timers.forEach(clearTimeout);
			return { lagP99: p99(lags), runs: lags.length };
		};
	});
	line(JSON.stringify(result));
	process.exit(0);
}

async function roleSseServer(port) {
	const { createLiveStatus } = await import('../server/live-status.ts');
	const { openHistoryStore } = await import('../server/history-store.ts');
	const { createResolver } = await import('../network/resolver.ts');
	const { createNetworkAgent } = await import('../network/agent.ts');
	const { startServer } = await import('../core/static-site.ts');
	mkdirSync(tmp, { recursive: true });
	const resolver = createResolver();
	const agent = createNetworkAgent({ lookup: resolver.lookup });
	const live = createLiveStatus({
		probes: probes(port),
		io: { resolver, dispatcher: agent.dispatcher, env: {} },
		store: openHistoryStore(':memory:'),
		concurrency: 8,
		maxEventClients: 1100,
		schedule: false,
	});
	const server = await startServer({
		dir: tmp,
		port: 0,
		host: '127.0.0.1',
		handlers: [live.handler],
	});
	const before = process.memoryUsage.rss();
	let peak = before;
	setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
	line(`port ${new URL(server.url).port}`);
	for await (const command of createInterface({ input: process.stdin })) {
		if (command === 'fire') {
			for (let i = 0; i < 50; i++) {
				await live.check(`p${i}`);
				await new Promise((r) => setTimeout(r, 100));
			}
			peak = Math.max(peak, process.memoryUsage.rss());
			line(JSON.stringify({ rssBefore: before, peakRss: peak, clients: live.hub.size }));
		}
	}
}

// Raw sockets and no parsing until the end: the client process must not be what is measured.
async function roleSseClients(port, count) {
	const { connect } = await import('node:net');
	const received = [];
	let connected = 0;
	let done = 0;
	for (let i = 0; i < count; i++) {
		const socket = connect(port, '127.0.0.1', () =>
			socket.write(
				'GET /_waymark/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n',
			),
		);
		socket.setNoDelay(true);
		let events = 0;
		let first = true;
		socket.on('data', (chunk) => {
			const now = Date.now();
			if (first) {
				first = false;
				if (++connected === count) line('connected');
			}
			received.push(now, chunk);
			const text = chunk.toString('latin1');
			for (
				let at = text.indexOf('event: probe');
				at >= 0;
				at = text.indexOf('event: probe', at + 1)
			)
				events++;
			if (events === 50) {
				events++;
				if (++done === count) {
					const latencies = [];
					for (let k = 0; k < received.length; k += 2) {
						for (const m of received[k + 1].toString('latin1').matchAll(/"checkedAt":"([^"]+)"/g))
							latencies.push(received[k] - Date.parse(m[1]));
					}
					const sorted = latencies.sort((a, b) => a - b);
					line(
						JSON.stringify({
							p50: sorted[sorted.length >> 1],
							p99: p99(sorted),
							samples: sorted.length,
						}),
					);
				}
			}
		});
	}
}

function child(roleName, extra) {
	// BENCH_NODE_FLAGS (e.g. `--max-semi-space-size=2`) applies to the measured processes only.
	const flags = ['prober', 'naive', 'sse-server'].includes(roleName)
		? (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)
		: [];
	const proc = spawn(
		process.execPath,
		[...flags, self, `--role=${roleName}`, ...extra.map(String)],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const lines = createInterface({ input: proc.stdout });
	const next = () => once(lines, 'line').then(([l]) => l);
	return { proc, next };
}

async function main(seconds) {
	if (process.env.BENCH_NODE_FLAGS)
		line(`measured processes run with ${process.env.BENCH_NODE_FLAGS}`);
	line(
		`probes: ${probeCount} http probes, ${intervalMs / 1000} s interval, ${seconds} s per side; 1,000 SSE clients; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`,
	);
	const endpoints = child('endpoints', []);
	const port = Number(await endpoints.next());
	const sides = [];
	for (const [name, roleName] of [
		['waymark scheduler (limit 8, jitter, conditions, SQLite history)', 'prober'],
		['naive setTimeout + undici (no limit, no history)', 'naive'],
	]) {
		const side = child(roleName, [port, seconds]);
		sides.push([name, JSON.parse(await side.next())]);
	}
	const server = child('sse-server', [port]);
	const ssePort = Number((await server.next()).split(' ')[1]);
	const clients = child('sse-clients', [ssePort, 1000]);
	await clients.next();
	server.proc.stdin.write('fire\n');
	const [serverStats, fanout] = await Promise.all([
		server.next().then(JSON.parse),
		clients.next().then(JSON.parse),
	]);
	for (const c of [endpoints, server, clients]) c.proc.kill();
	const [[, ours], [, naive]] = sides;
	line(
		renderTable(
			['side', 'CPU (share of one core)', 'peak RSS', 'p99 scheduling lag', 'runs'],
			sides.map(([name, r]) => [
				name,
				`${(r.cpuShare * 100).toFixed(2)} %`,
				formatBytes(r.peakRss),
				`${r.lagP99.toFixed(1)} ms`,
				String(r.runs),
			]),
		),
	);
	line(
		`ratios waymark/naive: CPU ${(ours.cpuShare / naive.cpuShare).toFixed(2)}×, memory ${(ours.peakRss / naive.peakRss).toFixed(2)}×`,
	);
	line(
		renderTable(
			[
				'SSE clients',
				'server RSS before',
				'server peak RSS',
				'fan-out p50',
				'fan-out p99',
				'events received',
			],
			[
				[
					String(serverStats.clients),
					formatBytes(serverStats.rssBefore),
					formatBytes(serverStats.peakRss),
					`${fanout.p50} ms`,
					`${fanout.p99} ms`,
					String(fanout.samples),
				],
			],
		),
	);
	line(
		`load average at end: ${loadavg()[0].toFixed(1)} (figures from a busy machine are upper bounds)`,
	);
	const goals = [ours.cpuShare < 0.1, serverStats.peakRss < 150 * 1024 * 1024, fanout.p99 < 100];
	line(
		`goals: CPU < 10 % ${goals[0] ? 'met' : 'MISSED'}; < 150 MB with 1,000 clients ${goals[1] ? 'met' : 'MISSED'}; fan-out p99 < 100 ms ${goals[2] ? 'met' : 'MISSED'}`,
	);
}

const roles = {
	main: () => main(Number(args[0] ?? 60)),
	endpoints: roleEndpoints,
	prober: () => roleProber(Number(args[0]), Number(args[1])),
	naive: () => roleNaive(Number(args[0]), Number(args[1])),
	'sse-server': () => roleSseServer(Number(args[0])),
	'sse-clients': () => roleSseClients(Number(args[0]), Number(args[1])),
};
await roles[role]();

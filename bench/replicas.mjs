// Stateless replicas benchmark (`status.source: prometheus`): 1,000 HTTP probes exported to three
// real blackbox_exporters labelled as three locations (the third refused for 2 % of the probes, a
// further 1 % failing everywhere), scraped by a real Prometheus holding a backfilled day of the
// history the exported rules record, read by three `waymark serve` replicas (refresh 15 s) with 1,000
// event-stream readers each. Measured: queries per refresh (the replicas' own count and
// Prometheus's request counters), Prometheus CPU over the window against the same window with
// nothing reading it (ingest and rule evaluation only) and against three readers asking one
// instant query per probe per interval (how serve read Prometheus before), status.json p99 under
// the readers, replica CPU and memory.
// Usage: node bench/replicas.mjs [seconds per window=120]. Needs Debian's prometheus and
// prometheus-blackbox-exporter. Replicas, naive readers, event-stream readers and the probed
// endpoint each run in their own process.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { stringify, parse } from 'yaml';
import { cpuSeconds, startComponent } from './lib/prometheus-components.mjs';
import { formatBytes, renderTable } from './lib/report.mjs';

const self = fileURLToPath(import.meta.url);
const tmp = fileURLToPath(new URL('.tmp/', import.meta.url));
const argv = process.argv.slice(2);
const role = argv.find((a) => a.startsWith('--role='))?.slice(7) ?? 'main';
const args = argv.filter((a) => !a.startsWith('--role='));
const probeCount = 1000;
const intervalMs = 30_000;
const refreshMs = 15_000;
const readersPerReplica = 1000;
const locations = ['eu-west', 'us-east', 'ap-south'];
const rule = { locations, downWhen: 'all' };

const line = (text) => process.stdout.write(`${text}\n`);
const p = (values, q) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] : NaN;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function probes(port) {
	return Array.from({ length: probeCount }, (_, i) => ({
		id: `p${i}`,
		kind: 'http',
		target: `http://127.0.0.1:${port}/t/${i}`,
		dnsType: 'A',
		headers: {},
		conditions: ['[STATUS] == 200', '[RESPONSE_TIME] < 2000'],
		intervalMs,
		timeoutMs: 5000,
		file: `p${i % 50}.md`,
		line: 3,
		route: `/p${i % 50}/`,
		pageTitle: `P${i % 50}`,
	}));
}

/** 1 % of the targets answer 500: down from everywhere. */
async function roleEndpoints() {
	const ok = JSON.stringify({ ok: true });
	const server = createServer((req, res) => {
		const i = Number(req.url?.split('/')[2]);
		res.writeHead(i % 100 === 7 ? 500 : 200, { 'content-type': 'application/json' }).end(ok);
	});
	server.keepAliveTimeout = 60_000;
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	line(String(server.address().port));
}

function measureSelf() {
	let peak = process.memoryUsage.rss();
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 200);
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	return () => {
		clearInterval(sampler);
		const cpu = process.cpuUsage(cpu0);
		return {
			cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - t0),
			peakRss: Math.max(peak, process.memoryUsage.rss()),
		};
	};
}

async function roleReplica(port, prometheusUrl) {
	const { createPrometheusFeed } = await import('../server/prometheus-feed.ts');
	const { createLiveStatus } = await import('../server/live-status.ts');
	const { startServer } = await import('../core/static-site.ts');
	mkdirSync(tmp, { recursive: true });
	const { Agent } = await import('undici');
	const list = probes(port);
	// Every distinct query the feed asks (its text without the times), with the first times asked, for main to replay alone.
	const asked = new Map();
	const dispatcher = new Agent().compose((dispatch) => (opts, handler) => {
		const url = new URL(opts.path, 'http://x');
		const kind = `${url.pathname} ${url.searchParams.get('query')}`;
		if (!asked.has(kind)) asked.set(kind, opts.path);
		return dispatch(opts, handler);
	});
	const feed = createPrometheusFeed({
		probes: list,
		client: { endpoint: { url: prometheusUrl, headers: {} }, dispatcher, timeoutMs: 60_000 },
		rule,
		refreshMs,
	});
	const live = createLiveStatus({ probes: list, feed, maxEventClients: readersPerReplica + 100 });
	const server = await startServer({
		dir: tmp,
		port: 0,
		host: '127.0.0.1',
		handlers: [live.handler],
	});
	while (!live.snapshot().source?.asOf) await sleep(200);
	line(`port ${new URL(server.url).port}`);
	let stop;
	let counts;
	for await (const command of createInterface({ input: process.stdin })) {
		if (command === 'start') {
			stop = measureSelf();
			counts = feed.counts();
			line('started');
		}
		if (command === 'stop') {
			const now = feed.counts();
			const states = {};
			for (const s of live.snapshot().probes) states[s.state] = (states[s.state] ?? 0) + 1;
			line(
				JSON.stringify({
					...stop(),
					queries: now.queries - counts.queries,
					refreshes: now.refreshes - counts.refreshes,
					clients: live.hub.size,
					states,
					statusBytes: JSON.stringify(live.snapshot()).length,
					asked: [...asked.values()],
				}),
			);
		}
	}
}

/** How serve read Prometheus before: one instant query per probe, on the probe's interval. */
async function roleNaive(prometheusUrl, seconds) {
	const { request, Agent } = await import('undici');
	const dispatcher = new Agent({ connections: 32 });
	const latencies = [];
	let stopped = false;
	const stop = measureSelf();
	const timers = [];
	for (let i = 0; i < probeCount; i++) {
		const query = `{__name__=~"probe_success|probe_duration_seconds|probe_http_status_code|probe_ssl_earliest_cert_expiry", probe="p${i}"}`;
		const tick = (delay) =>
			timers.push(
				setTimeout(async () => {
					const t0 = performance.now();
					const res = await request(
						`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`,
						{ dispatcher },
					).catch(() => undefined);
					await res?.body.json().catch(() => undefined);
					latencies.push(performance.now() - t0);
					if (!stopped) tick(intervalMs);
				}, delay),
			);
		tick(Math.random() * intervalMs);
	}
	await sleep(seconds * 1000);
	stopped = true;
	timers.forEach(clearTimeout);
	line(JSON.stringify({ ...stop(), queries: latencies.length, p99: p(latencies, 0.99) }));
	process.exit(0);
}

// Raw sockets, counting frames as bytes only: the readers' process must not be what is measured.
async function roleReaders(port, count) {
	const { connect } = await import('node:net');
	const { request, Agent } = await import('undici');
	const marker = Buffer.from('event: probes');
	let events = 0;
	let bytes = 0;
	const sockets = [];
	// In waves, each reader's opening snapshot (the whole status, about 1 MB) read before the next
	// wave: a thousand at once would be closed by serve's 32 MiB cap on unsent bytes, as readers
	// too slow, and fall back to polling, which is not what is measured here.
	const greeting = (
		await (await fetch(`http://127.0.0.1:${port}/_waymark/status.json`)).arrayBuffer()
	).byteLength;
	for (let wave = 0; wave < count; wave += 20) {
		const opened = [];
		for (let i = wave; i < Math.min(count, wave + 20); i++) {
			const socket = connect(port, '127.0.0.1', () =>
				socket.write(
					'GET /_waymark/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n',
				),
			);
			sockets.push(socket);
			let received = 0;
			opened.push(
				new Promise((resolve) => {
					socket.on('data', (chunk) => {
						received += chunk.length;
						if (received >= greeting) resolve();
						bytes += chunk.length;
						for (let at = chunk.indexOf(marker); at >= 0; at = chunk.indexOf(marker, at + 1))
							events++;
					});
					socket.on('close', resolve);
				}),
			);
		}
		await Promise.all(opened);
	}
	line(`connected ${sockets.filter((s) => !s.destroyed).length}`);
	const dispatcher = new Agent();
	const latencies = [];
	let polling = false;
	for await (const command of createInterface({ input: process.stdin })) {
		if (command === 'start') {
			polling = true;
			events = 0;
			bytes = 0;
			line('started');
			// status.json five times a second, as pages opening would ask it.
			void (async () => {
				while (polling) {
					const t0 = performance.now();
					const res = await request(`http://127.0.0.1:${port}/_waymark/status.json`, {
						dispatcher,
					});
					await res.body.arrayBuffer();
					latencies.push(performance.now() - t0);
					await sleep(200);
				}
			})();
		}
		if (command === 'stop') {
			polling = false;
			const open = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
			line(
				JSON.stringify({
					p50: p(latencies, 0.5),
					p99: p(latencies, 0.99),
					samples: latencies.length,
					events,
					bytes,
					open,
				}),
			);
		}
	}
}

function child(roleName, extra) {
	const flags =
		roleName === 'replica' ? (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean) : [];
	const proc = spawn(
		process.execPath,
		[...flags, self, `--role=${roleName}`, ...extra.map(String)],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const lines = createInterface({ input: proc.stdout });
	const next = () => once(lines, 'line').then(([l]) => l);
	return { proc, next, send: (text) => proc.stdin.write(`${text}\n`) };
}

/**
 * A day of the two series the exported rules record per probe (`waymark:probe_state`,
 * `waymark:probe_not_down`), every rule interval, ending where Prometheus starts recording them
 * itself: what `waymark serve` reads its history from. 2 % of the probe-locations fail for up to an
 * hour at some time of the day. The raw `probe_success` history is not read by any query, so it is
 * not stored.
 */
async function backfill(dir, end) {
	const file = join(dir, 'history.om');
	const out = createWriteStream(file);
	const write = (text) => (out.write(text) ? undefined : once(out, 'drain'));
	let seed = 42;
	const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
	const outages = Array.from({ length: probeCount }, () =>
		locations.map(() =>
			random() < 0.02 ? [end - random() * 86_400_000, random() * 3_600_000] : undefined,
		),
	);
	const failing = (i, t) => outages[i].filter((o) => o && t >= o[0] && t < o[0] + o[1]).length;
	for (const [name, value] of [
		['waymark:probe_state', (f) => (f > 0 ? 1 : 0) + (f >= locations.length ? 1 : 0)],
		['waymark:probe_not_down', (f) => (f < locations.length ? 1 : 0)],
	]) {
		await write(`# TYPE ${name} gauge\n`);
		for (let i = 0; i < probeCount; i++) {
			const lines = [];
			for (let t = end - 86_400_000; t <= end; t += intervalMs)
				lines.push(`${name}{probe="p${i}"} ${value(failing(i, t))} ${t / 1000}\n`);
			await write(lines.join(''));
		}
	}
	await write('# EOF\n');
	out.end();
	await once(out, 'finish');
	await promisify(execFile)(
		'/usr/bin/promtool',
		['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir, 'data')],
		{ maxBuffer: 64 * 1024 * 1024 },
	);
}

/** Prometheus's own counters: CPU, query API requests, engine evaluation time. */
async function prometheusCounters(prometheus) {
	const text = await (await fetch(`${prometheus.url}/metrics`)).text();
	const sum = (pattern) =>
		[...text.matchAll(pattern)].reduce((total, m) => total + Number(m[1]), 0);
	return {
		cpu: await cpuSeconds(prometheus.pid),
		queries: sum(
			/^prometheus_http_requests_total\{code="200",handler="\/api\/v1\/query(?:_range)?"\} (\S+)$/gm,
		),
		evalSeconds: sum(
			/^prometheus_engine_query_duration_seconds_sum\{slice="inner_eval"\} (\S+)$/gm,
		),
		evals: sum(/^prometheus_engine_query_duration_seconds_count\{slice="inner_eval"\} (\S+)$/gm),
	};
}

async function window(prometheus, seconds, during) {
	const before = await prometheusCounters(prometheus);
	const t0 = performance.now();
	const extra = await during(seconds);
	const wall = (performance.now() - t0) / 1000;
	const after = await prometheusCounters(prometheus);
	return {
		cpuShare: (after.cpu - before.cpu) / wall,
		queries: after.queries - before.queries,
		evalMs:
			(1000 * (after.evalSeconds - before.evalSeconds)) / Math.max(1, after.evals - before.evals),
		wall,
		...extra,
	};
}

async function main(seconds) {
	const { exportPrometheus } = await import('../export/prometheus.ts');
	line(
		`replicas: ${probeCount} http probes × ${locations.length} locations at ${intervalMs / 1000} s, 3 replicas (refresh ${refreshMs / 1000} s), ${readersPerReplica} event-stream readers each, ${seconds} s per window; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`,
	);
	const endpoints = child('endpoints', []);
	const port = Number(await endpoints.next());
	const list = probes(port);
	const site = { url: 'https://runbooks.bench', base: '/' };
	const first = exportPrometheus(list, {
		site,
		locations: locations.map((name) => ({ name, blackbox: '127.0.0.1:9115' })),
	});
	// ap-south cannot reach 2 % of the targets: their modules go through a port nothing listens on there.
	const refused = parse(first.files['blackbox.yml']);
	for (const [name, module] of Object.entries(refused.modules))
		if (Number(name.slice('waymark_p'.length)) % 50 === 3)
			module.http.proxy_url = 'http://127.0.0.1:9';
	const blackboxes = [];
	for (const location of locations)
		blackboxes.push(
			await startComponent('blackbox', {
				config: location === 'ap-south' ? stringify(refused) : first.files['blackbox.yml'],
			}),
		);
	const exported = exportPrometheus(list, {
		site,
		locations: locations.map((name, i) => ({ name, blackbox: new URL(blackboxes[i].url).host })),
	});
	const config = exported.files['prometheus.yml'];
	// Prometheus's folder gets the rules and the targets; blackbox.yml and NOTES.md are not its.
	const files = Object.fromEntries(
		Object.entries(exported.files).filter(
			([name]) => name !== 'prometheus.yml' && name !== 'blackbox.yml' && name !== 'NOTES.md',
		),
	);
	const liveFrom = Date.now();
	const t0 = performance.now();
	const prometheus = await startComponent('prometheus', {
		config,
		files,
		prepare: (dir) => backfill(dir, Math.floor(liveFrom / intervalMs) * intervalMs - intervalMs),
		deadlineMs: 900_000,
	});
	line(
		`backfilled a day of the recorded history (${2 * probeCount} series) and started Prometheus in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
	);
	for (;;) {
		const body = await (
			await fetch(`${prometheus.url}/api/v1/query?query=count(probe_success)`)
		).json();
		if (Number(body.data.result[0]?.value[1]) === probeCount * locations.length) break;
		await sleep(1000);
	}
	line('every target scraped from every location; measuring');

	const results = {};
	results.idle = await window(prometheus, seconds, (s) => sleep(s * 1000));
	results.naive = await window(prometheus, seconds, async (s) => {
		const naive = [0, 1, 2].map(() => child('naive', [prometheus.url, s]));
		return { naive: await Promise.all(naive.map(async (n) => JSON.parse(await n.next()))) };
	});
	const replicas = [0, 1, 2].map(() => child('replica', [port, prometheus.url]));
	const ports = await Promise.all(
		replicas.map(async (r) => Number((await r.next()).split(' ')[1])),
	);
	const readers = ports.map((replicaPort) => child('readers', [replicaPort, readersPerReplica]));
	await Promise.all(readers.map((r) => r.next()));
	// One refresh with the readers on, then measure.
	await sleep(refreshMs);
	const all = [...replicas, ...readers];
	results.waymark = await window(prometheus, seconds, async (s) => {
		for (const r of all) r.send('start');
		await Promise.all(all.map((r) => r.next()));
		await sleep(s * 1000);
		for (const r of all) r.send('stop');
		const answers = await Promise.all(all.map(async (r) => JSON.parse(await r.next())));
		return { replicas: answers.slice(0, 3), reading: answers.slice(3) };
	});
	for (const c of all) c.proc.kill();
	// Each distinct query alone, as first asked (the first change search covers the whole day), five times.
	results.costs = [];
	for (const path of results.waymark.replicas[0].asked) {
		const before = await cpuSeconds(prometheus.pid);
		const t0 = performance.now();
		let size = 0;
		for (let i = 0; i < 5; i++)
			size = (await (await fetch(new URL(path, prometheus.url))).arrayBuffer()).byteLength;
		results.costs.push({
			path,
			cpuMs: ((await cpuSeconds(prometheus.pid)) - before) * 200,
			wallMs: (performance.now() - t0) / 5,
			size,
		});
	}
	results.idleAfter = await window(prometheus, Math.min(seconds, 60), (s) => sleep(s * 1000));
	endpoints.proc.kill();
	await prometheus.stop();
	for (const b of blackboxes) await b.stop();

	const idle = (results.idle.cpuShare + results.idleAfter.cpuShare) / 2;
	const { replicas: reps, reading } = results.waymark;
	const perRefresh = reps.map((r) => r.queries / Math.max(1, r.refreshes));
	line(
		renderTable(
			[
				'window',
				'Prometheus CPU (share of one core)',
				'above ingest only',
				'query API requests',
				'per second',
				'mean evaluation',
			],
			[
				[
					'ingest and rules only (before)',
					`${(results.idle.cpuShare * 100).toFixed(2)} %`,
					'–',
					String(results.idle.queries),
					'–',
					'–',
				],
				[
					'3 readers, one query per probe per interval (before)',
					`${(results.naive.cpuShare * 100).toFixed(2)} %`,
					`${((results.naive.cpuShare - idle) * 100).toFixed(2)} %`,
					String(results.naive.queries),
					(results.naive.queries / results.naive.wall).toFixed(1),
					`${results.naive.evalMs.toFixed(2)} ms`,
				],
				[
					'3 waymark replicas, 1,000 readers each',
					`${(results.waymark.cpuShare * 100).toFixed(2)} %`,
					`${((results.waymark.cpuShare - idle) * 100).toFixed(2)} %`,
					String(results.waymark.queries),
					(results.waymark.queries / results.waymark.wall).toFixed(2),
					`${results.waymark.evalMs.toFixed(2)} ms`,
				],
				[
					'ingest and rules only (after)',
					`${(results.idleAfter.cpuShare * 100).toFixed(2)} %`,
					'–',
					String(results.idleAfter.queries),
					'–',
					'–',
				],
			],
		),
	);
	line(
		renderTable(
			[
				'replica',
				'queries / refresh',
				'refreshes',
				'CPU (share of one core)',
				'peak RSS',
				'readers',
				'states',
				'status.json',
			],
			reps.map((r, i) => [
				String(i + 1),
				perRefresh[i].toFixed(2),
				String(r.refreshes),
				`${(r.cpuShare * 100).toFixed(2)} %`,
				formatBytes(r.peakRss),
				String(r.clients),
				Object.entries(r.states)
					.map(([k, v]) => `${v} ${k}`)
					.join(', '),
				formatBytes(r.statusBytes),
			]),
		),
	);
	line(
		renderTable(
			[
				'replica',
				'status.json p50',
				'status.json p99',
				'requests',
				'readers open at the end',
				'probes events received',
				'per reader per refresh',
			],
			reading.map((r, i) => [
				String(i + 1),
				`${r.p50.toFixed(1)} ms`,
				`${r.p99.toFixed(1)} ms`,
				String(r.samples),
				String(r.open),
				String(r.events),
				formatBytes(r.bytes / readersPerReplica / Math.max(1, reps[i].refreshes)),
			]),
		),
	);
	line(
		renderTable(
			['query (as first asked)', 'Prometheus CPU per query', 'wall', 'answer'],
			results.costs.map((c) => {
				const url = new URL(c.path, 'http://x');
				const range = url.pathname.endsWith('query_range')
					? ` (range, ${((Number(url.searchParams.get('end')) - Number(url.searchParams.get('start'))) / 60).toFixed(0)} min every ${url.searchParams.get('step')} s)`
					: '';
				return [
					`\`${(url.searchParams.get('query') ?? '').slice(0, 120)}\`${range}`,
					`${c.cpuMs.toFixed(0)} ms`,
					`${c.wallMs.toFixed(0)} ms`,
					formatBytes(c.size),
				];
			}),
		),
	);
	const naiveP99 = Math.max(...results.naive.naive.map((n) => n.p99));
	line(
		`naive readers: ${results.naive.naive.reduce((t, n) => t + n.queries, 0)} queries, p99 ${naiveP99.toFixed(1)} ms`,
	);
	line(
		`Prometheus CPU above ingest: waymark / naive ${((results.waymark.cpuShare - idle) / Math.max(1e-9, results.naive.cpuShare - idle)).toFixed(2)}×; queries: ${(results.waymark.queries / Math.max(1, results.naive.queries)).toFixed(4)}×`,
	);
	line(
		`load average at end: ${loadavg()[0].toFixed(1)} (figures from a busy machine are upper bounds)`,
	);
	process.exit(0);
}

const roles = {
	main: () => main(Number(args[0] ?? 120)),
	endpoints: roleEndpoints,
	replica: () => roleReplica(Number(args[0]), args[1]),
	naive: () => roleNaive(args[0], Number(args[1])),
	readers: () => roleReaders(Number(args[0]), Number(args[1])),
};
await roles[role]();

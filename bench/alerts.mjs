#!/usr/bin/env node
// Alerts benchmark, two parts.
// 1. `alert-runbooks` on 10,000 alerting rules (100 rule files) over a generated 2,000-page tree,
//    1 % of runbook_urls to a missing page and 1 % to a missing heading (the answer key), against a
//    naive per-URL HTTP check like pint's `rule/link`: one GET per runbook_url (rewritten to a
//    loopback server serving the site's routes, answering at once and after 50 ms as a docs host
//    across a network would), 16 at a time, status code only. Each side runs in
//    its own process, measured from outside (wall, CPU, peak RSS of the process tree).
// 2. 500 firing alerts (100 alert names × 5 instances, each name on its own runbook page) from a
//    loopback stand-in Alertmanager, polled by `waymark serve`'s poller every second and fanned out
//    to 1,000 event-stream clients (raw sockets in another process): delivery latency from the
//    poller's answer (`checkedAt`) to the complete `alerts` frame at each client, over 10 changes.
// Usage: node bench/alerts.mjs [--rules 10000] [--pages 2000] [--clients 1000] [--changes 10]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { createRandom } from './lib/prng.mjs';
import { formatBytes, renderTable } from './lib/report.mjs';

const self = fileURLToPath(import.meta.url);
const tmp = fileURLToPath(new URL('.tmp/alerts/', import.meta.url));
const { values: args, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		role: { type: 'string', default: 'main' },
		rules: { type: 'string', default: '10000' },
		pages: { type: 'string', default: '2000' },
		clients: { type: 'string', default: '1000' },
		changes: { type: 'string', default: '10' },
	},
});
const siteUrl = 'https://runbooks.bench.example';
const line = (text) => process.stdout.write(`${text}\n`);
const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
};

// --- part 1: the tree, the rules and the answer key ---------------------------------------------
async function prepareRules(root, ruleCount) {
	const { loadGuidebookTree } = await import('../tree/load-tree.ts');
	const tree = await loadGuidebookTree(root);
	const pages = [...tree.pages.values()];
	const { pick } = createRandom(20261122);
	const files = Math.ceil(ruleCount / 100);
	const key = { missingPage: 0, missingHeading: 0 };
	const dir = join(root, '..', 'monitoring');
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	for (let f = 0; f < files; f++) {
		const lines = ['groups:', `  - name: bench-${f}`, '    rules:'];
		for (let r = 0; r < 100 && f * 100 + r < ruleCount; r++) {
			const n = f * 100 + r;
			const page = pick(pages);
			const anchors = [...page.anchors];
			let url = `${siteUrl}${page.route}${anchors.length > 0 ? `#${pick(anchors)}` : ''}`;
			if (n % 100 === 37) {
				url = `${siteUrl}${page.route}gone-${n}/`;
				key.missingPage++;
			} else if (n % 100 === 71) {
				url = `${siteUrl}${page.route}#no-such-heading-${n}`;
				key.missingHeading++;
			}
			lines.push(
				`      - alert: BenchAlert${n}`,
				`        expr: up{job="bench-${n % 250}"} == 0`,
				'        for: 5m',
				'        labels: { severity: warning }',
				'        annotations:',
				`          summary: Bench alert ${n}`,
				`          runbook_url: '${url}'`,
			);
		}
		await writeFile(
			join(dir, `bench-${String(f).padStart(3, '0')}.rules.yml`),
			`${lines.join('\n')}\n`,
		);
	}
	// What a static host serves for each route: the page with an id per heading.
	const site = Object.fromEntries(
		pages.map((page) => [
			page.route,
			`<!doctype html><title>${page.title}</title>${[...page.anchors].map((a) => `<h2 id="${a}">${a}</h2>`).join('')}`,
		]),
	);
	await writeFile(join(root, '..', 'site.json'), JSON.stringify(site));
	return { key, pages: pages.length };
}

async function roleWaymark(root) {
	const started = performance.now();
	const { runChecks } = await import('../checks/engine.ts');
	const { parseConfig } = await import('../config/load-config.ts');
	const { rules } = await import('../checks/rules/index.ts');
	const { loadGuidebookTree } = await import('../tree/load-tree.ts');
	const { loadAlertSources } = await import('../alerts/load-alerts.ts');
	const config = parseConfig({
		site: { url: siteUrl },
		alerts: { rules: ['../monitoring/*.rules.yml'] },
	});
	const t0 = performance.now();
	const tree = await loadGuidebookTree(root);
	const t1 = performance.now();
	const alerts = await loadAlertSources(config, root);
	const t2 = performance.now();
	const report = await runChecks({
		root,
		config,
		tree,
		alerts,
		rules: { 'alert-runbooks': rules['alert-runbooks'] },
	});
	const t3 = performance.now();
	const errors = report.findings.filter((f) => f.severity === 'error');
	line(
		JSON.stringify({
			ms: Math.round(performance.now() - started),
			treeMs: Math.round(t1 - t0),
			rulesMs: Math.round(t2 - t1),
			checkMs: Math.round(t3 - t2),
			missingPage: errors.filter((f) => f.message.includes('matches no page')).length,
			missingHeading: errors.filter((f) => f.message.includes('missing heading')).length,
			withLine: errors.filter((f) => f.position).length,
		}),
	);
}

async function roleSite(delayMs) {
	const { readFile } = await import('node:fs/promises');
	const site = JSON.parse(await readFile(join(tmp, 'site.json'), 'utf8'));
	const server = createServer((req, res) => {
		const route = decodeURIComponent((req.url ?? '/').split('?')[0]);
		const page = site[route] ?? site[`${route}/`];
		const answer = () =>
			res
				.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
				.end(page ?? 'Not found');
		if (delayMs > 0) setTimeout(answer, delayMs);
		else answer();
	});
	server.keepAliveTimeout = 60_000;
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	line(String(server.address().port));
}

/** pint's `rule/link`, reduced to its cost: read the rule files, GET every runbook_url (rewritten to the site's loopback address), keep non-2xx. */
async function roleNaive(port) {
	const started = performance.now();
	const { readdir, readFile } = await import('node:fs/promises');
	const { parse } = await import('yaml');
	const { Agent, request } = await import('undici');
	const { default: pLimit } = await import('p-limit');
	const dir = join(tmp, 'monitoring');
	const urls = [];
	for (const file of (await readdir(dir)).sort()) {
		for (const group of parse(await readFile(join(dir, file), 'utf8')).groups)
			for (const rule of group.rules)
				if (rule.annotations?.runbook_url) urls.push(rule.annotations.runbook_url);
	}
	const dispatcher = new Agent({ connections: 16 });
	const limit = pLimit(16);
	let broken = 0;
	await Promise.all(
		urls.map((url) =>
			limit(async () => {
				const res = await request(
					url.replace(siteUrl, `http://127.0.0.1:${port}`).replace(/#.*$/, ''),
					{ dispatcher },
				);
				await res.body.dump();
				if (res.statusCode >= 400) broken++;
			}),
		),
	);
	await dispatcher.close();
	line(
		JSON.stringify({ ms: Math.round(performance.now() - started), requests: urls.length, broken }),
	);
}

// --- part 2: 500 firing alerts to 1,000 event-stream clients ------------------------------------
async function roleAlertmanager() {
	let generation = 0;
	const startsAt = new Date(Date.now() - 3_600_000).toISOString();
	const alerts = () =>
		Array.from({ length: 500 }, (_, i) => ({
			labels: {
				alertname: `BenchAlert${i % 100}`,
				severity: i % 7 === 0 ? 'critical' : 'warning',
				instance: `host-${i}.bench.example:9100`,
				job: 'node',
				generation: String(generation),
			},
			annotations: {
				summary: `Bench alert ${i % 100} on host-${i}`,
				runbook_url: `${siteUrl}/bench/page-${i % 100}/#what-to-do`,
			},
			startsAt,
			endsAt: new Date(Date.now() + 240_000).toISOString(),
			updatedAt: new Date().toISOString(),
			fingerprint: `${i}`,
			status: { state: 'active', silencedBy: [], inhibitedBy: [] },
		}));
	const server = createServer((_req, res) =>
		res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(alerts())),
	);
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	line(String(server.address().port));
	for await (const command of createInterface({ input: process.stdin }))
		if (command === 'change') generation++;
}

async function roleSseServer(amPort) {
	const { createLiveStatus } = await import('../server/live-status.ts');
	const { openHistoryStore } = await import('../server/history-store.ts');
	const { startAlertsPoller } = await import('../server/alerts-poller.ts');
	const { createResolver } = await import('../network/resolver.ts');
	const { startServer } = await import('../core/static-site.ts');
	const manifest = {
		version: 1,
		site: { url: siteUrl, base: '/' },
		pages: Object.fromEntries(
			Array.from({ length: 100 }, (_, i) => [`/bench/page-${i}/`, `Bench page ${i}`]),
		),
		alerts: {},
	};
	let poller;
	const live = createLiveStatus({
		probes: [],
		io: { resolver: createResolver() },
		store: openHistoryStore(':memory:'),
		concurrency: 1,
		maxEventClients: 1100,
		schedule: false,
		alerts: () => poller.snapshot(),
	});
	poller = startAlertsPoller({
		endpoint: { url: `http://127.0.0.1:${amPort}`, headers: {}, pollInterval: '1s' },
		manifest,
		onUpdate: (snapshot, changed) => live.publishAlerts(snapshot, changed),
	});
	await mkdir(tmp, { recursive: true });
	const server = await startServer({
		dir: tmp,
		port: 0,
		host: '127.0.0.1',
		handlers: [live.handler],
	});
	const before = process.memoryUsage.rss();
	let peak = before;
	setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
	line(`port ${new URL(server.url).port}`);
	for await (const command of createInterface({ input: process.stdin })) {
		if (command === 'stats')
			line(
				JSON.stringify({
					rssBefore: before,
					peakRss: peak,
					clients: live.hub.size,
					bytes: JSON.stringify(poller.snapshot()).length,
				}),
			);
	}
}

// Raw sockets, bytes never decoded but a frame's first 120: 1,000 clients share one process, and
// what is measured must be the server's delivery, not this process decoding 115 MB per change.
async function roleSseClients(port, count, changes) {
	const { connect } = await import('node:net');
	const latencies = [];
	let connected = 0;
	let done = 0;
	for (let i = 0; i < count; i++) {
		const socket = connect(port, '127.0.0.1', () =>
			socket.write(
				'GET /_waymark/events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n',
			),
		);
		let head = '';
		let lastWasNewline = false;
		let frames = 0;
		let first = true;
		const complete = (now) => {
			if (head.startsWith('event: alerts\n')) {
				const checkedAt = /"checkedAt":"([^"]+)"/.exec(head)?.[1];
				if (checkedAt) latencies.push(now - Date.parse(checkedAt));
				if (++frames === changes && ++done === count)
					line(
						JSON.stringify({
							p50: percentile(latencies, 0.5),
							p99: percentile(latencies, 0.99),
							max: percentile(latencies, 1),
							samples: latencies.length,
						}),
					);
			}
			head = '';
		};
		socket.on('data', (chunk) => {
			const now = Date.now();
			if (first) {
				first = false;
				if (++connected === count) line('connected');
			}
			let at = 0;
			// A blank line split across two chunks.
			if (lastWasNewline && chunk[0] === 10) {
				complete(now);
				at = 1;
			}
			for (;;) {
				const end = chunk.indexOf('\n\n', at);
				const stop = end === -1 ? chunk.length : end;
				if (head.length < 120)
					head += chunk.toString('latin1', at, Math.min(stop, at + 120 - head.length));
				if (end === -1) break;
				complete(now);
				at = end + 2;
			}
			lastWasNewline = chunk.length > at && chunk[chunk.length - 1] === 10;
		});
	}
}

function child(role, extra = []) {
	const proc = spawn(process.execPath, [self, `--role=${role}`, ...extra.map(String)], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const lines = createInterface({ input: proc.stdout });
	return { proc, next: () => once(lines, 'line').then(([l]) => l) };
}

async function main() {
	const ruleCount = Number(args.rules);
	const pageCount = Number(args.pages);
	const clients = Number(args.clients);
	const changes = Number(args.changes);
	line(
		`alerts bench: ${ruleCount} rules over ${pageCount} pages; ${clients} event-stream clients, ${changes} changes of 500 firing alerts; ${cpus().length} cores, ${formatBytes(totalmem())}, Node ${process.versions.node}, load ${loadavg()[0].toFixed(1)} at start`,
	);
	await rm(tmp, { recursive: true, force: true });
	const root = join(tmp, 'guidebooks');
	await generateGuidebookTree(root, { pages: pageCount });
	const { key, pages } = await prepareRules(root, ruleCount);
	line(
		`tree: ${pages} pages; answer key: ${key.missingPage} runbook_urls to a missing page, ${key.missingHeading} to a missing heading`,
	);

	const ours = await measureProcess(process.execPath, [self, '--role=waymark', root], {
		cwd: tmp,
		logFile: join(tmp, 'waymark.log'),
	});
	const oursResult = JSON.parse(
		(await import('node:fs'))
			.readFileSync(join(tmp, 'waymark.log'), 'utf8')
			.trim()
			.split('\n')
			.at(-1),
	);
	const naiveRuns = [];
	// Loopback answers at once; a docs host across a network answers in tens of milliseconds.
	for (const delayMs of [0, 50]) {
		const site = child('site', [delayMs]);
		const port = Number(await site.next());
		const measured = await measureProcess(process.execPath, [self, '--role=naive', String(port)], {
			cwd: tmp,
			logFile: join(tmp, 'naive.log'),
		});
		naiveRuns.push({
			delayMs,
			measured,
			result: JSON.parse(
				(await import('node:fs'))
					.readFileSync(join(tmp, 'naive.log'), 'utf8')
					.trim()
					.split('\n')
					.at(-1),
			),
		});
		site.proc.kill();
	}
	const [{ measured: naive }] = naiveRuns;
	line(
		renderTable(
			[
				'side',
				'wall',
				'CPU',
				'peak RSS',
				'missing pages found',
				'missing headings found',
				'requests',
			],
			[
				[
					`waymark \`alert-runbooks\` (reads and parses the ${pages} pages, maps every runbook_url)`,
					`${(ours.wallMs / 1000).toFixed(2)} s`,
					`${(ours.cpuMs / 1000).toFixed(2)} s`,
					formatBytes(ours.peakRssBytes),
					`${oursResult.missingPage} / ${key.missingPage}`,
					`${oursResult.missingHeading} / ${key.missingHeading}`,
					'0',
				],
				...naiveRuns.map(({ delayMs, measured, result }) => [
					`naive GET per runbook_url (pint \`rule/link\` style, 16 at a time), site answering in ${delayMs} ms`,
					`${(measured.wallMs / 1000).toFixed(2)} s`,
					`${(measured.cpuMs / 1000).toFixed(2)} s`,
					formatBytes(measured.peakRssBytes),
					`${result.broken} / ${key.missingPage}`,
					`0 / ${key.missingHeading}`,
					String(result.requests),
				]),
			],
		),
	);
	line(
		`waymark in-process: tree ${oursResult.treeMs} ms, rule files ${oursResult.rulesMs} ms, alert-runbooks ${oursResult.checkMs} ms (plus start-up)`,
	);
	line(
		`ratios waymark/naive (0 ms site): wall ${(ours.wallMs / naive.wallMs).toFixed(2)}×, CPU ${(ours.cpuMs / naive.cpuMs).toFixed(2)}×, memory ${(ours.peakRssBytes / naive.peakRssBytes).toFixed(2)}×; every waymark finding has a file:line: ${oursResult.withLine === oursResult.missingPage + oursResult.missingHeading}`,
	);

	const am = child('alertmanager');
	const amPort = Number(await am.next());
	const server = child('sse-server', [amPort]);
	const ssePort = Number((await server.next()).split(' ')[1]);
	const sse = child('sse-clients', [ssePort, clients, changes]);
	await sse.next();
	const result = sse.next();
	for (let i = 0; i < changes; i++) {
		am.proc.stdin.write('change\n');
		await new Promise((r) => setTimeout(r, 2000));
	}
	const fanout = JSON.parse(await result);
	server.proc.stdin.write('stats\n');
	const stats = JSON.parse(await server.next());
	for (const c of [am, server, sse]) c.proc.kill();
	line(
		renderTable(
			[
				'firing alerts',
				'event-stream clients',
				'alerts frame',
				'server RSS before',
				'server peak RSS',
				'delivery p50',
				'delivery p99',
				'max',
				'frames timed',
			],
			[
				[
					'500',
					String(stats.clients),
					formatBytes(stats.bytes),
					formatBytes(stats.rssBefore),
					formatBytes(stats.peakRss),
					`${fanout.p50} ms`,
					`${fanout.p99} ms`,
					`${fanout.max} ms`,
					String(fanout.samples),
				],
			],
		),
	);
	line(`load average at end: ${loadavg()[0].toFixed(1)}`);
}

const roles = {
	main,
	waymark: () => roleWaymark(positionals[0]),
	site: () => roleSite(Number(positionals[0] ?? 0)),
	naive: () => roleNaive(Number(positionals[0])),
	alertmanager: roleAlertmanager,
	'sse-server': () => roleSseServer(Number(positionals[0])),
	'sse-clients': () =>
		roleSseClients(Number(positionals[0]), Number(positionals[1]), Number(positionals[2])),
};
await roles[args.role]();

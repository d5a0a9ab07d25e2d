// `waymark serve` against issue 25's hostile answers and readers, end to end: a fake Alertmanager
// and Prometheus on loopback, a site built by `waymark build` (100 probes on a runbook page, a
// rule file, a Prometheus whose `/api/v1/rules` holds a numeric `runbook_url`), then `waymark
// serve` polling every second through each answer that ended it before (numeric `runbook_url` and
// `startsAt`, labels nested 100,000 deep, label values that are not text, 60,000 firing alerts),
// and finally N event-stream clients that never read while every poll changes a 230 KiB snapshot.
// Goals: build exits 0; every runbook page answers 200 within a second, under 1 MB; serve's RSS
// flat under stalled readers (the last half of the run grows < 5 MB a minute).
// Usage: node bench/serve-hostile.mjs [--cli DIR] [--clients 500] [--seconds 180] [--readers-only]
// `--cli` runs another checkout's CLI (with its node_modules) on the same site: the baseline;
// `--readers-only` skips the hostile answers (a baseline that ends on the first one).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
	const at = argv.indexOf(`--${name}`);
	return at === -1 ? fallback : argv[at + 1];
};
const cliDir = resolve(option('cli', fileURLToPath(new URL('..', import.meta.url))));
const clients = Number(option('clients', 500));
const seconds = Number(option('seconds', 180));
const node = join(cliDir, 'node_modules/.bin/node');
const cli = join(cliDir, 'cli/main.ts');
const dir = fileURLToPath(new URL('.tmp/serve-hostile/', import.meta.url));
const line = (text) => process.stdout.write(`${text}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The fake: `/api/v2/alerts` answers `alertsBody`, `/api/v1/rules` a rule with a numeric runbook_url, `/ok` the probes.
let alertsBody = '[]';
const fake = createServer((req, res) => {
	const path = (req.url ?? '/').split('?')[0];
	if (path === '/ok') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
	if (path === '/api/v1/rules') {
		const rule = (url) => ({
			type: 'alerting',
			name: 'ErpDown',
			query: 'up == 0',
			duration: 300,
			labels: {},
			annotations: { runbook_url: url },
			health: 'ok',
		});
		return void res.writeHead(200, { 'content-type': 'application/json' }).end(
			JSON.stringify({
				status: 'success',
				data: {
					groups: [
						{
							name: 'g',
							file: '/etc/p.yml',
							rules: [rule(404), rule('https://runbooks.test/db/')],
						},
					],
				},
			}),
		);
	}
	if (path === '/api/v2/alerts')
		return void res.writeHead(200, { 'content-type': 'application/json' }).end(alertsBody);
	res.writeHead(404).end();
});
await new Promise((r) => fake.listen(0, '127.0.0.1', r));
const api = `http://127.0.0.1:${fake.address().port}`;

rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'docs/db'), { recursive: true });
mkdirSync(join(dir, 'rules'));
const config = join(dir, 'waymark.config.yaml');
writeFileSync(
	config,
	`root: docs\nsite: { url: 'https://runbooks.test' }\nalerts:\n  rules: ['../rules/*.yml']\n  prometheus: { url: '${api}' }\n  alertmanager: { url: '${api}', pollInterval: 1s }\n`,
);
writeFileSync(
	join(dir, 'rules/r.yml'),
	"groups:\n  - name: db\n    rules:\n      - alert: DiskFull\n        expr: disk > 0.9\n        annotations: { runbook_url: 'https://runbooks.test/db/#disk-full' }\n",
);
writeFileSync(join(dir, 'docs/README.md'), '# Home\n\n[DB](db/)\n');
const ids = Array.from({ length: 100 }, (_, i) => `p${i}`);
writeFileSync(
	join(dir, 'docs/db/README.md'),
	`---\nprobes:\n${ids.map((id) => `  - { id: ${id}, name: ${id}, http: '${api}/ok', interval: 10s }\n`).join('')}---\n# Database\n\n## Disk full\n\n${ids.map((id) => `:status{probe=${id}}\n`).join('')}`,
);

line(
	`serve-hostile: CLI ${cliDir}, ${clients} stalled readers for ${seconds} s, load ${loadavg()
		.map((n) => n.toFixed(1))
		.join(' ')}`,
);
const build = spawn(node, [cli, 'build', '--config', config], {
	stdio: ['ignore', 'pipe', 'pipe'],
});
let buildOutput = '';
build.stdout.on('data', (c) => (buildOutput += c));
build.stderr.on('data', (c) => (buildOutput += c));
const [buildExit] = await once(build, 'exit');
line(
	`build: exit ${buildExit}; ${(/(Unexpected [^\n]*\/api\/v1\/rules[^\n]*|template\.trim[^\n]*)/.exec(buildOutput)?.[1] ?? 'no line about the rule').slice(0, 160)}`,
);
if (buildExit !== 0) {
	// A baseline that cannot build with that Prometheus still serves the site built without it.
	writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {2}prometheus:.*\n/m, ''));
	const [again] = await once(
		spawn(node, [cli, 'build', '--config', config], { stdio: 'ignore' }),
		'exit',
	);
	line(`build without alerts.prometheus: exit ${again}`);
}

const diskFull = {
	labels: { alertname: 'DiskFull', severity: 'critical' },
	annotations: { runbook_url: 'https://runbooks.test/db/#disk-full' },
	startsAt: '2026-11-22T05:58:00Z',
	status: { state: 'active' },
};
alertsBody = JSON.stringify([diskFull]);
const serve = spawn(
	node,
	[cli, 'serve', '--config', config, '--port', '0', '--host', '127.0.0.1'],
	{ env: { ...process.env, NO_COLOR: '1' } },
);
let output = '';
serve.stdout.on('data', (c) => (output += c));
serve.stderr.on('data', (c) => (output += c));
let exited;
serve.on('exit', (code, signal) => (exited = code ?? signal));
let url = '';
for (let i = 0; i < 300 && !url && exited === undefined; i++) {
	await sleep(100);
	url = /Serving .* on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
}
const rssMiB = () =>
	Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serve.pid}/status`, 'utf8'))[1]) / 1024;

async function runbookPage() {
	const started = performance.now();
	try {
		const response = await fetch(`${url}db/`, { signal: AbortSignal.timeout(30_000) });
		const text = await response.text();
		const now = /data-alert="DiskFull"[\s\S]*?wm-now-text">([^<]*)/.exec(text)?.[1];
		const more = /and \d+ more[^<]*/.exec(text)?.[0];
		return `HTTP ${response.status}, ${(text.length / 1024).toFixed(0)} KiB, ${(performance.now() - started).toFixed(0)} ms, "${now}"${more ? `, "${more}"` : ''}`;
	} catch (error) {
		return `no answer after ${(performance.now() - started).toFixed(0)} ms (${error.message})`;
	}
}

const deep = (n) => `${'{"a":'.repeat(n)}"x"${'}'.repeat(n)}`;
const attacks = [
	['valid', JSON.stringify([diskFull])],
	['numeric runbook_url', JSON.stringify([{ ...diskFull, annotations: { runbook_url: 404 } }])],
	['numeric startsAt', JSON.stringify([{ ...diskFull, startsAt: 1764000000 }])],
	['labels nested 100,000 deep', `[{"labels":{"alertname":"DiskFull","x":${deep(100_000)}}}]`],
	[
		'label values not text',
		JSON.stringify([
			{ ...diskFull, labels: { alertname: 'DiskFull', severity: 2, instance: ['db1'] } },
		]),
	],
	[
		'60,000 firing alerts',
		JSON.stringify([
			diskFull,
			...Array.from({ length: 60_000 }, (_, i) => ({
				labels: { alertname: `Flood${i}`, instance: `host${i}` },
				annotations: { runbook_url: 'https://runbooks.test/db/' },
				startsAt: '2026-11-22T06:00:00Z',
			})),
		]),
	],
	['valid again', JSON.stringify([diskFull])],
];
for (const [name, body] of argv.includes('--readers-only') ? [] : attacks) {
	if (exited !== undefined) break;
	alertsBody = body;
	await sleep(3500);
	line(
		`${name}: ${exited !== undefined ? `serve ended (exit ${exited})` : `${await runbookPage()}; again: ${await runbookPage()}; RSS ${rssMiB().toFixed(0)} MiB`}`,
	);
}

if (exited === undefined) {
	// 50 alerts of 3.5 KB of labels, within every limit, a new `round` label each second: every poll
	// broadcasts the same-sized snapshot to every stream, whatever the version of serve.
	const flood = (round) =>
		JSON.stringify([
			diskFull,
			...Array.from({ length: 50 }, (_, j) => ({
				labels: {
					alertname: `Flood${j}`,
					round: String(round),
					...Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`l${k}`, 'v'.repeat(350)])),
				},
				annotations: { runbook_url: 'https://runbooks.test/db/' },
				startsAt: '2026-11-22T06:00:00Z',
			})),
		]);
	const sockets = Array.from({ length: clients }, () => {
		const socket = connect(Number(new URL(url).port), '127.0.0.1');
		socket.pause();
		socket.on('error', () => {});
		socket.write('GET /_waymark/events HTTP/1.1\r\nHost: x\r\n\r\n');
		return socket;
	});
	const samples = [];
	for (let t = 0; t <= seconds && exited === undefined; t++) {
		alertsBody = flood(t);
		if (t % 10 === 0) samples.push([t, rssMiB()]);
		await sleep(1000);
	}
	const half = samples.filter(([t]) => t >= seconds / 2);
	const slope =
		half.length > 1 ? ((half.at(-1)[1] - half[0][1]) / (half.at(-1)[0] - half[0][0])) * 60 : NaN;
	line(`stalled readers: RSS MiB ${samples.map(([t, m]) => `${t}s ${m.toFixed(0)}`).join(', ')}`);
	line(
		`stalled readers: last half ${slope.toFixed(1)} MiB/min; streams closed: ${(output.match(/closed (\d+) event stream/g) ?? []).reduce((n, l) => n + Number(/\d+/.exec(l)[0]), 0)}; runbook page: ${await runbookPage()}`,
	);
	for (const socket of sockets) socket.destroy();
}
line(
	`serve: ${exited === undefined ? 'still serving' : `ended (exit ${exited})`}; ${/TypeError[^\n]*|RangeError[^\n]*/.exec(output)?.[0] ?? 'no TypeError or RangeError in its output'}`,
);
serve.kill('SIGTERM');
if (exited === undefined) await once(serve, 'exit');
fake.close();

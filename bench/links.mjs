#!/usr/bin/env node
// External-link benchmark: a loopback "web" of several hosts (one port each, served by a child
// process: ordinary hosts, a slow host with 10 pages at --slow-ms each, a rate-limited host that
// answers 429 Retry-After: 1 above 3 requests in flight, and a port that refuses connections) and
// ~3,000 links over 300 generated pages, checked by Waymark and by linkinator side by side in one
// run. lychee is not on the npm registry (`npm view @lycheeverse/lychee` and `lychee-bin`: 404; the
// npm package `lychee` is an unrelated database library), so it is not compared here. Reports wall time, requests sent, most requests in flight to one host (counted
// by the server), true dead links found and false positives against the answer key, and Waymark's
// warm re-run. linkinator crawls the same links as 300 HTML pages (one per Markdown page) from its
// own static server: the fair equivalent of Waymark reading the Markdown from disk.
// Each side runs --runs times, interleaved (the cache emptied before each cold run); walls are
// medians, counts come from the last run (they are deterministic).
// Usage: node bench/links.mjs [--hosts 20] [--pages 300] [--slow-ms 3000] [--runs 3] [--seed N] [--assert]
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LinkChecker, LinkState } from 'linkinator';
import { Agent } from 'undici';
import { createRandom } from './lib/prng.mjs';
import { median, renderTable } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/links');
const { values: args } = parseArgs({
	options: {
		hosts: { type: 'string', default: '20' },
		pages: { type: 'string', default: '300' },
		'slow-ms': { type: 'string', default: '3000' },
		seed: { type: 'string', default: '20261121' },
		runs: { type: 'string', default: '3' },
		assert: { type: 'boolean', default: false },
	},
});
const runs = Number(args.runs);
const hostCount = Number(args.hosts);
const pageCount = Number(args.pages);
const slowMs = Number(args['slow-ms']);
const goals = { coldVsFloor: 1.2, coldVsLinkinator: 1.0 };

// --- the web -------------------------------------------------------------------------------
const web = fork(join(repo, 'bench/links-web.mjs'), [], {
	stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
web.send({ hosts: hostCount, slowMs });
const [{ ports, slow, limited, closed }] =
	/** @type {[{ ports: number[]; slow: number; limited: number; closed: number }]} */ (
		await once(web, 'message')
	);
const allPorts = [...ports, slow, limited, closed];
/** @returns {Promise<{ requests: number; connections: number; heads: number; gets: number; bytes: number; throttled: number; perHost: Record<string, number>; maxInFlight: Record<string, number> }>} */
const webStats = async () => {
	web.send('stats');
	const [stats] = await once(web, 'message');
	return stats;
};

// --- the URL pool and its answer key --------------------------------------------------------
/** @type {string[]} */
const pool = [];
const dead = new Set();
ports.forEach((port, h) => {
	const o = `http://127.0.0.1:${port}`;
	const add = (/** @type {string} */ kind, /** @type {number} */ count, isDead = false) => {
		for (let i = 0; i < count; i++) {
			pool.push(`${o}/${kind}/${i}`);
			if (isDead) dead.add(`${o}/${kind}/${i}`);
		}
	};
	add('ok', 40);
	add('nohead', 2);
	add('temp', 2);
	add('moved', 1);
	add('dead', 2, true);
	add('gone', 1, true);
	add('bot', 1);
	for (let i = 0; i < 2; i++) pool.push(`${o}/anchors/${i}#present`);
	pool.push(`${o}/anchors/0#missing`);
	dead.add(`${o}/anchors/0#missing`);
	if (h % 3 === 0) add('throttle', 1);
	if (h % 3 === 1) add('busy', 1);
});
for (let i = 0; i < 10; i++) pool.push(`http://127.0.0.1:${slow}/slow/${i}`);
for (let i = 0; i < 20; i++) pool.push(`http://127.0.0.1:${limited}/page/${i}`);
for (let i = 0; i < 30; i++) {
	pool.push(`http://127.0.0.1:${closed}/page/${i}`);
	dead.add(`http://127.0.0.1:${closed}/page/${i}`);
}
const random = createRandom(Number(args.seed));
const linksPerPage = 10;
const picks = [...pool];
while (picks.length < pageCount * linksPerPage) picks.push(random.pick(pool));
for (let i = picks.length - 1; i > 0; i--) {
	const j = random.int(0, i);
	[picks[i], picks[j]] = [/** @type {string} */ (picks[j]), /** @type {string} */ (picks[i])];
}

await rm(tmp, { recursive: true, force: true });
const mdDir = join(tmp, 'guidebooks');
const htmlDir = join(tmp, 'html');
await mkdir(mdDir, { recursive: true });
await mkdir(htmlDir, { recursive: true });
const indexLinks = [];
for (let p = 0; p < pageCount; p++) {
	const links = picks.slice(p * linksPerPage, (p + 1) * linksPerPage);
	const name = `page-${String(p).padStart(3, '0')}`;
	await writeFile(
		join(mdDir, `${name}.md`),
		`# Page ${p}\n\n${links.map((url, i) => `- See [link ${i}](${url}) for details.`).join('\n')}\n`,
	);
	await writeFile(
		join(htmlDir, `${name}.html`),
		`<!doctype html><html><head><title>Page ${p}</title></head><body><h1>Page ${p}</h1><ul>${links.map((url, i) => `<li>See <a href="${url}">link ${i}</a> for details.</li>`).join('')}</ul></body></html>`,
	);
	indexLinks.push(`<a href="${name}.html">${name}</a>`);
}
await writeFile(
	join(htmlDir, 'index.html'),
	`<!doctype html><html><body>${indexLinks.join('\n')}</body></html>`,
);
const alive = pool.filter((u) => !dead.has(u));
console.log(
	`Web: ${hostCount} hosts + a slow host (10 pages at ${slowMs} ms), a rate-limited host (20 pages; 429 above 3 in flight) and a refusing port (30 URLs); ${pool.length} distinct URLs (${dead.size} dead, ${alive.length} alive), floor ${slowMs} ms (slowest alive response)`,
);
console.log(
	`Pages: ${pageCount} Markdown pages and the same ${pageCount} as HTML, ${picks.length} links\n`,
);

/** Unique URLs a tool called dead → { found, falsePositives }. */
function score(/** @type {Set<string>} */ reported) {
	let found = 0;
	let falsePositives = 0;
	for (const url of reported) {
		if (dead.has(url)) found++;
		else falsePositives++;
	}
	return { found, falsePositives };
}

// --- Waymark --------------------------------------------------------------------------------
const { loadGuidebookTree } = await import('../tree/load-tree.ts');
const { checkExternalLinks } = await import('../checks/links/check-external.ts');
const { parseConfig } = await import('../config/load-config.ts');
// Defaults, except that the loopback web is private (127.0.0.1), which Waymark skips by default.
const config = parseConfig({ links: { privateHostPolicy: 'check' } });
const cacheDir = join(tmp, 'cache');

async function runWaymark() {
	const loadStarted = performance.now();
	const tree = await loadGuidebookTree(mdDir);
	const started = performance.now();
	const findings = await checkExternalLinks(tree, config, { cacheDir });
	const wall = performance.now() - started;
	const parse = started - loadStarted;
	const reported = new Set();
	for (const f of findings) {
		if (f.severity !== 'error') continue;
		const fragment = /missing fragment `#([^`]+)` on (\S+?),? expected/.exec(f.message);
		const status = /from (?:HEAD|GET) (\S+?)(?:,| after| \(as for)/.exec(f.message);
		if (fragment) reported.add(`${fragment[2]}#${fragment[1]}`);
		else if (status) reported.add(status[1]);
	}
	const warnings = findings.filter((f) => f.severity === 'warning').length;
	return { wall, parse, reported, warnings, stats: await webStats() };
}

// --- linkinator -----------------------------------------------------------------------------
async function runLinkinator(/** @type {Record<string, unknown>} */ extra) {
	const started = performance.now();
	const checker = new LinkChecker();
	const { links } = await checker.check({ path: htmlDir, recurse: true, ...extra });
	const wall = performance.now() - started;
	const reported = new Set(
		links
			.filter(
				(l) =>
					l.state === LinkState.BROKEN &&
					l.url.startsWith('http://127.0.0.1:') &&
					allPorts.some((p) => l.url.includes(`:${p}/`)),
			)
			.map((l) => l.url),
	);
	return { wall, parse: 0, reported, warnings: 0, stats: await webStats() };
}

// The floor as this machine delivers it right now: every distinct URL fired at once (no limits,
// no retries); its wall is the slowest response plus the machine's own overhead.
async function runOracle() {
	const agent = new Agent({ connections: null });
	const started = performance.now();
	const urls = [...new Set(pool.map((u) => u.split('#')[0] ?? u))].filter(
		(u) => !u.includes(`:${closed}/`) && !u.includes(`:${limited}/`),
	);
	await Promise.all(
		urls.map(async (u) => {
			const url = new URL(u);
			const response = await agent.request({
				origin: url.origin,
				path: url.pathname,
				method: 'HEAD',
			});
			await response.body.dump();
		}),
	);
	const wall = performance.now() - started;
	await agent.close();
	await webStats();
	return wall;
}

await webStats(); // reset
/** @type {Record<'cold' | 'warm' | 'linkDefault' | 'linkTuned', Array<Awaited<ReturnType<typeof runWaymark>>>>} */
const results = { cold: [], warm: [], linkDefault: [], linkTuned: [] };
/** @type {number[]} */
const oracle = [];
/** @type {number[]} */
const loads = [];
for (let run = 0; run < runs; run++) {
	loads.push(/** @type {number} */ (loadavg()[0]));
	oracle.push(await runOracle());
	await rm(cacheDir, { recursive: true, force: true });
	results.cold.push(await runWaymark());
	results.warm.push(await runWaymark());
	results.linkDefault.push(await runLinkinator({}));
	results.linkTuned.push(
		await runLinkinator({
			retry: true,
			retryErrors: true,
			retryErrorsJitter: 200,
			statusCodes: { 403: 'warn' },
			checkFragments: true,
		}),
	);
	const last = (/** @type {keyof typeof results} */ k) => results[k].at(-1)?.wall ?? 0;
	console.log(
		`run ${run + 1}/${runs} (load average ${loads.at(-1)?.toFixed(2)} on ${cpus().length} cores): Waymark cold / linkinator defaults = ${(last('cold') / last('linkDefault')).toFixed(2)}, / tuned = ${(last('cold') / last('linkTuned')).toFixed(2)}, / faster = ${(last('cold') / Math.min(last('linkDefault'), last('linkTuned'))).toFixed(2)}`,
	);
	console.log(
		`  measured floor ${(oracle.at(-1) ?? 0).toFixed(0)} ms, Waymark cold ${(results.cold.at(-1)?.wall ?? 0).toFixed(0)} ms, warm ${(results.warm.at(-1)?.wall ?? 0).toFixed(0)} ms, linkinator ${(results.linkDefault.at(-1)?.wall ?? 0).toFixed(0)} ms / tuned ${(results.linkTuned.at(-1)?.wall ?? 0).toFixed(0)} ms`,
	);
}
web.send('stop');
const summary = (/** @type {Array<Awaited<ReturnType<typeof runWaymark>>>} */ list) => ({
	.../** @type {Awaited<ReturnType<typeof runWaymark>>} */ (list.at(-1)),
	wall: median(list.map((r) => r.wall)),
	parse: median(list.map((r) => r.parse)),
});
const cold = summary(results.cold);
const warm = summary(results.warm);
const linkDefault = summary(results.linkDefault);
const linkTuned = summary(results.linkTuned);
// The in-flight ceiling must hold on every run, not just the last.
const coldMaxHost = Math.max(...results.cold.flatMap((r) => Object.values(r.stats.maxInFlight)));

const row = (
	/** @type {string} */ name,
	/** @type {Awaited<ReturnType<typeof runWaymark>>} */ r,
) => {
	const { found, falsePositives } = score(r.reported);
	const maxHost = Math.max(0, ...Object.values(r.stats.maxInFlight));
	const at = (/** @type {number} */ port) => String(r.stats.maxInFlight[String(port)] ?? 0);
	return [
		name,
		`${(r.wall / 1000).toFixed(2)} s`,
		`${(r.wall / slowMs).toFixed(2)}×`,
		String(r.stats.requests),
		`${r.stats.heads}/${r.stats.gets}`,
		String(r.stats.connections),
		String(maxHost),
		at(slow),
		at(limited),
		String(r.stats.throttled),
		`${found}/${dead.size}`,
		String(falsePositives),
		String(r.warnings),
	];
};
const table = renderTable(
	[
		'run',
		'wall',
		'vs floor',
		'requests',
		'HEAD/GET',
		'connections',
		'max in flight / host',
		'slow host',
		'rate-limited host',
		'429s served',
		'true dead found',
		'false positives',
		'warnings',
	],
	[
		row('Waymark cold (defaults; check step)', cold),
		row('Waymark warm re-run (cache)', warm),
		row('linkinator 8 (defaults)', linkDefault),
		row(
			'linkinator 8 (--retry --retry-errors --status-code 403:warn --check-fragments)',
			linkTuned,
		),
	],
);
console.log(table);
const checks = [
	[
		`Waymark cold within ${goals.coldVsFloor}× of the floor (${slowMs} ms)`,
		cold.wall <= goals.coldVsFloor * slowMs,
	],
	[
		`Waymark cold within ${goals.coldVsFloor}× of the floor as measured on this machine now`,
		cold.wall <= goals.coldVsFloor * median(oracle),
	],
	[
		`Waymark cold ≤ ${goals.coldVsLinkinator}× the faster linkinator run (lychee: not on npm)`,
		cold.wall <= goals.coldVsLinkinator * Math.min(linkDefault.wall, linkTuned.wall),
	],
	['Waymark warm re-run sends zero requests', results.warm.every((r) => r.stats.requests === 0)],
	['Waymark finds every dead link', score(cold.reported).found === dead.size],
	['Waymark has zero false positives on defaults', score(cold.reported).falsePositives === 0],
	[
		`Waymark never exceeds ${config.links.perHostConcurrency} in flight per host`,
		coldMaxHost <= config.links.perHostConcurrency,
	],
];
console.log(`\n${checks.map(([name, ok]) => `${ok ? 'ok  ' : 'MISS'} ${name}`).join('\n')}`);
console.log(
	`\nWaymark also parsed the 300 Markdown pages in ${(cold.parse / 1000).toFixed(2)} s (median) before the check step; \`waymark check\` shares that parse with every rule.`,
);
// The polite floor: what spacing and Retry-After alone cost on the busiest host of Waymark's cold
// run (its requests started `requestSpacingMs` apart, plus a 1 s pause on the hosts that answer 429
// or 503 once), or the slow host's last start plus its answer, whichever is longer.
const spacing = config.links.requestSpacingMs;
const pauses = new Set(ports.filter((_, h) => h % 3 !== 2).map(String));
const politeFloor = Math.max(
	9 * spacing + slowMs,
	...Object.entries(cold.stats.perHost).map(
		([port, n]) => (n - 1) * spacing + (pauses.has(port) ? 1000 : 0),
	),
);
console.log(
	`\nPolite floor (requestSpacingMs ${spacing} ms between starts to one host, Retry-After pauses, the slow host's last start + ${slowMs} ms): ${(politeFloor / 1000).toFixed(2)} s; Waymark cold / polite floor = ${(cold.wall / politeFloor).toFixed(2)}.`,
);
console.log(
	`\nMeasured floor (every distinct URL at once, no limits): ${(median(oracle) / 1000).toFixed(2)} s median; Waymark cold / measured floor = ${(cold.wall / median(oracle)).toFixed(2)}.`,
);
console.log(
	`\nLoad average (1 min) before each run: ${loads.map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores; after: ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' / ')} (1/5/15 min).`,
);
console.log(
	`\nRatios (medians): Waymark cold / floor = ${(cold.wall / slowMs).toFixed(2)}, Waymark cold / linkinator default = ${(cold.wall / linkDefault.wall).toFixed(2)}, / linkinator tuned = ${(cold.wall / linkTuned.wall).toFixed(2)}`,
);
if (args.assert && checks.some(([, ok]) => !ok)) process.exitCode = 1;

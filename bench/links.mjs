#!/usr/bin/env node
// External-link benchmark: a loopback "web" of hosts (one port each, served by a child process,
// bench/links-web.mjs) and three host shapes (bench/links-shapes.mjs), each linked 3,000 times
// from 300 generated pages:
//   mixed                ordinary hosts, a slow host (10 pages at --slow-ms), a host answering 429
//                        above 3 in flight, a refusing port;
//   fast-host            one fast, healthy host with many URLs;
//   retry-after-per-url  one host answering each URL's first request `429 Retry-After: 1`.
// Every shape is checked by Waymark (cold, then warm from its cache) and by linkinator (defaults
// and tuned) side by side in one run. lychee is not compared: it is published on crates.io, PyPI
// and as release binaries, none of which this machine reaches (only the npm and Debian registries;
// `cargo` is installed, its registry is not), and no npm or Debian package ships it.
// Reports wall time, requests sent, most requests in flight to one host (counted by the server),
// true dead links found and false positives against the answer key. linkinator crawls the same
// links as 300 HTML pages (one per Markdown page) from its own static server: the fair equivalent
// of Waymark reading the Markdown from disk.
// Each side runs --runs times, interleaved shape by shape (the cache emptied before each cold run);
// walls are medians, counts come from the last run (they are deterministic).
// Usage: node bench/links.mjs [--hosts 20] [--pages 300] [--slow-ms 3000] [--fast-urls 180]
//        [--per-url-urls 60] [--shapes mixed,fast-host,retry-after-per-url] [--runs 3] [--seed N] [--assert]
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LinkChecker, LinkState } from 'linkinator';
import { Agent } from 'undici';
import { buildShapes } from './links-shapes.mjs';
import { createRandom } from './lib/prng.mjs';
import { median, renderTable } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/links');
const { values: args } = parseArgs({
	options: {
		hosts: { type: 'string', default: '20' },
		pages: { type: 'string', default: '300' },
		'slow-ms': { type: 'string', default: '3000' },
		'fast-urls': { type: 'string', default: '180' },
		'per-url-urls': { type: 'string', default: '60' },
		shapes: { type: 'string', default: 'mixed,fast-host,retry-after-per-url' },
		seed: { type: 'string', default: '20261121' },
		runs: { type: 'string', default: '3' },
		assert: { type: 'boolean', default: false },
	},
});
const runs = Number(args.runs);
const pageCount = Number(args.pages);
const slowMs = Number(args['slow-ms']);
const goals = { coldVsFloor: 1.2, coldVsFaster: 1.0 };

// --- the web and the shapes -----------------------------------------------------------------
const web = fork(join(repo, 'bench/links-web.mjs'), [], {
	stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
web.send({ hosts: Number(args.hosts), slowMs });
const [ports] = /** @type {[import('./links-shapes.mjs').WebPorts]} */ (await once(web, 'message'));
/** @returns {Promise<{ requests: number; connections: number; heads: number; gets: number; bytes: number; throttled: number; perHost: Record<string, number>; maxInFlight: Record<string, number> }>} */
const webStats = async () => {
	web.send('stats');
	const [stats] = await once(web, 'message');
	return stats;
};
const wanted = new Set(args.shapes.split(','));
const shapes = buildShapes(ports, {
	slowMs,
	fastUrls: Number(args['fast-urls']),
	perUrlUrls: Number(args['per-url-urls']),
}).filter((s) => wanted.has(s.id));

await rm(tmp, { recursive: true, force: true });
const linksPerPage = 10;
for (const shape of shapes) {
	const random = createRandom(Number(args.seed));
	const picks = [...shape.pool];
	while (picks.length < pageCount * linksPerPage) picks.push(random.pick(shape.pool));
	for (let i = picks.length - 1; i > 0; i--) {
		const j = random.int(0, i);
		[picks[i], picks[j]] = [/** @type {string} */ (picks[j]), /** @type {string} */ (picks[i])];
	}
	const mdDir = join(tmp, shape.id, 'guidebooks');
	const htmlDir = join(tmp, shape.id, 'html');
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
	console.log(
		`Shape ${shape.id}: ${shape.title}; ${shape.pool.length} distinct URLs (${shape.dead.size} dead) behind ${picks.length} links in ${pageCount} pages`,
	);
}
console.log('');

/** Unique URLs a tool called dead → { found, falsePositives }. */
function score(
	/** @type {import('./links-shapes.mjs').Shape} */ shape,
	/** @type {Set<string>} */ reported,
) {
	let found = 0;
	let falsePositives = 0;
	for (const url of reported) {
		if (shape.dead.has(url)) found++;
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

/** @typedef {{ wall: number; parse: number; reported: Set<string>; warnings: number; stats: Awaited<ReturnType<typeof webStats>> }} Result */

async function runWaymark(/** @type {import('./links-shapes.mjs').Shape} */ shape) {
	const loadStarted = performance.now();
	const tree = await loadGuidebookTree(join(tmp, shape.id, 'guidebooks'));
	const started = performance.now();
	const findings = await checkExternalLinks(tree, config, {
		cacheDir: join(tmp, shape.id, 'cache'),
	});
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
	return /** @type {Result} */ ({ wall, parse, reported, warnings, stats: await webStats() });
}

// --- linkinator -----------------------------------------------------------------------------
async function runLinkinator(
	/** @type {import('./links-shapes.mjs').Shape} */ shape,
	/** @type {Record<string, unknown>} */ extra,
) {
	const started = performance.now();
	const checker = new LinkChecker();
	const { links } = await checker.check({
		path: join(tmp, shape.id, 'html'),
		recurse: true,
		...extra,
	});
	const wall = performance.now() - started;
	const reported = new Set(
		links
			.filter(
				(l) =>
					l.state === LinkState.BROKEN &&
					l.url.startsWith('http://127.0.0.1:') &&
					shape.ports.some((p) => l.url.includes(`:${p}/`)),
			)
			.map((l) => l.url),
	);
	return /** @type {Result} */ ({ wall, parse: 0, reported, warnings: 0, stats: await webStats() });
}
const tuned = {
	retry: true,
	retryErrors: true,
	retryErrorsJitter: 200,
	statusCodes: { 403: 'warn' },
	checkFragments: true,
};

// The floor of the mixed shape as this machine delivers it right now: every distinct URL fired at
// once (no limits, no retries); its wall is the slowest response plus the machine's own overhead.
async function runOracle(/** @type {import('./links-shapes.mjs').Shape} */ shape) {
	const agent = new Agent({ connections: null });
	const started = performance.now();
	const urls = [...new Set(shape.pool.map((u) => u.split('#')[0] ?? u))].filter(
		(u) => !u.includes(`:${ports.closed}/`) && !u.includes(`:${ports.limited}/`),
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

const sides = /** @type {const} */ (['cold', 'warm', 'linkDefault', 'linkTuned']);
/** @type {Map<string, Record<(typeof sides)[number], Result[]> & { oracle: number[] }>} */
const results = new Map(
	shapes.map((s) => [s.id, { cold: [], warm: [], linkDefault: [], linkTuned: [], oracle: [] }]),
);
/** @type {number[]} */
const loads = [];
await webStats(); // reset
for (let run = 0; run < runs; run++) {
	loads.push(/** @type {number} */ (loadavg()[0]));
	console.log(
		`run ${run + 1}/${runs} (load average ${loads.at(-1)?.toFixed(2)} on ${cpus().length} cores)`,
	);
	for (const shape of shapes) {
		const r = /** @type {NonNullable<ReturnType<typeof results.get>>} */ (results.get(shape.id));
		if (shape.floorMs !== undefined) r.oracle.push(await runOracle(shape));
		await rm(join(tmp, shape.id, 'cache'), { recursive: true, force: true });
		r.cold.push(await runWaymark(shape));
		r.warm.push(await runWaymark(shape));
		r.linkDefault.push(await runLinkinator(shape, {}));
		r.linkTuned.push(await runLinkinator(shape, tuned));
		const last = (/** @type {(typeof sides)[number]} */ k) => r[k].at(-1)?.wall ?? 0;
		console.log(
			`  ${shape.id}: Waymark cold ${last('cold').toFixed(0)} ms, warm ${last('warm').toFixed(0)} ms, linkinator ${last('linkDefault').toFixed(0)} ms / tuned ${last('linkTuned').toFixed(0)} ms; cold / faster = ${(last('cold') / Math.min(last('linkDefault'), last('linkTuned'))).toFixed(2)}`,
		);
	}
}
web.send('stop');

const names = {
	cold: 'Waymark cold (defaults; check step)',
	warm: 'Waymark warm re-run (cache)',
	linkDefault: 'linkinator 8 (defaults)',
	linkTuned: 'linkinator 8 (--retry --retry-errors --status-code 403:warn --check-fragments)',
};
/** @type {Array<[string, boolean]>} */
const checks = [];
/** @type {string[][]} */
const summary = [];
for (const shape of shapes) {
	const r = /** @type {NonNullable<ReturnType<typeof results.get>>} */ (results.get(shape.id));
	const med = (/** @type {Result[]} */ list) => ({
		.../** @type {Result} */ (list.at(-1)),
		wall: median(list.map((x) => x.wall)),
		parse: median(list.map((x) => x.parse)),
	});
	const m = Object.fromEntries(sides.map((k) => [k, med(r[k])]));
	const correct = (/** @type {Result} */ x) => {
		const s = score(shape, x.reported);
		return s.found === shape.dead.size && s.falsePositives === 0;
	};
	const rows = sides.map((k) => {
		const x = /** @type {Result} */ (m[k]);
		const { found, falsePositives } = score(shape, x.reported);
		const at = (/** @type {number} */ port) => String(x.stats.maxInFlight[String(port)] ?? 0);
		return [
			names[k],
			`${(x.wall / 1000).toFixed(2)} s`,
			String(x.stats.requests),
			`${x.stats.heads}/${x.stats.gets}`,
			String(x.stats.connections),
			String(Math.max(0, ...Object.values(x.stats.maxInFlight))),
			...(shape.id === 'mixed' ? [at(ports.slow), at(ports.limited)] : []),
			String(x.stats.throttled),
			`${found}/${shape.dead.size}`,
			String(falsePositives),
			String(x.warnings),
		];
	});
	console.log(`\n### ${shape.id}: ${shape.title}\n`);
	console.log(
		renderTable(
			[
				'run',
				'wall',
				'requests',
				'HEAD/GET',
				'connections',
				'max in flight / host',
				...(shape.id === 'mixed' ? ['slow host', 'rate-limited host'] : []),
				'429s served',
				'true dead found',
				'false positives',
				'warnings',
			],
			rows,
		),
	);
	const cold = /** @type {Result} */ (m.cold);
	const linkDefault = /** @type {Result} */ (m.linkDefault);
	const linkTuned = /** @type {Result} */ (m.linkTuned);
	const faster = Math.min(linkDefault.wall, linkTuned.wall);
	const correctOthers = [linkDefault, linkTuned].filter(correct).map((x) => x.wall);
	const fasterCorrect = correctOthers.length > 0 ? Math.min(...correctOthers) : undefined;
	const perRun = r.cold.map((c, i) =>
		(
			c.wall / Math.min(r.linkDefault[i]?.wall ?? Infinity, r.linkTuned[i]?.wall ?? Infinity)
		).toFixed(2),
	);
	console.log(
		`\nRatios (medians): Waymark cold / linkinator defaults = ${(cold.wall / linkDefault.wall).toFixed(2)}, / tuned = ${(cold.wall / linkTuned.wall).toFixed(2)}, / the faster = ${(cold.wall / faster).toFixed(2)} (per run: ${perRun.join(', ')})${fasterCorrect === undefined ? '; no linkinator run found every dead link without a false positive' : `, / the faster of those with every dead link and no false positive = ${(cold.wall / fasterCorrect).toFixed(2)}`}.`,
	);
	const maxHost = Math.max(...r.cold.flatMap((x) => Object.values(x.stats.maxInFlight)));
	const coldScore = score(shape, cold.reported);
	const prefix = `${shape.id}:`;
	checks.push(
		[
			`${prefix} Waymark cold ≤ ${goals.coldVsFaster}× the faster linkinator run (lychee: not installable here)`,
			cold.wall <= goals.coldVsFaster * faster,
		],
		[`${prefix} Waymark finds every dead link`, coldScore.found === shape.dead.size],
		[`${prefix} Waymark has zero false positives on defaults`, coldScore.falsePositives === 0],
		[
			`${prefix} Waymark never exceeds ${config.links.perHostConcurrency} in flight per host`,
			maxHost <= config.links.perHostConcurrency,
		],
		[
			`${prefix} Waymark warm re-run sends zero requests`,
			r.warm.every((x) => x.stats.requests === 0),
		],
	);
	if (shape.floorMs !== undefined) {
		const floor = shape.floorMs;
		checks.push(
			[
				`${prefix} Waymark cold within ${goals.coldVsFloor}× of the floor (${floor} ms)`,
				cold.wall <= goals.coldVsFloor * floor,
			],
			[
				`${prefix} Waymark cold within ${goals.coldVsFloor}× of the floor as measured on this machine now`,
				cold.wall <= goals.coldVsFloor * median(r.oracle),
			],
		);
		console.log(
			`Measured floor (every distinct URL at once, no limits): ${(median(r.oracle) / 1000).toFixed(2)} s median; Waymark cold / measured floor = ${(cold.wall / median(r.oracle)).toFixed(2)}.`,
		);
	}
	summary.push([
		shape.id,
		`${(cold.wall / 1000).toFixed(2)} s`,
		`${(linkDefault.wall / 1000).toFixed(2)} s`,
		`${(linkTuned.wall / 1000).toFixed(2)} s`,
		`${(cold.wall / faster).toFixed(2)}×`,
		fasterCorrect === undefined ? '—' : `${(cold.wall / fasterCorrect).toFixed(2)}×`,
		`${coldScore.found}/${shape.dead.size}, ${coldScore.falsePositives}`,
		`${score(shape, linkDefault.reported).found}/${shape.dead.size}, ${score(shape, linkDefault.reported).falsePositives}`,
		`${score(shape, linkTuned.reported).found}/${shape.dead.size}, ${score(shape, linkTuned.reported).falsePositives}`,
	]);
}
console.log('\n### summary (medians)\n');
console.log(
	renderTable(
		[
			'shape',
			'Waymark cold',
			'linkinator',
			'linkinator tuned',
			'cold / faster',
			'cold / faster correct',
			'Waymark dead found, false positives',
			'linkinator',
			'linkinator tuned',
		],
		summary,
	),
);
console.log(`\n${checks.map(([name, ok]) => `${ok ? 'ok  ' : 'MISS'} ${name}`).join('\n')}`);
console.log(
	`\nLoad average (1 min) before each run: ${loads.map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores; after: ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' / ')} (1/5/15 min).`,
);
if (args.assert && checks.some(([, ok]) => !ok)) process.exitCode = 1;

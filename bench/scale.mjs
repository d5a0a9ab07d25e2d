#!/usr/bin/env node
// Scale benchmark: `waymark check` and `waymark build` of generated guidebook trees of growing size
// (bench/lib/guidebook-tree.mjs, one mermaid diagram in five pages), Starlight's build of the same
// pages beside it at the sizes asked for. Every process tree is measured from outside
// (lib/measure-process.mjs: wall, user+system CPU of every process, peak summed RSS) with the
// 1-minute load average at its start; one process at a time. Per size, in order:
//   check, cold  - diagram cache empty: every diagram drawn in Chromium (fills the cache)
//   check, warm  - verdicts kept by the cold run: no diagram parsed or drawn
//   build        - Astro's caches empty, diagram cache warm (drawings reused, none drawn)
//   Starlight    - Astro's caches empty (mermaid stays a code block)
// A process that runs past --limit-min minutes is killed and its row says so.
// Usage: node bench/scale.mjs [--sizes 500,2000,5000] [--starlight 500,2000] [--limit-min 15] [--seed N]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBaselines } from './lib/baselines.mjs';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { formatBytes, renderTable } from './lib/report.mjs';
import { writeStarlightProject } from './lib/starlight-project.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/scale');
const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: '500,2000,5000' },
		starlight: { type: 'string', default: '500,2000' },
		'limit-min': { type: 'string', default: '15' },
		seed: { type: 'string', default: '20261121' },
	},
});
const sizes = args.sizes.split(',').map(Number);
const starlightSizes = new Set(args.starlight.split(',').filter(Boolean).map(Number));
const timeoutMs = Number(args['limit-min']) * 60_000;
if (starlightSizes.size > 0) ensureBaselines();

const logDir = join(tmp, 'logs');
await mkdir(logDir, { recursive: true });
const diagramCache = join(tmp, 'diagram-cache');
const config = join(tmp, 'waymark.config.yaml');
await writeFile(config, `diagrams:\n  cacheDir: ${JSON.stringify(diagramCache)}\n`);
const { treeStoreDir } = await import('../integration/tree-store.ts');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
const waymark = join(repo, 'bin/waymark.mjs');

/** @typedef {{ size: number; side: string; wallMs?: number; cpuMs?: number; peakRssBytes?: number; processes?: number; load: number; error?: string }} Row */
/** @type {Row[]} */
const rows = [];

/** Measures one side, records its row (or why it has none) and prints it as it lands. */
async function run(
	/** @type {number} */ size,
	/** @type {string} */ side,
	/** @type {string[]} */ commandArgs,
	/** @type {string} */ cwd,
) {
	const load = loadavg()[0] ?? 0;
	const logFile = join(logDir, `${size}-${side.replace(/\W+/g, '-')}.log`);
	/** @type {Row} */
	let row;
	try {
		const m = await measureProcess(process.execPath, commandArgs, { cwd, env, logFile, timeoutMs });
		row = {
			size,
			side,
			wallMs: m.wallMs,
			cpuMs: m.cpuMs,
			peakRssBytes: m.peakRssBytes,
			processes: m.processes,
			load,
		};
	} catch (error) {
		row = { size, side, load, error: /** @type {Error} */ (error).message.split('\n')[0] ?? '' };
	}
	rows.push(row);
	console.log(
		row.error
			? `${size} ${side}: ${row.error}`
			: `${size} ${side}: wall ${((row.wallMs ?? 0) / 1000).toFixed(1)} s, CPU ${((row.cpuMs ?? 0) / 1000).toFixed(1)} s, peak ${formatBytes(row.peakRssBytes ?? 0)} (${row.processes} processes), load ${load.toFixed(1)}`,
	);
	await writeFile(
		join(tmp, 'scale-results.json'),
		`${JSON.stringify({ date: new Date().toISOString(), rows }, null, '\t')}\n`,
	);
	return row;
}

for (const size of sizes) {
	const treeDir = join(tmp, `tree-${size}`);
	const out = join(tmp, `out-${size}`);
	const tree = await generateGuidebookTree(treeDir, { pages: size, seed: Number(args.seed) });
	console.log(
		`Tree: ${tree.pages.length} pages, ${formatBytes(tree.bytes)}, ${tree.pages.filter((p) => p.mermaid).length} with a diagram`,
	);
	await rm(diagramCache, { recursive: true, force: true });
	const check = [waymark, 'check', '--root', treeDir, '--config', config];
	await run(size, 'Waymark check, cold', check, repo);
	await run(size, 'Waymark check, warm', check, repo);
	for (const path of [out, treeStoreDir(join(dirname(config), '.waymark'), treeDir, 'trusted')])
		await rm(path, { recursive: true, force: true });
	await run(
		size,
		'Waymark build',
		[waymark, 'build', '--root', treeDir, '--out', out, '--config', config],
		repo,
	);
	await rm(out, { recursive: true, force: true });
	if (starlightSizes.has(size)) {
		const project = join(tmp, 'starlight');
		await writeStarlightProject(project, treeDir, tree.pages);
		await run(
			size,
			'Starlight build',
			[join(repo, 'node_modules/astro/bin/astro.mjs'), 'build'],
			project,
		);
		await rm(project, { recursive: true, force: true });
	}
	await rm(treeDir, { recursive: true, force: true });
}

// Per-page cost against the smallest size, per side: linear growth keeps the ratio near 1.
const smallest = Math.min(...sizes);
const perPage = (/** @type {Row} */ row, /** @type {'wallMs' | 'cpuMs'} */ key) =>
	(row[key] ?? NaN) / row.size;
const table = renderTable(
	[
		'pages',
		'side',
		'wall',
		'CPU',
		'peak RSS (tree)',
		'CPU / page',
		`CPU / page vs ${smallest}`,
		'wall / page',
		'RSS vs Starlight',
		'load (1 min)',
	],
	rows.map((row) => {
		if (row.error)
			return [String(row.size), row.side, row.error, '', '', '', '', '', '', row.load.toFixed(1)];
		const base = rows.find((r) => r.side === row.side && r.size === smallest && !r.error);
		const starlight = rows.find(
			(r) => r.side === 'Starlight build' && r.size === row.size && !r.error,
		);
		return [
			String(row.size),
			row.side,
			`${((row.wallMs ?? 0) / 1000).toFixed(1)} s`,
			`${((row.cpuMs ?? 0) / 1000).toFixed(1)} s`,
			formatBytes(row.peakRssBytes ?? 0),
			`${perPage(row, 'cpuMs').toFixed(1)} ms`,
			base ? `${(perPage(row, 'cpuMs') / perPage(base, 'cpuMs')).toFixed(2)}×` : '',
			`${perPage(row, 'wallMs').toFixed(1)} ms`,
			starlight && row.side === 'Waymark build'
				? `${((row.peakRssBytes ?? 0) / (starlight.peakRssBytes ?? 1)).toFixed(2)}×`
				: '',
			row.load.toFixed(1),
		];
	}),
);
console.log(`\n${table}`);

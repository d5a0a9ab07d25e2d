#!/usr/bin/env node
// The build's floor (issue 56, item 4): what a clean `waymark build` of a generated guidebook tree
// (lib/guidebook-tree.mjs) costs beside the least Astro can do for as many pages, and what the
// same pages cost through the patch path (integration/patch-site.ts, no Astro), in one run. Per
// size, in order, one process at a time, each measured from outside (lib/measure-process.mjs,
// wall, CPU of every process and thread kind) with the 1-minute load average at its start:
//   minimal Astro   - one dynamic route, getStaticPaths returning N slugs, a tiny HTML body each
//                     (no Markdown, no content layer): Astro and Vite's own cost for N pages
//   warm-up         - `waymark check`, which draws the diagrams into the cache (not timed)
//   Waymark clean   - `waymark build` with the state folder deleted (Astro's caches, the page
//                     cache and the record gone; the diagram cache warm), as incremental.mjs's clean
//   every page patched - the record of that build told that every page's input changed, then
//                     `waymark build` again: the patch path renders every page's Markdown, splices
//                     it into the page the last build wrote, and indexes every page for search
//                     (a prototype of a build that renders HTML without Astro; the page's shell is
//                     taken from the last build, not rendered)
// Per-page and fixed costs come from the difference between two sizes. With `--profile`, Waymark's
// two builds run under `node --cpu-prof` (profiles in bench/.tmp/floor/prof-<size>-<side>/, read
// with bench/cpu-profile.mjs); the profiler's own cost is then in their figures.
// Usage: node bench/floor.mjs [--sizes 1000,3000] [--profile] [--limit-min 20] [--seed N]
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { profileParts } from './lib/profile-parts.mjs';
import { formatBytes, renderTable } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/floor');
const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: '1000,3000' },
		profile: { type: 'boolean', default: false },
		'limit-min': { type: 'string', default: '20' },
		seed: { type: 'string', default: '20261124' },
	},
});
const sizes = args.sizes.split(',').map(Number);
const timeoutMs = Number(args['limit-min']) * 60_000;
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
const waymark = join(repo, 'bin/waymark.mjs');
const astro = join(repo, 'node_modules/astro/bin/astro.mjs');
const { readSiteRecord, writeSiteRecord } = await import('../integration/site-record.ts');
await mkdir(join(tmp, 'logs'), { recursive: true });

/** @typedef {{ size: number; side: string; wallMs: number; cpuMs: number; peakRssBytes: number; threadCpuMs: Record<string, number>; load: number; parts?: Record<string, number> }} Row */
/** @type {Row[]} */
const rows = [];

/** Runs `args` under Node in `cwd`, measured; records and prints its row. */
async function run(
	/** @type {number} */ size,
	/** @type {string} */ side,
	/** @type {string[]} */ commandArgs,
	/** @type {string} */ cwd,
) {
	const load = loadavg()[0] ?? 0;
	const logFile = join(tmp, 'logs', `${size}-${side.replace(/\W+/g, '-')}.log`);
	const m = await measureProcess(process.execPath, commandArgs, {
		cwd,
		env,
		logFile,
		timeoutMs,
		threads: true,
	});
	/** @type {Row} */
	const row = { size, side, ...m, load };
	const profileDir = commandArgs[commandArgs.indexOf('--cpu-prof-dir') + 1];
	if (commandArgs.includes('--cpu-prof-dir') && profileDir) row.parts = cpuByPart(profileDir, m);
	rows.push(row);
	const threads = Object.entries(m.threadCpuMs)
		.filter(([, ms]) => ms >= 50)
		.map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(1)} s`)
		.join(', ');
	console.log(
		`${size} ${side}: wall ${(m.wallMs / 1000).toFixed(2)} s, CPU ${(m.cpuMs / 1000).toFixed(2)} s (${threads}), peak ${formatBytes(m.peakRssBytes)}, load ${load.toFixed(1)}`,
	);
	await writeFile(
		join(tmp, 'results.json'),
		`${JSON.stringify({ date: new Date().toISOString(), rows }, null, '\t')}\n`,
	);
	return row;
}

/** Node's flags for a profiled Waymark run, when `--profile` asks for one. */
const profiled = async (/** @type {number} */ size, /** @type {string} */ side) => {
	if (!args.profile) return [];
	const dir = join(tmp, `prof-${size}-${side}`);
	await rm(dir, { recursive: true, force: true });
	return ['--cpu-prof', '--cpu-prof-dir', dir];
};

for (const size of sizes) {
	const minimal = join(tmp, `astro-${size}`);
	await writeMinimalAstroProject(minimal, size);
	await run(size, 'minimal Astro', [astro, 'build'], minimal);
	await rm(minimal, { recursive: true, force: true });

	const project = join(tmp, `project-${size}`);
	await rm(project, { recursive: true, force: true });
	await mkdir(project, { recursive: true });
	await writeFile(
		join(project, 'waymark.config.yaml'),
		`root: docs\ndiagrams:\n  cacheDir: ${JSON.stringify(join(tmp, 'diagram-cache'))}\n`,
	);
	const { pages } = await generateGuidebookTree(join(project, 'docs'), {
		pages: size,
		seed: Number(args.seed),
	});
	console.log(`Tree: ${pages.length} pages`);
	// A git repository, as a team's tree is (pages dated by their commits).
	const git = (/** @type {string[]} */ ...gitArgs) =>
		execFileSync('git', gitArgs, { cwd: project, stdio: 'ignore' });
	git('init', '--quiet');
	git('add', '-A');
	git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'tree');
	await writeFile(join(project, '.gitignore'), '.waymark/\ndist/\n');

	execFileSync(process.execPath, [waymark, 'check'], { cwd: project, env, stdio: 'ignore' });
	await rm(join(project, '.waymark'), { recursive: true, force: true });
	await run(
		size,
		'Waymark clean build',
		[...(await profiled(size, 'clean')), waymark, 'build', '--out', 'dist'],
		project,
	);
	const storeDir = await recordStore(join(project, '.waymark'));
	await patchEveryPage(size, project, storeDir, 'every page patched, search index reused');
	// Pagefind's shards are kept by the pages' HTML, which the patch leaves as it was: without
	// them, every page is indexed again, as a build without Astro would have to.
	await rm(join(storeDir, 'cache/waymark-search'), { recursive: true, force: true });
	await patchEveryPage(size, project, storeDir, 'every page patched and indexed');
	await rm(project, { recursive: true, force: true });
}

// Fixed and per-page cost of each side: the line through the smallest and the largest size.
const [low, high] = [Math.min(...sizes), Math.max(...sizes)];
const sides = [...new Set(rows.map((row) => row.side))];
const table = renderTable(
	[
		'side',
		...sizes.map((size) => `${size}: wall / CPU`),
		'CPU per page',
		'fixed CPU',
		'wall per page',
		'fixed wall',
		'load',
	],
	sides.map((side) => {
		const at = (/** @type {number} */ size) =>
			rows.find((row) => row.side === side && row.size === size);
		const a = at(low);
		const b = at(high);
		const slope = (/** @type {'wallMs' | 'cpuMs'} */ key) =>
			a && b && high > low ? (b[key] - a[key]) / (high - low) : NaN;
		const fixed = (/** @type {'wallMs' | 'cpuMs'} */ key) =>
			b ? (b[key] - slope(key) * high) / 1000 : NaN;
		return [
			side,
			...sizes.map((size) => {
				const row = at(size);
				return row ? `${(row.wallMs / 1000).toFixed(1)} / ${(row.cpuMs / 1000).toFixed(1)} s` : '';
			}),
			`${slope('cpuMs').toFixed(2)} ms`,
			`${fixed('cpuMs').toFixed(1)} s`,
			`${slope('wallMs').toFixed(2)} ms`,
			`${fixed('wallMs').toFixed(1)} s`,
			rows
				.filter((row) => row.side === side)
				.map((row) => row.load.toFixed(1))
				.join(', '),
		];
	}),
);
console.log(`\n${table}`);
for (const side of sides) {
	const a = rows.find((row) => row.side === side && row.size === low)?.parts;
	const b = rows.find((row) => row.side === side && row.size === high)?.parts;
	if (!a || !b || high === low) continue;
	const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(
		(x, y) => (b[y] ?? 0) - (b[x] ?? 0),
	);
	const total = Object.values(b).reduce((sum, ms) => sum + ms, 0);
	const partRows = names.map((name) => {
		const perPage = ((b[name] ?? 0) - (a[name] ?? 0)) / (high - low);
		return [
			name,
			`${((a[name] ?? 0) / 1000).toFixed(2)} s`,
			`${((b[name] ?? 0) / 1000).toFixed(2)} s`,
			`${(((b[name] ?? 0) / total) * 100).toFixed(1)} %`,
			`${perPage.toFixed(2)} ms`,
			`${(((b[name] ?? 0) - perPage * high) / 1000).toFixed(2)} s`,
		];
	});
	console.log(
		`\n${side}, CPU by part (main thread: the profile's share of its busy time times its CPU; other threads and processes as measured):\n`,
	);
	console.log(
		renderTable(
			['part', `${low} pages`, `${high} pages`, `share at ${high}`, 'per page', 'once'],
			partRows,
		),
	);
}

/**
 * The least Astro does for `count` pages: one dynamic route whose getStaticPaths returns `count`
 * slugs, each page a title and a paragraph. Astro comes from the repository's node_modules.
 */
async function writeMinimalAstroProject(/** @type {string} */ dir, /** @type {number} */ count) {
	await rm(dir, { recursive: true, force: true });
	await mkdir(join(dir, 'src/pages'), { recursive: true });
	await writeFile(
		join(dir, 'package.json'),
		`${JSON.stringify({ name: 'bench-floor', private: true, type: 'module' })}\n`,
	);
	await writeFile(
		join(dir, 'astro.config.mjs'),
		"import { defineConfig } from 'astro/config';\nexport default defineConfig({ cacheDir: './.cache' });\n",
	);
	await writeFile(
		join(dir, 'src/pages/[slug].astro'),
		[
			'---',
			'export function getStaticPaths() {',
			`\treturn Array.from({ length: ${count} }, (_, i) => ({ params: { slug: \`page-\${i}\` } }));`,
			'}',
			'const { slug } = Astro.params;',
			'---',
			'<html lang="en">',
			'\t<head><meta charset="utf-8" /><title>{slug}</title></head>',
			'\t<body><h1>{slug}</h1><p>A page of the floor benchmark.</p></body>',
			'</html>',
			'',
		].join('\n'),
	);
}

/** Tells the record of the last build that every page changed, then builds: a measured row. */
async function patchEveryPage(
	/** @type {number} */ size,
	/** @type {string} */ project,
	/** @type {string} */ storeDir,
	/** @type {string} */ side,
) {
	const record = await readSiteRecord(storeDir);
	if (!record) throw new Error(`No record of the last build in ${storeDir}.`);
	// Every page's input made unlike its file's: the patch path takes every page as edited.
	for (const page of Object.values(record.pages)) page.input = `${page.input}-forgotten`;
	await writeSiteRecord(storeDir, record);
	const tag = side.includes('indexed') ? 'indexed' : 'patched';
	const row = await run(
		size,
		side,
		[...(await profiled(size, tag)), waymark, 'build', '--out', 'dist'],
		project,
	);
	const log = await readFile(join(tmp, 'logs', `${size}-${side.replace(/\W+/g, '-')}.log`), 'utf8');
	const republished = /(\d[\d,]*) pages? republished in place/.exec(log)?.[1];
	console.log(
		republished
			? `${size}: ${republished} pages republished through the patch path`
			: `${size}: NOT patched (a whole build ran); see the log`,
	);
	if (!republished) row.side += ' (NOT patched)';
}

/**
 * The run's CPU by part: the main thread's measured CPU split in the proportions of its profile's
 * busy samples (the sampler counts wall time, which on a loaded machine holds time the thread
 * waited for a core), beside every other thread kind and process as measured.
 * @returns {Record<string, number>} ms
 */
function cpuByPart(
	/** @type {string} */ profileDir,
	/** @type {import('./lib/measure-process.mjs').ProcessMeasure} */ measure,
) {
	const sampled = profileParts(profileDir);
	sampled.delete('(idle)');
	const busy = [...sampled.values()].reduce((sum, us) => sum + us, 0);
	const main = measure.threadCpuMs['Node main thread'] ?? 0;
	/** @type {Record<string, number>} */
	const parts = {};
	for (const [name, us] of sampled) parts[name] = (main * us) / busy;
	for (const [kind, ms] of Object.entries(measure.threadCpuMs))
		if (kind !== 'Node main thread') parts[`(thread) ${kind}`] = ms;
	return parts;
}

/** The one tree store under a state folder that holds a record of a build. */
async function recordStore(/** @type {string} */ stateDir) {
	for (const entry of await readdir(stateDir, { recursive: true, withFileTypes: true }))
		if (entry.name === 'waymark-record.json') return entry.parentPath;
	throw new Error(`No build record under ${stateDir}.`);
}

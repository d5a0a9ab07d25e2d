#!/usr/bin/env node
// Build benchmark: a generated 500-page guidebook tree built by Waymark, by Starlight and by a bare
// Astro project (the floor under any Astro site of these pages), side by side in one run, runs
// interleaved so background load hits every side alike. Astro's caches are cleared before every
// build; Waymark's diagram cache too, except for the variant that measures a warm one. Prints wall
// and CPU time, peak memory, bytes per page and the ratios to Starlight as a Markdown table for
// bench/README.md. Also measures Astro's two Markdown processors on the same pages (see
// lib/markdown-throughput.mjs). Usage: node bench/build.mjs [--pages 500] [--runs 3] [--seed N]
// [--skip-markdown] [--assert] [--threads] [--tmpfs]  (--assert exits 1 when a goal is missed;
// --threads adds each side's CPU time by kind of thread; --tmpfs runs from a copy of the checkout
// in /dev/shm, every side's files in memory: lib/tmpfs-copy.mjs says why)
import { rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeBareAstroProject } from './lib/bare-astro-project.mjs';
import { ensureBaselines } from './lib/baselines.mjs';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { measureSiteBytes } from './lib/site-bytes.mjs';
import { writeStarlightProject } from './lib/starlight-project.mjs';
import { runFromTmpfsCopy } from './lib/tmpfs-copy.mjs';
import { isAlive } from './lib/process-alive.mjs';
import { formatBytes, median, renderTable } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// bench/.tmp is shared by every benchmark; this one keeps to its own folder.
const tmp = join(repo, 'bench/.tmp/build');
// Issue 15, against Starlight: on equal work (diagram cache warm) ≤ 0.6× its wall and CPU time;
// cold, every diagram drawn, ≤ 1.0×; HTML+JS per page ≤ 0.15× wherever diagrams are drawn at
// build time (it was 0.5× before one SVG per diagram). The no-browser fallback has no goal.
/** @type {Record<string, { time: number; bytes: number }>} */
const goals = {
	waymark: { time: 1.0, bytes: 0.15 },
	'waymark-cached-svg': { time: 0.6, bytes: 0.15 },
};

const { values: args } = parseArgs({
	options: {
		pages: { type: 'string', default: '500' },
		runs: { type: 'string', default: '3' },
		seed: { type: 'string', default: '20261121' },
		'skip-markdown': { type: 'boolean', default: false },
		assert: { type: 'boolean', default: false },
		threads: { type: 'boolean', default: false },
		tmpfs: { type: 'boolean', default: false },
	},
});
const runs = Number(args.runs);
// Starlight, and Sätteri's Astro processor for the Markdown table, come from bench/package.json.
ensureBaselines();
if (args.tmpfs)
	process.exit(
		runFromTmpfsCopy(
			repo,
			'build.mjs',
			process.argv.slice(2).filter((arg) => arg !== '--tmpfs'),
		),
	);
const treeDir = join(tmp, 'tree');
const starlightDir = join(tmp, 'starlight');
const astroDir = join(tmp, 'astro');
const logDir = join(tmp, 'logs');
await mkdir(logDir, { recursive: true });
await holdLock(join(tmp, 'lock'));

const tree = await generateGuidebookTree(treeDir, {
	pages: Number(args.pages),
	seed: Number(args.seed),
});
await writeStarlightProject(starlightDir, treeDir, tree.pages);
await writeBareAstroProject(astroDir, treeDir);
const routes = tree.pages.map((page) => page.route);
const mermaidPages = tree.pages.filter((page) => page.mermaid).length;
console.log(
	`Tree: ${tree.pages.length} pages, ${formatBytes(tree.bytes)} of Markdown, ${mermaidPages} with a mermaid diagram (${treeDir})`,
);

// Every run starts cold: Waymark's rendered diagrams go to a folder of our own, and its Astro cache
// (the tree's store in the state folder beside the config) is found the way `waymark build` finds it.
const waymarkConfig = join(tmp, 'waymark.config.yaml');
const diagramCache = join(tmp, 'diagram-cache');
// Absolute: `waymark check` resolves a relative `diagrams.cacheDir` against the working directory.
await writeFile(waymarkConfig, `diagrams:\n  cacheDir: ${JSON.stringify(diagramCache)}\n`);
const { treeStoreDir } = await import('../integration/tree-store.ts');
const waymarkOut = join(tmp, 'waymark-out');
// Astro's output and content cache for this tree, cleared for cold runs, and the pages the last
// run parsed (tree/page-cache.ts): every side starts from the Markdown, as Starlight's does.
const waymarkCache = treeStoreDir(join(dirname(waymarkConfig), '.waymark'), treeDir, 'trusted');
const waymarkPages = join(dirname(waymarkConfig), '.waymark', 'pages');

const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
// Through the launcher, as `npx waymark build` and an npm script start it: what it sets for a
// build (V8's young generation, bin/waymark.mjs) is part of what a user's build costs.
const waymarkArgs = [
	'bin/waymark.mjs',
	'build',
	'--root',
	treeDir,
	'--out',
	waymarkOut,
	'--config',
	waymarkConfig,
];
const variants = [
	{
		name: 'waymark',
		label: `Waymark, Chromium: ${mermaidPages} diagrams drawn to SVG (one per diagram, both themes)`,
		out: waymarkOut,
		cwd: repo,
		args: waymarkArgs,
		env: baseEnv,
		clean: [waymarkOut, waymarkCache, waymarkPages, diagramCache],
	},
	{
		// Runs right after `waymark`, whose drawings it reuses: the build CI does with a kept cache.
		name: 'waymark-cached-svg',
		label: 'Waymark, diagram cache warm (same SVGs, none drawn)',
		out: waymarkOut,
		cwd: repo,
		args: waymarkArgs,
		env: baseEnv,
		clean: [waymarkOut, waymarkCache, waymarkPages],
	},
	{
		name: 'waymark-no-browser',
		label:
			"Waymark, no browser (WAYMARK_CHROMIUM=/nonexistent): mermaid drawn in the reader's browser",
		out: waymarkOut,
		cwd: repo,
		args: waymarkArgs,
		env: { ...baseEnv, WAYMARK_CHROMIUM: '/nonexistent' },
		clean: [waymarkOut, waymarkCache, waymarkPages, diagramCache],
	},
	// Not a goal: the floor under any Astro site of these pages, so the README can say how much of
	// a build is Astro's own.
	astroSide(
		'astro-bare',
		'Bare Astro 7 (glob loader, one template, default Markdown; no navigation, search or diagrams)',
		astroDir,
	),
	astroSide('starlight', 'Starlight 0.42 (mermaid left as a code block)', starlightDir),
];

/**
 * A throwaway Astro project in `dir` built with the repository's Astro, every cache deleted first.
 * @param {string} name @param {string} label @param {string} dir
 */
function astroSide(name, label, dir) {
	return {
		name,
		label,
		out: join(dir, 'dist'),
		cwd: dir,
		args: [join(repo, 'node_modules/astro/bin/astro.mjs'), 'build'],
		env: baseEnv,
		clean: ['dist', '.cache', '.astro', 'node_modules'].map((folder) => join(dir, folder)),
	};
}

/** @type {Record<string, { measures: import('./lib/measure-process.mjs').ProcessMeasure[]; bytes?: import('./lib/site-bytes.mjs').SiteBytes }>} */
const results = Object.fromEntries(variants.map((v) => [v.name, { measures: [] }]));
for (let run = 1; run <= runs; run++) {
	for (const variant of variants) {
		for (const path of variant.clean) await rm(path, { recursive: true, force: true });
		const logFile = join(logDir, `${variant.name}-${run}.log`);
		const measure = await measureProcess(process.execPath, variant.args, {
			cwd: variant.cwd,
			env: variant.env,
			logFile,
			threads: args.threads,
		});
		const result = /** @type {(typeof results)[string]} */ (results[variant.name]);
		result.measures.push(measure);
		// Output is deterministic for a given tree; measure it once, before the next variant replaces it.
		result.bytes ??= await measureSiteBytes(variant.out, routes);
		console.log(
			`run ${run}/${runs} ${variant.name.padEnd(20)} ${(measure.wallMs / 1000).toFixed(1).padStart(6)} s  CPU ${(measure.cpuMs / 1000).toFixed(1).padStart(6)} s  peak ${formatBytes(measure.peakRssBytes)} (${measure.processes} processes)`,
		);
	}
	// Every run is kept as it lands, so a long session interrupted midway still has its figures.
	await writeFile(join(tmp, 'build-runs.json'), `${JSON.stringify(results, null, '\t')}\n`);
}

const rows = variants.map((variant) => {
	const { measures, bytes } = /** @type {Required<(typeof results)[string]>} */ (
		results[variant.name]
	);
	if (bytes.missing.length)
		throw new Error(
			`${variant.name} did not build ${bytes.missing.length} pages, e.g. ${bytes.missing.slice(0, 3).join(', ')}`,
		);
	return {
		...variant,
		wallMs: median(measures.map((m) => m.wallMs)),
		cpuMs: median(measures.map((m) => m.cpuMs)),
		peakRssBytes: median(measures.map((m) => m.peakRssBytes)),
		html: bytes.htmlBytes / bytes.pages,
		js: bytes.jsBytes / bytes.pages,
		css: bytes.cssBytes / bytes.pages,
		fonts: bytes.fontBytes / bytes.pages,
		diagrams: bytes.diagramsSvg,
	};
});
const starlight = /** @type {(typeof rows)[number]} */ (
	rows.find((row) => row.name === 'starlight')
);
const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
	b === 0 ? '–' : `${(a / b).toFixed(2)}×`;
const table = renderTable(
	[
		'build',
		'wall time',
		'CPU time',
		'peak memory',
		'HTML / page',
		'JS / page',
		'CSS / page',
		'fonts preloaded / page',
		'SVG diagrams',
		'wall vs Starlight',
		'CPU vs Starlight',
		'HTML+JS vs Starlight',
		'memory vs Starlight',
	],
	rows.map((row) => [
		row.label,
		`${(row.wallMs / 1000).toFixed(1)} s`,
		`${(row.cpuMs / 1000).toFixed(1)} s`,
		formatBytes(row.peakRssBytes),
		formatBytes(row.html),
		formatBytes(row.js),
		formatBytes(row.css),
		formatBytes(row.fonts),
		`${row.diagrams} / ${mermaidPages}`,
		row === starlight ? '1.00×' : ratio(row.wallMs, starlight.wallMs),
		row === starlight ? '1.00×' : ratio(row.cpuMs, starlight.cpuMs),
		row === starlight ? '1.00×' : ratio(row.html + row.js, starlight.html + starlight.js),
		row === starlight ? '1.00×' : ratio(row.peakRssBytes, starlight.peakRssBytes),
	]),
);
console.log(`\nMedian of ${runs} cold run(s), ${tree.pages.length} pages:\n\n${table}`);

if (args.threads)
	console.log(
		`\nCPU time by thread (median of the runs; /proc sampled every 100 ms):\n\n${threadTable()}`,
	);

/**
 * Where each side's CPU goes, by thread: the build's JavaScript on Node's main thread, V8
 * compiling and collecting beside it, the bundler's and the search indexer's native threads. A
 * goal missed is located here first, then in a profile of the main thread (bench/cpu-profile.mjs).
 */
function threadTable() {
	const measuresOf = (/** @type {string} */ name) => results[name]?.measures ?? [];
	const kinds = [
		...new Set(
			rows.flatMap((row) => measuresOf(row.name).flatMap((m) => Object.keys(m.threadCpuMs))),
		),
	];
	return renderTable(
		['thread', ...rows.map((row) => row.name)],
		kinds.map((kind) => [
			kind,
			...rows.map(
				(row) =>
					`${(median(measuresOf(row.name).map((m) => m.threadCpuMs[kind] ?? 0)) / 1000).toFixed(2)} s`,
			),
		]),
	);
}

let missed = 0;
for (const row of rows.filter((r) => r !== starlight)) {
	const goal = goals[row.name];
	if (!goal) continue;
	const wall = row.wallMs / starlight.wallMs;
	const cpu = row.cpuMs / starlight.cpuMs;
	const bytes = (row.html + row.js) / (starlight.html + starlight.js);
	const verdict = (/** @type {boolean} */ ok) => (ok ? 'met' : (missed++, 'MISSED'));
	console.log(
		`${row.name}: wall ${wall.toFixed(2)}×, CPU ${cpu.toFixed(2)}× (goal ≤ ${goal.time}×: ${verdict(wall <= goal.time && cpu <= goal.time)}), HTML+JS per page ${bytes.toFixed(3)}× (goal ≤ ${goal.bytes}×: ${verdict(bytes <= goal.bytes)})`,
	);
}

/** @type {import('./lib/markdown-throughput.mjs').ThroughputResult[]} */
let markdown = [];
if (!args['skip-markdown']) {
	const { measureMarkdownThroughput } = await import('./lib/markdown-throughput.mjs');
	markdown = await measureMarkdownThroughput(treeDir, tree.pages);
	// Each row against unified with the same highlighting setting; Waymark's parser swap against Waymark's pipeline.
	const baselineOf = (/** @type {(typeof markdown)[number]} */ m) =>
		markdown.find(
			(other) =>
				other.name ===
				(m.sameHtmlAs?.name ??
					(m.name.includes('no highlighting') ? 'unified, no highlighting' : 'unified, Shiki')),
		)?.ms ?? 0;
	const table = renderTable(
		[
			'processor (Astro defaults unless named)',
			`CPU time, ${tree.pages.length} pages`,
			'pages / CPU s',
			'vs baseline row',
			'identical HTML',
		],
		markdown.map((m) => [
			m.name,
			`${m.ms.toFixed(0)} ms`,
			m.pagesPerSecond.toFixed(0),
			ratio(m.ms, baselineOf(m)),
			m.sameHtmlAs ? `${m.sameHtmlAs.pages} / ${m.sameHtmlAs.of}` : '',
		]),
	);
	console.log(
		`\nMarkdown → HTML, same pages, one thread, best of 3 passes after a warm-up:\n\n${table}`,
	);
}

await writeFile(
	join(tmp, 'build-results.json'),
	`${JSON.stringify({ date: new Date().toISOString(), pages: tree.pages.length, runs, rows, markdown }, null, '\t')}\n`,
);
if (args.assert && missed) process.exitCode = 1;

/**
 * Two runs at once would regenerate the tree under each other's builds; the second one stops
 * instead. The lock holds this process's id and is taken over when that process is gone.
 */
async function holdLock(/** @type {string} */ file) {
	const holder = Number(await readFile(file, 'utf8').catch(() => ''));
	if (holder && holder !== process.pid && isAlive(holder)) {
		console.error(
			`Unexpected second run: bench/build.mjs is already running as process ${holder}, expected one at a time. Wait for it, or end it.`,
		);
		process.exit(2);
	}
	await writeFile(file, String(process.pid));
	process.on('exit', () => rmSync(file, { force: true }));
}

#!/usr/bin/env node
// Preview benchmark: what a reviewer preview adds to a build. A generated guidebook tree (500
// pages) is committed to a scratch git repository, then a pull request's worth of edits is made
// (5 % of the pages edited, plus pages added, removed and renamed). The baseline is `waymark build`
// of that working tree; the measured side is `waymark build --base HEAD`, which also lists the
// changes, renders both versions of each changed page, diffs them, runs the checks on them and
// writes the banner into every page. Runs are interleaved, with the same warm diagram cache and a
// cold Astro cache each, so background load hits both alike. Prints wall time, CPU time, peak
// memory and the ratios, then a Markdown table for bench/README.md.
// Usage: node bench/preview.mjs [--pages 500] [--runs 3] [--assert]  (--assert exits 1 when a goal is missed)
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { formatBytes, median, renderTable } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/preview');
/**
 * `build --base` may take at most this multiple of the plain build's CPU time (user + system of
 * the whole process tree; steadier than wall time on a shared machine).
 */
const goals = { cpu: 1.25 };

const { values: args } = parseArgs({
	options: {
		pages: { type: 'string', default: '500' },
		runs: { type: 'string', default: '3' },
		assert: { type: 'boolean', default: false },
	},
});
const runs = Number(args.runs);
const project = join(tmp, 'project');
const treeDir = join(project, 'guidebooks');
const logDir = join(tmp, 'logs');
await rm(tmp, { recursive: true, force: true });
await mkdir(logDir, { recursive: true });

const tree = await generateGuidebookTree(treeDir, { pages: Number(args.pages) });
// Pages nobody links to, so removing and renaming them in the change breaks no link.
const extra = (i) =>
	`# Retired procedure ${i}\n\n${'Kept for reference while the replacement settles in. '.repeat(8)}\n`;
for (let i = 1; i <= 4; i++) await writeFile(join(treeDir, `retired-${i}.md`), extra(i));
const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: project, stdio: 'pipe' });
git('init', '--quiet', '--initial-branch=main');
git('config', 'user.email', 'bench@example.invalid');
git('config', 'user.name', 'Bench');
git('config', 'commit.gpgsign', 'false');
git('add', '--all');
git('commit', '--quiet', '-m', 'base');

// A pull request: every 20th leaf page edited (a word changed, a paragraph added), two unlinked
// pages removed, two renamed, three added; no link breaks, so both builds pass their checks.
const leaves = tree.pages.filter((page) => !page.path.endsWith('README.md'));
const edited = leaves.filter((_, i) => i % 20 === 0);
for (const page of edited) {
	const file = join(treeDir, page.path);
	const text = await readFile(file, 'utf8');
	await writeFile(
		file,
		`${text.replace(' the ', ' every ')}\nA paragraph this change adds, with a command: \`systemctl restart app\`.\n`,
	);
}
for (const i of [1, 2]) await rm(join(treeDir, `retired-${i}.md`));
for (const i of [3, 4]) git('mv', `guidebooks/retired-${i}.md`, `guidebooks/retired-${i}-moved.md`);
for (let i = 1; i <= 3; i++)
	await writeFile(join(treeDir, `added-${i}.md`), `# Added page ${i}\n\nWritten in this change.\n`);
const changed = edited.length + 7;
console.log(
	`Tree: ${tree.pages.length} pages in a git repository; the change touches ${changed} (${project})`,
);

const diagramCache = join(tmp, 'diagram-cache');
const config = join(project, 'waymark.config.yaml');
await writeFile(config, `diagrams:\n  cacheDir: ${JSON.stringify(diagramCache)}\n`);
const { treeStoreDir } = await import('../integration/tree-store.ts');
const out = join(tmp, 'out');
const astroCache = treeStoreDir(join(dirname(config), '.waymark'), treeDir, 'trusted');

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const cli = join(repo, 'cli/main.ts');
const build = ['build', '--root', treeDir, '--out', out, '--config', config];
const variants = [
	{ name: 'build', label: '`waymark build` (baseline)', args: [cli, ...build] },
	{
		name: 'preview',
		label: '`waymark build --base HEAD`',
		args: [cli, ...build, '--base', 'HEAD'],
	},
];

console.log('Warm-up build (draws the diagrams into the shared cache; not measured)');
await measureProcess(process.execPath, [cli, ...build], {
	cwd: project,
	env,
	logFile: join(logDir, 'warm-up.log'),
});

/** @type {Record<string, import('./lib/measure-process.mjs').ProcessMeasure[]>} */
const results = Object.fromEntries(variants.map((v) => [v.name, []]));
for (let run = 1; run <= runs; run++) {
	for (const variant of variants) {
		await rm(out, { recursive: true, force: true });
		await rm(astroCache, { recursive: true, force: true });
		const measure = await measureProcess(process.execPath, variant.args, {
			cwd: project,
			env,
			logFile: join(logDir, `${variant.name}-${run}.log`),
		});
		results[variant.name]?.push(measure);
		console.log(
			`run ${run} ${variant.name}: ${(measure.wallMs / 1000).toFixed(1)} s wall, ${formatBytes(measure.peakRssBytes)} peak`,
		);
	}
}
const manifest = JSON.parse(await readFile(join(out, '_waymark/changes.json'), 'utf8'));
if (manifest.pages.length !== changed)
	throw new Error(
		`Unexpected ${manifest.pages.length} changed pages in the preview, expected ${changed}`,
	);

const summary = (name) => {
	const measures = results[name] ?? [];
	return {
		wall: median(measures.map((m) => m.wallMs)),
		cpu: median(measures.map((m) => m.cpuMs)),
		peak: median(measures.map((m) => m.peakRssBytes)),
	};
};
const base = summary('build');
const preview = summary('preview');
const ratio = {
	wall: preview.wall / base.wall,
	cpu: preview.cpu / base.cpu,
	peak: preview.peak / base.peak,
};
const rows = variants.map((v) => {
	const s = summary(v.name);
	return [
		v.label,
		`${(s.wall / 1000).toFixed(1)} s`,
		`${(s.cpu / 1000).toFixed(1)} s`,
		formatBytes(s.peak),
	];
});
rows.push([
	'ratio (preview / build)',
	ratio.wall.toFixed(2),
	ratio.cpu.toFixed(2),
	ratio.peak.toFixed(2),
]);
console.log(`\n${tree.pages.length} pages, ${changed} changed, median of ${runs} run(s):\n`);
console.log(renderTable(['variant', 'wall', 'CPU', 'peak RSS'], rows));
const met = ratio.cpu <= goals.cpu;
console.log(
	`\nGoal: build --base ≤ ${goals.cpu}× the plain build's CPU time: ${met ? 'met' : 'missed'} (${ratio.cpu.toFixed(2)}×)`,
);
if (args.assert && !met) process.exitCode = 1;

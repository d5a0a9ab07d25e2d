#!/usr/bin/env node
// One very large page: what a single 50 MB runbook costs `waymark check` and `waymark build` in
// memory. Two trees of 60 generated pages (bench/lib/guidebook-tree.mjs), one of them with an
// extra `huge.md` of --mb MiB (runbook sections: headings, tables, commands, links), are checked
// and built one after another; the cost of the page is the difference in peak RSS of the whole
// process tree (lib/measure-process.mjs), divided by the page's size. Goal (issue 15): at most
// 10× the page's size. Run with Waymark's defaults (a page over `checks.maxPageBytes`, 2 MB, is
// published as a notice) and, with --raised, with the limit above the page, so it is parsed and
// rendered whole.
// Usage: node bench/large-page.mjs [--mb 50] [--raised]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { formatBytes, renderTable } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/large-page');
const { values: args } = parseArgs({
	options: { mb: { type: 'string', default: '50' }, raised: { type: 'boolean', default: false } },
});
const size = Number(args.mb) * 1024 * 1024;
const { treeStoreDir } = await import('../integration/tree-store.ts');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
const waymark = join(repo, 'bin/waymark.mjs');

/** Runbook sections until `bytes`: a heading, prose, a command table, a bash block, links. */
function hugePage(/** @type {number} */ bytes) {
	const parts = ['# One very large runbook\n\n'];
	let length = parts[0]?.length ?? 0;
	for (let n = 1; length < bytes; n++) {
		const section = [
			`## Step ${n}: drain replica ${n % 97}\n\n`,
			`Before the change window, operators drain replica ${n % 97} and watch queue depth; see [the failover page](#step-${Math.max(1, n - 1)}-drain-replica-${Math.max(1, n - 1) % 97}) and <https://status.example.com/replicas/${n}>.\n\n`,
			'| step | command |\n| --- | --- |\n',
			`| drain | \`kubectl drain node-${n} --ignore-daemonsets\` |\n| verify | \`pg_isready -h db-${n % 13}\` |\n\n`,
			'```bash\n',
			`pg_dump -Fc erp > /backups/erp-${n}.dump\n`,
			'```\n\n',
		].join('');
		parts.push(section);
		length += section.length;
	}
	return parts.join('');
}

const rows = [];
await mkdir(tmp, { recursive: true });
const config = join(tmp, 'waymark.config.yaml');
await writeFile(
	config,
	`diagrams:\n  cacheDir: ${JSON.stringify(join(tmp, 'diagram-cache'))}\n${args.raised ? `checks:\n  maxPageBytes: ${size * 2}\n  maxNestingDepth: 100\n` : ''}`,
);
for (const withPage of [false, true]) {
	const tree = join(tmp, withPage ? 'tree-huge' : 'tree-plain');
	await generateGuidebookTree(tree, { pages: 60 });
	if (withPage) await writeFile(join(tree, 'huge.md'), hugePage(size));
	// Diagrams drawn once before anything is measured: both trees have the same ones.
	if (!withPage)
		await measureProcess(process.execPath, [waymark, 'check', '--root', tree, '--config', config], {
			cwd: repo,
			env,
			logFile: join(tmp, 'warm-up.log'),
		});
	const out = join(tmp, 'out');
	for (const [side, argv] of /** @type {const} */ ([
		['check', ['check', '--root', tree, '--config', config]],
		['build', ['build', '--root', tree, '--out', out, '--config', config]],
	])) {
		for (const path of [out, treeStoreDir(join(dirname(config), '.waymark'), tree, 'trusted')])
			await rm(path, { recursive: true, force: true });
		const load = loadavg()[0] ?? 0;
		const logFile = join(tmp, `${side}-${withPage ? 'huge' : 'plain'}.log`);
		const m = await measureProcess(process.execPath, [waymark, ...argv], {
			cwd: repo,
			env,
			logFile,
			timeoutMs: 20 * 60_000,
		});
		rows.push({ side, withPage, load, m });
		console.log(
			`${side} ${withPage ? `with a ${args.mb} MiB page` : 'without it'}: wall ${(m.wallMs / 1000).toFixed(1)} s, peak ${formatBytes(m.peakRssBytes)}, load ${load.toFixed(1)}`,
		);
	}
}
const table = renderTable(
	[
		'command',
		'peak RSS, 60 pages',
		`peak RSS, + ${args.mb} MiB page`,
		'cost of the page',
		'cost / page size',
		'goal ≤ 10×',
	],
	['check', 'build'].map((side) => {
		const plain = rows.find((r) => r.side === side && !r.withPage)?.m;
		const huge = rows.find((r) => r.side === side && r.withPage)?.m;
		if (!plain || !huge) throw new Error(`No ${side} run`);
		const cost = Math.max(0, huge.peakRssBytes - plain.peakRssBytes);
		const ratio = cost / size;
		return [
			side,
			formatBytes(plain.peakRssBytes),
			formatBytes(huge.peakRssBytes),
			formatBytes(cost),
			`${ratio.toFixed(2)}×`,
			ratio <= 10 ? 'met' : 'missed',
		];
	}),
);
console.log(
	`\n${args.raised ? 'checks.maxPageBytes raised above the page' : "Waymark's defaults (checks.maxPageBytes 2 MB)"}\n${table}`,
);
for (const tree of ['tree-plain', 'tree-huge', 'out'])
	await rm(join(tmp, tree), { recursive: true, force: true });

#!/usr/bin/env node
// `waymark check` benchmark: generated 500- and 5,000-page trees (one mermaid diagram in five
// pages, each distinct; dead links and anchors of every kind planted at known lines, the answer
// key), checked by Waymark's engine, by the `waymark check` command itself (every rule, no network,
// warm: its state folder from an untimed run before; as a project that installed Waymark runs it,
// bundled as `npm pack` bundles it, and from the checkout's sources), by `remark-cli` + `remark-validate-links`
// (links and anchors only) and by `markdownlint-cli2` (lint only) side by side in one run. Issue 56:
// the command at most as long as the fastest of the two tools that each do less, and under 1.5 s
// on a 50-page tree (`--sizes 50`). Each side runs in its own child process under `/usr/bin/time -v` (wall, user+system
// CPU, peak RSS); the findings are compared with the answer key by file:line:column. Waymark's
// diagram cache is the bench's own (bench/.tmp/check/diagram-cache): emptied before the cold run
// of each round (every diagram drawn), kept for the warm one (verdicts kept by the cold run).
// Usage: node bench/check.mjs [--sizes 500,5000] [--runs 1]
// Internal: node bench/check.mjs --child waymark|waymark-no-mermaid|waymark-links --cache DIR ROOT
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import module from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { baselinePath, ensureBaselines } from './lib/baselines.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { packedCopy } from './lib/packed-copy.mjs';
import { median, renderTable, formatBytes } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
	allowPositionals: true,
	options: {
		sizes: { type: 'string', default: '500,5000' },
		runs: { type: 'string', default: '1' },
		child: { type: 'string' },
		cache: { type: 'string' },
	},
});

// --- child: Waymark's engine in-process, findings as JSON on stdout ----------------------------
async function runChild(/** @type {string} */ mode, /** @type {string} */ root) {
	// As `cli/main.ts` does: compiled modules are kept on disk between runs.
	module.enableCompileCache();
	const { runChecks } = await import('../checks/engine.ts');
	const { parseConfig } = await import('../config/load-config.ts');
	const { loadGuidebookTree } = await import('../tree/load-tree.ts');
	const { rules } = await import('../checks/rules/index.ts');
	/** @type {Record<string, import('../checks/rules/define-rule.ts').Rule>} */
	const all = rules;
	const selected =
		mode === 'waymark-links'
			? { 'internal-links': all['internal-links'] }
			: mode === 'waymark-no-mermaid'
				? Object.fromEntries(Object.entries(all).filter(([id]) => !id.startsWith('mermaid-')))
				: all;
	/** @type {string[]} */
	const trace = [];
	const config = parseConfig({ diagrams: { cacheDir: args.cache } });
	// The checks judge the tree they are handed (issue 58's one trunk): read it as a command does.
	const tree = await loadGuidebookTree(root, {
		dialect: config.dialect,
		limits: config.checks,
		trust: 'trusted',
	});
	// The checks alone, the tree already read and parsed (issue 56, item 3: local links at lychee's pace).
	const before = process.cpuUsage();
	const report = await runChecks({
		root,
		config,
		tree,
		rules: /** @type {never} */ (selected),
		trace: (line) => trace.push(line),
	});
	const spent = process.cpuUsage(before);
	const checksCpuMs = (spent.user + spent.system) / 1000;
	const findings = report.findings.map((f) => ({
		file: f.file,
		line: f.position?.line,
		column: f.position?.column,
		rule: f.ruleId,
	}));
	process.stdout.write(
		`\n${resultMarker}${JSON.stringify({ findings, checksCpuMs, diagrams: trace.find((line) => line.startsWith('waymark: diagrams:'))?.slice('waymark: diagrams: '.length) ?? '' })}\n`,
	);
}

// --- the tree and its answer key --------------------------------------------------------------
const defectKinds = [
	'missing file',
	'missing heading on another page',
	'missing heading on the same page',
	'missing image',
	'case mismatch',
	'link leaving the root',
];

/** Writes `pages` pages in folders of 50, each folder with a README; returns the answer key. */
async function generateTree(/** @type {string} */ root, /** @type {number} */ pages) {
	await rm(root, { recursive: true, force: true });
	const perFolder = 50;
	const folders = Math.ceil(pages / perFolder);
	/** @type {Set<string>} */
	const key = new Set();
	const writes = [];
	const rootLinks = [];
	for (let f = 0; f < folders; f++) {
		const folder = `area-${f}`;
		await mkdir(join(root, folder, 'img'), { recursive: true });
		writes.push(writeFile(join(root, folder, 'img/diagram.png'), 'png'));
		rootLinks.push(`- [Area ${f}](${folder}/README.md)`);
		const count = Math.min(perFolder, pages - f * perFolder);
		const index = [
			'# Area ' + f,
			'',
			...Array.from({ length: count }, (_, i) => `- [Page ${i}](page-${i}.md#overview)`),
			'',
		];
		writes.push(writeFile(join(root, folder, 'README.md'), index.join('\n')));
		for (let i = 0; i < count; i++) {
			const n = f * perFolder + i;
			const next = (i + 1) % count;
			const lines = [
				'---',
				`title: Page ${n}`,
				`description: Generated page ${n}.`,
				'---',
				'',
				`# Page ${n}`,
				'',
				`Back to the [area](README.md). Next: [page ${next}](page-${next}.md#steps), then [verify](page-${next}.md#verify-1).`,
				'',
				'## Overview',
				'',
				'This runbook restarts the **service** and checks the `health` endpoint. It links to the [diagram](img/diagram.png).',
				'',
				'## Steps',
				'',
				'1. Drain the node.',
				'2. Restart the service with `systemctl restart app`.',
				'3. Watch the logs.',
				'',
				'```bash',
				'systemctl restart app',
				'journalctl -u app -f',
				'```',
				'',
				'## Verify',
				'',
				'| Check | Expected |',
				'| --- | --- |',
				'| health | 200 |',
				'',
				'## Verify',
				'',
				'See [the first check](#verify) and [this one](#verify-1).',
				'',
			];
			if (n % 5 === 0)
				lines.push(
					'```mermaid',
					'flowchart TD',
					`  A[Drain ${n}] --> B[Restart]`,
					'  B --> C{Healthy?}',
					'  C -->|yes| D[Done]',
					'  C -->|no| A',
					'```',
					'',
				);
			if (n % 10 === 3) {
				const kind = Math.floor(n / 10) % defectKinds.length;
				const other = `page-${next}.md`;
				const dead = [
					`[gone](page-${n}-gone.md)`,
					`[nowhere](${other}#no-such-heading)`,
					'[here](#no-such-section)',
					'![lost](img/lost.png)',
					`[case](Page-${next}.md)`,
					'[out](../../outside-the-root.md)',
				][kind];
				lines.push(`Planted: ${dead}`, '');
				key.add(`${folder}/page-${i}.md:${lines.length - 1}:10`);
			}
			writes.push(writeFile(join(root, folder, `page-${i}.md`), lines.join('\n')));
		}
	}
	writes.push(
		writeFile(join(root, 'README.md'), ['# Generated guidebooks', '', ...rootLinks, ''].join('\n')),
	);
	await Promise.all(writes);
	return key;
}

// --- measuring --------------------------------------------------------------------------------
const resultMarker = 'WAYMARK-BENCH-RESULT ';

/**
 * Runs `command` and measures its whole process tree from outside (`measure-process.mjs`: wall,
 * user+system CPU of every process, Chromium's included, peak summed RSS); `output` is its stdout
 * and stderr, `load` the 1-minute load average when it started.
 */
async function measure(
	/** @type {string} */ command,
	/** @type {string[]} */ commandArgs,
	/** @type {string} */ cwd,
	/** @type {string} */ logFile,
) {
	const load = loadavg()[0] ?? 0;
	// 1: findings, which every tree here has (planted dead links; lint).
	const m = await measureProcess(command, commandArgs, {
		cwd,
		logFile,
		env: { ...process.env, NO_COLOR: '1' },
		exitCodes: [0, 1],
	});
	return {
		wallMs: m.wallMs,
		cpuMs: m.cpuMs,
		peakRss: m.peakRssBytes,
		output: await readFile(logFile, 'utf8'),
		load,
	};
}

/** `area-0/page-3.md:47:10` for every finding remark printed (default reporter, one file heading per block). */
function parseRemarkReport(/** @type {string} */ text, /** @type {string} */ treeName) {
	const found = [];
	let file = '';
	for (const line of text.split('\n')) {
		const heading = /^(\S.*\.md)$/.exec(line);
		if (heading?.[1]) file = heading[1].replace(new RegExp(`^${treeName}/`), '');
		const message = /^\s*(\d+):(\d+)(?:-\d+:\d+)?\s+warning\s/.exec(line);
		if (message && file) found.push(`${file}:${message[1]}:${message[2]}`);
	}
	return found;
}

function score(/** @type {string[]} */ found, /** @type {Set<string>} */ key) {
	const unique = new Set(found);
	const truePositives = [...unique].filter((f) => key.has(f)).length;
	return {
		truePositives,
		falsePositives: unique.size - truePositives,
		missed: key.size - truePositives,
	};
}

async function main() {
	const sizes = args.sizes.split(',').map(Number);
	const runs = Number(args.runs);
	const tmp = join(repo, 'bench/.tmp/check');
	await mkdir(tmp, { recursive: true });
	const rc = join(tmp, 'remarkrc.json');
	await writeFile(
		rc,
		JSON.stringify({ plugins: [['remark-validate-links', { repository: false }]] }),
	);
	const node = process.execPath;
	// remark-cli and remark-validate-links come from bench/package.json; remark finds the plugin
	// named in the rc file from bench/.tmp/check by walking up to bench/node_modules.
	ensureBaselines();
	const remarkCli = baselinePath('remark-cli/cli.js');
	const markdownlintCli = baselinePath('markdownlint-cli2/markdownlint-cli2-bin.mjs');
	// The command as a project that installed Waymark runs it (bundled); the checkout's sources beside it.
	// In the system's temp folder: nothing above it has a node_modules (bench/ has its own) for
	// Node to find a package in that an install would not have.
	const packed = await mkdtemp(join(tmpdir(), 'waymark-bench-package-'));
	const packedBin = await packedCopy(repo, packed);
	const rows = [];
	const summary = [];
	for (const size of sizes) {
		const treeName = `tree-${size}`;
		const root = join(tmp, treeName);
		const cacheDir = join(tmp, 'diagram-cache');
		const key = await generateTree(root, size);
		/** @type {Record<string, Array<Awaited<ReturnType<typeof measure>>>>} */
		const results = {
			'waymark-cold': [],
			waymark: [],
			'waymark-no-mermaid': [],
			'waymark-links': [],
			'waymark-cli': [],
			'waymark-cli-sources': [],
			remark: [],
			markdownlint: [],
		};
		const cliReport = join(tmp, `cli-report-${size}.json`);
		/** `waymark check` by `bin`, with a state folder of its own (its caches are keyed by the code that runs). */
		const checkArgs = (/** @type {string} */ bin, /** @type {string} */ name) => [
			bin,
			'check',
			'--root',
			root,
			'--state-dir',
			join(tmp, `${name}-state-${size}`),
			'--format',
			'json',
			'--output',
			cliReport,
		];
		const cliArgs = checkArgs(packedBin, 'cli');
		const sourcesArgs = checkArgs(join(repo, 'bin/waymark.mjs'), 'cli-sources');
		// The command warm, as a second `check` in CI or on a laptop is: its state folder filled once, untimed.
		for (const name of ['cli', 'cli-sources'])
			await rm(join(tmp, `${name}-state-${size}`), { recursive: true, force: true });
		await measure(node, sourcesArgs, repo, join(tmp, 'waymark-cli-warm-up.log'));
		await measure(node, cliArgs, repo, join(tmp, 'waymark-cli-warm-up.log'));
		for (let r = 0; r < runs; r++) {
			// Interleaved, so load on a shared machine hits every side alike. Cold first: it empties
			// the diagram cache, draws every diagram and keeps the verdicts the warm run then reads.
			await rm(cacheDir, { recursive: true, force: true });
			for (const mode of ['waymark-cold', 'waymark', 'waymark-no-mermaid', 'waymark-links']) {
				const child = mode === 'waymark-cold' ? 'waymark' : mode;
				results[mode]?.push(
					await measure(
						node,
						[fileURLToPath(import.meta.url), '--child', child, '--cache', cacheDir, root],
						repo,
						join(tmp, `${mode}.log`),
					),
				);
			}
			results['waymark-cli-sources']?.push(
				await measure(node, sourcesArgs, repo, join(tmp, 'waymark-cli-sources.log')),
			);
			// Last of Waymark's sides: the report file the scores read is this one's.
			results['waymark-cli']?.push(
				await measure(node, cliArgs, repo, join(tmp, 'waymark-cli.log')),
			);
			results.remark?.push(
				await measure(
					node,
					[remarkCli, treeName, '--rc-path', rc, '--no-stdout', '--no-color', '--quiet'],
					tmp,
					join(tmp, 'remark.log'),
				),
			);
			results.markdownlint?.push(
				await measure(
					node,
					[markdownlintCli, `${treeName}/**/*.md`],
					tmp,
					join(tmp, 'markdownlint.log'),
				),
			);
		}
		const last = (/** @type {string} */ mode) =>
			/** @type {Awaited<ReturnType<typeof measure>>} */ (results[mode]?.at(-1));
		const waymarkResult = (/** @type {string} */ mode) => {
			const line = last(mode)
				.output.split('\n')
				.find((l) => l.startsWith(resultMarker));
			return /** @type {{ findings: Array<{ file: string; line: number; column: number }>; diagrams: string }} */ (
				JSON.parse(line?.slice(resultMarker.length) ?? '{"findings":[],"diagrams":""}')
			);
		};
		const waymarkFound = (/** @type {string} */ mode) =>
			waymarkResult(mode).findings.map((f) => `${f.file}:${f.line}:${f.column}`);
		/** @type {{ findings: Array<{ file: string; line: number; column: number }> }} */
		const cliFindings = JSON.parse(await readFile(cliReport, 'utf8'));
		const scores = {
			'waymark-cold': score(waymarkFound('waymark-cold'), key),
			waymark: score(waymarkFound('waymark'), key),
			'waymark-no-mermaid': score(waymarkFound('waymark-no-mermaid'), key),
			'waymark-links': score(waymarkFound('waymark-links'), key),
			'waymark-cli': score(
				cliFindings.findings.map((f) => `${f.file}:${f.line}:${f.column}`),
				key,
			),
			'waymark-cli-sources': undefined,
			remark: score(parseRemarkReport(last('remark').output, treeName), key),
			markdownlint: undefined,
		};
		const wall = (/** @type {string} */ mode) => median((results[mode] ?? []).map((m) => m.wallMs));
		const cpu = (/** @type {string} */ mode) => median((results[mode] ?? []).map((m) => m.cpuMs));
		const labels = {
			'waymark-cold': 'Waymark, every rule, diagram cache empty (cold)',
			waymark: 'Waymark, every rule (warm: verdicts kept)',
			'waymark-no-mermaid': 'Waymark, without mermaid rules',
			'waymark-links': 'Waymark, internal-links only',
			'waymark-cli': '`waymark check`, the command as installed (bundled; every rule, warm)',
			'waymark-cli-sources': '`waymark check` from a checkout (its TypeScript sources)',
			remark: 'remark-cli + remark-validate-links (links only)',
			markdownlint: 'markdownlint-cli2 (lint only)',
		};
		for (const mode of Object.keys(results)) {
			const s = scores[/** @type {keyof typeof scores} */ (mode)];
			rows.push([
				String(size),
				labels[/** @type {keyof typeof labels} */ (mode)],
				`${(wall(mode) / 1000).toFixed(1)} s`,
				`${(cpu(mode) / 1000).toFixed(1)} s`,
				formatBytes(median((results[mode] ?? []).map((m) => m.peakRss))),
				s ? `${s.truePositives}/${key.size}` : mode === 'markdownlint' ? 'n/a (lint)' : '',
				s ? String(s.falsePositives) : '',
				mode === 'remark' ? '1.00×' : `${(cpu('remark') / cpu(mode)).toFixed(2)}×`,
				mode === 'remark' ? '1.00×' : `${(wall('remark') / wall(mode)).toFixed(2)}×`,
				mode.startsWith('waymark') ? waymarkResult(mode).diagrams : '',
				median((results[mode] ?? []).map((m) => m.load)).toFixed(1),
			]);
		}
		// Issue 56, item 3: the checks alone once pages are parsed, and a second command after one edit.
		const linksCpu = median(
			(results['waymark-links'] ?? []).map((m) => {
				const line = m.output.split('\n').find((l) => l.startsWith(resultMarker));
				return Number(JSON.parse(line?.slice(resultMarker.length) ?? '{}').checksCpuMs ?? NaN);
			}),
		);
		// Each run one page different from the run before it: edited, restored, edited, … (median of at least 3).
		const edited = join(root, 'area-0/page-1.md');
		const page = await readFile(edited, 'utf8');
		const afterEdits = [];
		for (let r = 0; r < Math.max(3, runs); r++) {
			await writeFile(edited, r % 2 === 0 ? `${page}\nOne more sentence after the build.\n` : page);
			afterEdits.push(await measure(node, cliArgs, repo, join(tmp, 'waymark-cli-edited.log')));
		}
		await writeFile(edited, page);
		const afterEdit = { wallMs: median(afterEdits.map((m) => m.wallMs)) };
		summary.push(
			`${size} pages: internal links and anchors checked in ${(linksCpu / 1000).toFixed(2)} s of CPU once pages are parsed (goal under 1 s at 3,000); \`waymark check\` after a one-page edit ${(afterEdit.wallMs / 1000).toFixed(2)} s wall against ${(wall('waymark-cli') / 1000).toFixed(2)} s warm (${((afterEdit.wallMs - wall('waymark-cli')) / 1000).toFixed(2)} s more)`,
		);
		const fastest = Math.min(wall('remark'), wall('markdownlint'));
		summary.push(
			`${size} pages: \`waymark check\` as installed ${(wall('waymark-cli') / 1000).toFixed(3)} s wall, ${(wall('waymark-cli') / fastest).toFixed(2)}× the faster of remark-validate-links (${(wall('remark') / 1000).toFixed(3)} s) and markdownlint-cli2 (${(wall('markdownlint') / 1000).toFixed(3)} s) (goal ≤ 1.0×; under 1.5 s at 50 pages); from a checkout's sources ${(wall('waymark-cli-sources') / 1000).toFixed(3)} s (${(wall('waymark-cli-sources') / fastest).toFixed(2)}×)`,
		);
		summary.push(
			`${size} pages: Waymark (every rule, warm) ${(cpu('remark') / cpu('waymark')).toFixed(2)}× less CPU, ${(wall('remark') / wall('waymark')).toFixed(2)}× faster wall than remark-validate-links (goal ≥ 2×); cold ${(cpu('remark') / cpu('waymark-cold')).toFixed(2)}× CPU, ${(wall('remark') / wall('waymark-cold')).toFixed(2)}× wall; mermaid rules cost ${((cpu('waymark') - cpu('waymark-no-mermaid')) / 1000).toFixed(1)} s CPU warm`,
		);
	}
	process.stdout.write(
		`${renderTable(['pages', 'tool', 'wall', 'CPU (user+sys)', 'peak RSS (tree)', 'true findings', 'false positives', 'CPU speed-up vs remark', 'wall speed-up vs remark', 'diagrams', 'load (1 min)'], rows)}\n\n${summary.join('\n')}\n`,
	);
	process.stdout.write(
		`Defect kinds planted (one in ten pages, cycling): ${defectKinds.join(', ')}.\n`,
	);
	await rm(packed, { recursive: true, force: true });
}

if (args.child) await runChild(args.child, process.argv.at(-1) ?? '');
else await main();

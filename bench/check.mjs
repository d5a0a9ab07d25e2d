#!/usr/bin/env node
// `waymark check` benchmark: generated 500- and 5,000-page trees (one mermaid diagram in five
// pages; dead links and anchors of every kind planted at known lines, the answer key), checked by
// Waymark's engine and by `remark-cli` + `remark-validate-links` side by side in one run. Each side
// runs in its own child process under `/usr/bin/time -v` (wall, user+system CPU, peak RSS); the
// findings are compared with the answer key by file:line:column.
// Usage: node bench/check.mjs [--sizes 500,5000] [--runs 1]
// Internal: node bench/check.mjs --child waymark|waymark-no-mermaid|waymark-links ROOT
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { baselinePath, ensureBaselines } from './lib/baselines.mjs';
import { median, renderTable, formatBytes } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
	allowPositionals: true,
	options: { sizes: { type: 'string', default: '500,5000' }, runs: { type: 'string', default: '1' }, child: { type: 'string' } },
});


// --- child: Waymark's engine in-process, findings as JSON on stdout ----------------------------
async function runChild(/** @type {string} */ mode, /** @type {string} */ root) {
	const { runChecks } = await import('../checks/engine.ts');
	const { parseConfig } = await import('../config/load-config.ts');
	const { rules } = await import('../checks/rules/index.ts');
	/** @type {Record<string, import('../checks/rules/define-rule.ts').Rule>} */
	const all = rules;
	const selected =
		mode === 'waymark-links'
			? { 'internal-links': all['internal-links'] }
			: mode === 'waymark-no-mermaid'
				? Object.fromEntries(Object.entries(all).filter(([id]) => !id.startsWith('mermaid-')))
				: all;
	const report = await runChecks({ root, config: parseConfig({}), rules: /** @type {never} */ (selected) });
	process.stdout.write(JSON.stringify(report.findings.map((f) => ({ file: f.file, line: f.position?.line, column: f.position?.column, rule: f.ruleId }))));
}

// --- the tree and its answer key --------------------------------------------------------------
const defectKinds = ['missing file', 'missing heading on another page', 'missing heading on the same page', 'missing image', 'case mismatch', 'link leaving the root'];

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
		const index = ['# Area ' + f, '', ...Array.from({ length: count }, (_, i) => `- [Page ${i}](page-${i}.md#overview)`), ''];
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
			if (n % 5 === 0) lines.push('```mermaid', 'flowchart TD', '  A[Drain] --> B[Restart]', '  B --> C{Healthy?}', '  C -->|yes| D[Done]', '  C -->|no| A', '```', '');
			if (n % 10 === 3) {
				const kind = Math.floor(n / 10) % defectKinds.length;
				const other = `page-${next}.md`;
				const dead = [`[gone](page-${n}-gone.md)`, `[nowhere](${other}#no-such-heading)`, '[here](#no-such-section)', '![lost](img/lost.png)', `[case](Page-${next}.md)`, '[out](../../outside-the-root.md)'][kind];
				lines.push(`Planted: ${dead}`, '');
				key.add(`${folder}/page-${i}.md:${lines.length - 1}:10`);
			}
			writes.push(writeFile(join(root, folder, `page-${i}.md`), lines.join('\n')));
		}
	}
	writes.push(writeFile(join(root, 'README.md'), ['# Generated guidebooks', '', ...rootLinks, ''].join('\n')));
	await Promise.all(writes);
	return key;
}

// --- measuring --------------------------------------------------------------------------------
/** Runs `command` under `/usr/bin/time -v` (or bare, reading wall time only) and parses its figures. */
async function measure(/** @type {string} */ command, /** @type {string[]} */ commandArgs, /** @type {string} */ cwd) {
	const useTime = existsSync('/usr/bin/time');
	const started = performance.now();
	const { stdout, stderr } = await promisify(execFile)(useTime ? '/usr/bin/time' : command, useTime ? ['-v', command, ...commandArgs] : commandArgs, {
		cwd,
		maxBuffer: 256 * 1024 * 1024,
		env: { ...process.env, NO_COLOR: '1' },
	}).catch((/** @type {{ stdout: string; stderr: string }} */ error) => error);
	const wallMs = performance.now() - started;
	const num = (/** @type {RegExp} */ re) => Number(re.exec(stderr)?.[1] ?? NaN);
	return {
		stdout,
		stderr,
		wallMs,
		cpuMs: (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000,
		peakRss: num(/Maximum resident set size \(kbytes\): (\d+)/) * 1024,
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
	return { truePositives, falsePositives: unique.size - truePositives, missed: key.size - truePositives };
}

async function main() {
	const sizes = args.sizes.split(',').map(Number);
	const runs = Number(args.runs);
	const tmp = join(repo, 'bench/.tmp/check');
	await mkdir(tmp, { recursive: true });
	const rc = join(tmp, 'remarkrc.json');
	await writeFile(rc, JSON.stringify({ plugins: [['remark-validate-links', { repository: false }]] }));
	const node = process.execPath;
	// remark-cli and remark-validate-links come from bench/package.json; remark finds the plugin
	// named in the rc file from bench/.tmp/check by walking up to bench/node_modules.
	ensureBaselines();
	const remarkCli = baselinePath('remark-cli/cli.js');
	const rows = [];
	const summary = [];
	for (const size of sizes) {
		const treeName = `tree-${size}`;
		const root = join(tmp, treeName);
		const key = await generateTree(root, size);
		/** @type {Record<string, Array<Awaited<ReturnType<typeof measure>>>>} */
		const results = { waymark: [], 'waymark-no-mermaid': [], 'waymark-links': [], remark: [] };
		for (let r = 0; r < runs; r++) {
			// Interleaved, so load on a shared machine hits every side alike.
			for (const mode of ['waymark', 'waymark-no-mermaid', 'waymark-links']) {
				results[mode]?.push(await measure(node, [fileURLToPath(import.meta.url), '--child', mode, root], repo));
			}
			results.remark?.push(await measure(node, [remarkCli, treeName, '--rc-path', rc, '--no-stdout', '--no-color', '--quiet'], tmp));
		}
		const last = (/** @type {string} */ mode) => /** @type {Awaited<ReturnType<typeof measure>>} */ (results[mode]?.at(-1));
		const waymarkFound = (/** @type {string} */ mode) => {
			const findings = /** @type {Array<{ file: string; line: number; column: number }>} */ (JSON.parse(last(mode).stdout || '[]'));
			return findings.map((f) => `${f.file}:${f.line}:${f.column}`);
		};
		const scores = {
			waymark: score(waymarkFound('waymark'), key),
			'waymark-no-mermaid': score(waymarkFound('waymark-no-mermaid'), key),
			'waymark-links': score(waymarkFound('waymark-links'), key),
			remark: score(parseRemarkReport(last('remark').stderr, treeName), key),
		};
		const wall = (/** @type {string} */ mode) => median((results[mode] ?? []).map((m) => m.wallMs));
		const cpu = (/** @type {string} */ mode) => median((results[mode] ?? []).map((m) => m.cpuMs));
		const labels = { waymark: 'Waymark, every rule', 'waymark-no-mermaid': 'Waymark, without mermaid rules', 'waymark-links': 'Waymark, internal-links only', remark: 'remark-cli + remark-validate-links' };
		for (const mode of Object.keys(results)) {
			const s = scores[/** @type {keyof typeof scores} */ (mode)];
			rows.push([
				String(size),
				labels[/** @type {keyof typeof labels} */ (mode)],
				`${(wall(mode) / 1000).toFixed(1)} s`,
				`${(cpu(mode) / 1000).toFixed(1)} s`,
				formatBytes(median((results[mode] ?? []).map((m) => m.peakRss))),
				`${s.truePositives}/${key.size}`,
				String(s.falsePositives),
				mode === 'remark' ? '1.00×' : `${(cpu('remark') / cpu(mode)).toFixed(2)}×`,
			]);
		}
		summary.push(`${size} pages: Waymark (every rule) ${(cpu('remark') / cpu('waymark')).toFixed(2)}× less CPU, ${(wall('remark') / wall('waymark')).toFixed(2)}× faster wall than remark-validate-links; mermaid rules cost ${((cpu('waymark') - cpu('waymark-no-mermaid')) / 1000).toFixed(1)} s CPU`);
	}
	process.stdout.write(`${renderTable(['pages', 'tool', 'wall', 'CPU (user+sys)', 'peak RSS', 'true findings', 'false positives', 'CPU speed-up vs remark'], rows)}\n\n${summary.join('\n')}\n`);
	process.stdout.write(`Defect kinds planted (one in ten pages, cycling): ${defectKinds.join(', ')}.\n`);
}

if (args.child) await runChild(args.child, process.argv.at(-1) ?? '');
else await main();

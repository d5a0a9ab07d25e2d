#!/usr/bin/env node
// Reviews benchmark: `cited-changes` and `review-due` on a generated 2,000-page tree in a git
// repository with a history (an initial commit, then 60 commits changing alert rules, scripts,
// probe declarations and pages on later days), where a quarter of the pages are the runbook of an
// alerting rule (5 rule files outside the root), one in five links a script outside the root, one in
// ten shows a probe declared on another page, and every page has a review date. Waymark's rules run in
// this process on the loaded tree, several times (wall time; git processes counted through a `git` on
// the PATH that logs each call). The baseline is what teams write by hand: one `git log -1` per page
// and per file it cites, compared by date (no rules or probes as items, no reviews).
// Usage: node bench/reviews.mjs [--pages 2000] [--runs 5]
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { createRandom } from './lib/prng.mjs';
import { median, renderTable } from './lib/report.mjs';

const exec = promisify(execFile);
const tmp = fileURLToPath(new URL('.tmp/reviews/', import.meta.url));
const { values: args } = parseArgs({
	options: { pages: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } },
});
const pageCount = Number(args.pages);
const runs = Number(args.runs);
const line = (text) => process.stdout.write(`${text}\n`);
const siteUrl = 'https://runbooks.bench.example';

async function commit(repo, when, message) {
	const env = {
		...process.env,
		GIT_AUTHOR_DATE: when,
		GIT_COMMITTER_DATE: when,
		GIT_AUTHOR_NAME: 'Bench',
		GIT_AUTHOR_EMAIL: 'bench@example.invalid',
		GIT_COMMITTER_NAME: 'Bench',
		GIT_COMMITTER_EMAIL: 'bench@example.invalid',
	};
	await exec('git', ['-C', repo, 'add', '--all'], { env });
	await exec(
		'git',
		['-C', repo, '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', message],
		{ env, maxBuffer: 1 << 26 },
	);
}

/** The rule files: one alerting rule per runbook page, its runbook_url on the page, `expr` numbered by revision. */
function ruleFiles(runbooks, revisions) {
	const files = new Map();
	runbooks.forEach((page, i) => {
		const file = `monitoring/rules-${i % 5}.yml`;
		const lines = files.get(file) ?? ['groups:', `  - name: bench-${i % 5}`, '    rules:'];
		lines.push(
			`      - alert: Bench${i}`,
			`        expr: bench_metric{page="${i}"} > ${revisions.get(i) ?? 0}`,
			'        annotations:',
			`          runbook_url: ${siteUrl}${page.route}`,
		);
		files.set(file, lines);
	});
	return files;
}

async function prepare() {
	const repo = join(tmp, 'repo');
	const root = join(repo, 'docs');
	await rm(repo, { recursive: true, force: true });
	await generateGuidebookTree(root, { pages: pageCount });
	await exec('git', ['init', '--quiet', '--initial-branch=main', repo]);
	const { loadGuidebookTree } = await import('../tree/load-tree.ts');
	const pages = [...(await loadGuidebookTree(root)).pages.values()].sort((a, b) =>
		a.path.localeCompare(b.path),
	);
	const random = createRandom(20261123);
	const runbooks = pages.filter((_, i) => i % 4 === 0);
	const hubs = pages.filter((page) => /README\.md$/.test(page.path)).slice(0, 50);
	const texts = new Map(
		await Promise.all(
			pages.map(async (page) => [page.path, await readFile(join(root, page.path), 'utf8')]),
		),
	);
	const probeOf = new Map(hubs.map((hub, i) => [hub.path, `bench-probe-${i}`]));
	for (const [index, page] of pages.entries()) {
		const probe = probeOf.get(page.path);
		const front = [
			`reviewed: 2026-0${1 + (index % 9)}-15`,
			...(probe
				? [
						'probes:',
						`  - id: ${probe}`,
						`    http: https://${probe}.bench.example/health`,
						'    interval: 30s',
					]
				: []),
		];
		const body = texts.get(page.path).replace(/^---\n[^]*?\n---\n/, '');
		const depth = page.path.split('/').length - 1;
		const extra = [
			...(index % 5 === 0
				? [`Run [the script](${'../'.repeat(depth + 1)}scripts/job-${index % 40}.sh).`]
				: []),
			...(index % 10 === 3 && !probe
				? [`Status: :status{probe=${random.pick([...probeOf.values()])}}`]
				: []),
		];
		await writeFile(
			join(root, page.path),
			`---\n${front.join('\n')}\n---\n${body}\n${extra.join('\n\n')}\n`,
		);
	}
	const revisions = new Map();
	const writeRules = async () => {
		for (const [file, lines] of ruleFiles(runbooks, revisions))
			await writeFile(join(repo, file), `${lines.join('\n')}\n`);
	};
	await mkdir(join(repo, 'monitoring'), { recursive: true });
	await mkdir(join(repo, 'scripts'), { recursive: true });
	await writeRules();
	for (let i = 0; i < 40; i++)
		await writeFile(join(repo, `scripts/job-${i}.sh`), `echo job ${i}\n`);
	await writeFile(
		join(repo, 'waymark.config.yaml'),
		`root: docs\nsite: { url: '${siteUrl}' }\nalerts: { rules: ['../monitoring/*.yml'] }\n`,
	);
	await commit(repo, '2026-01-10T12:00:00Z', 'initial');
	for (let c = 0; c < 60; c++) {
		const kind = c % 4;
		if (kind === 0)
			for (let k = 0; k < 10; k++) revisions.set(random.int(0, runbooks.length - 1), c + 1);
		if (kind === 0) await writeRules();
		if (kind === 1)
			await writeFile(
				join(repo, `scripts/job-${random.int(0, 39)}.sh`),
				`echo job revision ${c}\n`,
			);
		if (kind === 2) {
			const hub = random.pick(hubs);
			const text = await readFile(join(root, hub.path), 'utf8');
			await writeFile(join(root, hub.path), text.replace(/interval: \d+s/, `interval: ${31 + c}s`));
		}
		if (kind === 3) {
			const page = random.pick(pages);
			await writeFile(
				join(root, page.path),
				`${await readFile(join(root, page.path), 'utf8')}\nRevised in commit ${c}.\n`,
			);
		}
		await commit(
			repo,
			new Date(Date.parse('2026-02-01T12:00:00Z') + c * 3 * 86_400_000).toISOString(),
			`change ${c}`,
		);
	}
	return { repo, root };
}

/** A `git` first on the PATH that logs each call, then runs the real one. */
async function countingGit() {
	const bin = join(tmp, 'bin');
	const log = join(tmp, 'git-calls');
	await mkdir(bin, { recursive: true });
	const real = (await exec('sh', ['-c', 'command -v git'])).stdout.trim();
	await writeFile(join(bin, 'git'), `#!/bin/sh\necho x >> '${log}'\nexec '${real}' "$@"\n`);
	await chmod(join(bin, 'git'), 0o755);
	return {
		path: `${bin}:${process.env.PATH}`,
		async count(work) {
			await writeFile(log, '');
			const path = process.env.PATH;
			process.env.PATH = `${bin}:${path}`;
			try {
				await work();
			} finally {
				process.env.PATH = path;
			}
			return (await readFile(log, 'utf8')).split('\n').filter(Boolean).length;
		},
	};
}

async function main() {
	line(
		`reviews benchmark: ${pageCount} pages, ${runs} runs; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`,
	);
	const { repo, root } = await prepare();
	const { loadGuidebookTree } = await import('../tree/load-tree.ts');
	const { loadConfig } = await import('../config/load-config.ts');
	const { loadAlertSources } = await import('../alerts/load-alerts.ts');
	const { runChecks } = await import('../checks/engine.ts');
	const loaded = await loadConfig({ cwd: repo });
	let tree = await loadGuidebookTree(root);
	const alerts = await loadAlertSources(loaded.config, root);
	const now = new Date('2026-12-01T12:00:00Z');
	const git = await countingGit();
	const waymark = [];
	let findings = 0;
	let calls = 0;
	for (let i = 0; i < runs; i++) {
		// A tree of its own each run (loaded outside the timing): one tree's git reads and citations are kept for the run.
		if (i > 0) tree = await loadGuidebookTree(root);
		const started = performance.now();
		calls = await git.count(async () => {
			const report = await runChecks({
				root,
				config: loaded.config,
				tree,
				alerts,
				only: ['cited-changes', 'review-due'],
				now,
			});
			findings = report.findings.length;
		});
		waymark.push(performance.now() - started);
	}
	const { collectCitations } = await import('../checks/reviews/citations.ts');
	const cited = collectCitations(tree, alerts, { url: siteUrl, base: '/' }, tree.pages.keys());
	const citations = [...cited.values()].reduce((sum, list) => sum + list.length, 0);
	const naive = [];
	let naiveCalls = 0;
	for (let i = 0; i < Math.min(runs, 2); i++) {
		const started = performance.now();
		naiveCalls = await git.count(async () => {
			for (const [path, list] of cited) {
				await exec('git', ['-C', repo, 'log', '-1', '--format=%cI', '--', join('docs', path)]);
				for (const citation of list)
					await exec('git', ['-C', repo, 'log', '-1', '--format=%cI', '--', citation.source.file]);
			}
		});
		naive.push(performance.now() - started);
	}
	line(
		`${tree.pages.size} pages, ${alerts.rules.length} alerting rules; ${cited.size} pages cite ${citations} things; ${findings} findings`,
	);
	line(
		renderTable(
			['side', 'wall (median)', 'git processes'],
			[
				[
					'waymark `cited-changes` + `review-due`',
					`${(median(waymark) / 1000).toFixed(2)} s`,
					String(calls),
				],
				[
					'naive: `git log -1` per page and cited file',
					`${(median(naive) / 1000).toFixed(2)} s`,
					String(naiveCalls),
				],
			],
		),
	);
	line(`ratio naive / waymark: ${(median(naive) / median(waymark)).toFixed(1)}x`);
}

await main();

#!/usr/bin/env node
// Pathological inputs (issue 25, item 5). Two parts:
// 1. The exact cases, each a `waymark` command run as a child process (wall, CPU, peak
//    memory of its process tree, exit code, a time limit): an `exclude` regex `(a+)+$` in
//    mkdocs.yml with a matching file name under `check --untrusted`; a 320 KB page rewritten on a
//    branch under `build --base`; 60,000 headings and 15,000 links to missing anchors under
//    `check`. With `--base DIR` (a checkout of the baseline with its node_modules), each case runs
//    there too, interleaved with this checkout, in the same run.
// 2. Inputs built to make one step grow faster than its input, each at a size n and 8n, in this
//    process: the time of each and their ratio. Linear work grows about 8-fold, quadratic work
//    64-fold; the suite asserts ratios under 20 for the cases it can afford (test/**/*bounded*,
//    test/core/linear-regex.test.ts), this part measures them at sizes the suite cannot.
// Usage: node bench/pathological.mjs [--base DIR] [--limit 150] [--only name] [--skip-cli] [--skip-growth] [--scale 1]
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureProcess } from './lib/measure-process.mjs';
import { formatBytes, renderTable } from './lib/report.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/pathological');
const { values: args } = parseArgs({
	options: {
		base: { type: 'string' },
		limit: { type: 'string', default: '150' },
		scale: { type: 'string', default: '1' },
		only: { type: 'string' },
		'skip-cli': { type: 'boolean', default: false },
		'skip-growth': { type: 'boolean', default: false },
	},
});
const scale = Number(args.scale);
const limitMs = Number(args.limit) * 1000;
const selected = (name) => !args.only || name.includes(args.only);

/** `count` words from a vocabulary of 5,000, by a fixed sequence (mulberry32). */
function words(count, seed) {
	let state = seed;
	const out = [];
	for (let i = 0; i < count; i++) {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
		out.push(`w${(((t ^ (t >>> 14)) >>> 0) % 5000).toString(36)}`);
	}
	return out.join(' ');
}

async function writeTree(root, files) {
	await rm(root, { recursive: true, force: true });
	for (const [path, text] of Object.entries(files)) {
		await mkdir(dirname(join(root, path)), { recursive: true });
		await writeFile(join(root, path), text);
	}
}

const git = (cwd, ...gitArgs) =>
	execFileSync(
		'git',
		['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...gitArgs],
		{ cwd, stdio: 'pipe' },
	);

/** A page of `paragraphs` paragraphs of 1,000 words each (about 4.6 KB), from `seed`. */
const wordsPage = (paragraphs, seed) =>
	`# Runbook\n\n${Array.from({ length: paragraphs }, (_, i) => words(1_000, seed * 10_000 + i)).join('\n\n')}\n`;

/** The cases: a project folder each, and the command run in it. */
const cliCases = {
	'`(a+)+$` exclude regex, `check --untrusted`': {
		args: ['check', '--root', 'docs', '--untrusted'],
		make: (dir) =>
			writeTree(dir, {
				'mkdocs.yml': "site_name: Ops\nplugins:\n  - exclude:\n      regex:\n        - '(a+)+$'\n",
				'waymark.config.yaml': 'build:\n  stallTimeoutSeconds: 5\n',
				'docs/index.md': '# Home\n',
				[`docs/${'a'.repeat(48)}!.md`]: '# Backtracking\n',
			}),
	},
	'320 KB page rewritten, `build --base`': {
		args: ['build', '--root', 'docs', '--out', 'dist', '--base', 'main'],
		async make(dir) {
			await writeTree(dir, {
				'docs/README.md': '# Ops\n\n[Runbook](runbook.md)\n',
				'docs/runbook.md': wordsPage(70, 1),
			});
			git(dir, 'init', '-q', '-b', 'main');
			git(dir, 'add', '.');
			git(dir, 'commit', '-q', '-m', 'base');
			git(dir, 'checkout', '-q', '-b', 'rewrite');
			await writeFile(join(dir, 'docs/runbook.md'), wordsPage(70, 2));
			git(dir, 'commit', '-q', '-am', 'rewrite');
		},
		note: async (dir) =>
			`${((await readFile(join(dir, 'docs/runbook.md'))).length / 1024).toFixed(0)} KB`,
		// What the preview made of the page: diffed word by word, or shown whole with the notice.
		said: async (dir) => {
			const changes = await readFile(join(dir, 'dist/_waymark/changes.json'), 'utf8').catch(
				() => undefined,
			);
			return changes === undefined
				? 'no changes.json'
				: /"whole":\s*true/.test(changes)
					? 'changes.json: shown whole'
					: 'changes.json: diffed word by word';
		},
	},
	'60,000 headings, 15,000 links to missing anchors, `check`': {
		args: ['check', '--root', 'docs', '--config', 'waymark.config.yaml'],
		make: (dir) =>
			writeTree(dir, {
				// The page is 2.2 MB: past the default limit it would be published as a notice, unchecked.
				'waymark.config.yaml': 'checks:\n  maxPageBytes: 10000000\n',
				'docs/README.md': `# Home\n\n${Array.from({ length: 15_000 }, (_, i) => `- [x](#step-${i}-drain-replca-${i % 97})\n`).join('')}\n${Array.from({ length: 60_000 }, (_, i) => `## Step ${i} drain replica ${i % 97}\n`).join('\n')}`,
			}),
	},
};

/** Runs `waymark` of `checkout` in `dir`: wall, CPU, peak RSS, exit code or the limit passed, and the output's last line. */
async function runCase(checkout, dir, cliArgs) {
	const logFile = join(dir, '..', `${dir.split('/').at(-1)}.log`);
	// Through sh, so that a non-zero exit (findings) is measured like any other.
	const script = `"$0" "$@"; echo "exit $?"`;
	const env = { ...process.env, NO_COLOR: '1' };
	try {
		const measured = await measureProcess(
			'sh',
			['-c', script, process.execPath, join(checkout, 'bin/waymark.mjs'), ...cliArgs],
			{ cwd: dir, env, logFile, timeoutMs: limitMs },
		);
		const log = await readFile(logFile, 'utf8');
		const code = /exit (\d+)\s*$/.exec(log)?.[1];
		const said = log
			.split('\n')
			.filter((line) =>
				/too much to diff|errors?, \d+ warnings?|made no progress|Added the preview|Built /.test(
					line,
				),
			);
		return { ...measured, outcome: `exit ${code}`, said };
	} catch (error) {
		const message = String(error instanceof Error ? error.message : error);
		if (!message.startsWith('Timed out')) throw error;
		const soFar = /CPU ([\d.]+) s, peak RSS ([\d.]+) GiB/.exec(message);
		return {
			wallMs: limitMs,
			cpuMs: Number(soFar?.[1] ?? Number.NaN) * 1000,
			peakRssBytes: Number(soFar?.[2] ?? 0) * 2 ** 30,
			outcome: `killed at the ${limitMs / 1000} s limit`,
			said: [],
		};
	}
}

if (!args['skip-cli']) {
	const sides = [['this checkout', repo], ...(args.base ? [['baseline', resolve(args.base)]] : [])];
	const rows = [];
	for (const [name, { args: cliArgs, make, note, said }] of Object.entries(cliCases)) {
		if (!selected(name)) continue;
		for (const [side, checkout] of sides) {
			const dir = join(tmp, 'cli', side.replaceAll(' ', '-'));
			await make(dir);
			const result = await runCase(checkout, dir, cliArgs);
			if (said && result.outcome === 'exit 0') result.said.push(await said(dir));
			const row = [
				name + (note ? ` (${await note(dir)})` : ''),
				side,
				`${(result.wallMs / 1000).toFixed(1)} s`,
				Number.isNaN(result.cpuMs) ? '—' : `${(result.cpuMs / 1000).toFixed(1)} s`,
				formatBytes(result.peakRssBytes),
				result.outcome,
				result.said.join(' / '),
			];
			rows.push(row);
			process.stdout.write(`${row.join('  ')}\n`);
			await rm(dir, { recursive: true, force: true });
		}
	}
	process.stdout.write(
		`\nload average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}\n\n`,
	);
	process.stdout.write(
		renderTable(['case', 'side', 'wall', 'CPU', 'peak RSS', 'outcome', 'said'], rows),
	);
	process.stdout.write('\n');
}

if (args['skip-growth']) process.exit(0);

const { runChecks } = await import('../checks/engine.ts');
const { parseConfig } = await import('../config/load-config.ts');
const { loadGuidebookTree } = await import('../tree/load-tree.ts');
const { diffRenderedHtml } = await import('../preview/diff.ts');
const { compileLinearRegex } = await import('../core/linear-regex.ts');
const { compileGlobs } = await import('../core/glob.ts');

/** Writes `files` into a fresh folder and runs every rule but the drawing ones on it; returns ms. */
async function checkTree(name, files) {
	const root = join(tmp, name);
	await writeTree(root, files);
	const config = parseConfig({
		checks: {
			maxPageBytes: 10_000_000,
			rules: { 'mermaid-render': 'off', 'mermaid-syntax': 'off' },
		},
	});
	const started = performance.now();
	const tree = await loadGuidebookTree(root, { limits: config.checks });
	await runChecks({ root, config, tree });
	const ms = performance.now() - started;
	await rm(root, { recursive: true, force: true });
	return ms;
}

const cases = {
	'missing anchors (check)': {
		size: 1_000,
		run: (n) =>
			checkTree('anchors', {
				'README.md': `# Home\n\n${Array.from({ length: n }, (_, i) => `- [x](#step-${i}-drain-replca-${i % 97})\n`).join('')}\n${Array.from({ length: 4 * n }, (_, i) => `## Step ${i} drain replica ${i % 97}\n`).join('\n')}`,
			}),
	},
	'links into one page (check)': {
		size: 500,
		run: (n) =>
			checkTree('fan-in', {
				'README.md': '# Home\n\n## Target\n',
				...Object.fromEntries(
					Array.from({ length: n }, (_, i) => [
						`p${i}.md`,
						`# Page ${i}\n\n[Home](README.md#target) [Next](p${(i + 1) % n}.md)\n`,
					]),
				),
			}),
	},
	'one page linking to every page (check)': {
		size: 500,
		run: (n) =>
			checkTree('fan-out', {
				'README.md': `# Home\n\n${Array.from({ length: n }, (_, i) => `- [${i}](p${i}.md#page-${i})\n`).join('')}`,
				...Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}.md`, `# Page ${i}\n`])),
			}),
	},
	'moved files of one name (check)': {
		size: 200,
		run: (n) =>
			checkTree('moved', {
				'README.md': `# Home\n\n${Array.from({ length: n }, (_, i) => `- [x](gone-${i}/README.md)\n`).join('')}`,
				...Object.fromEntries(
					Array.from({ length: 4 * n }, (_, i) => [`team-${i}/README.md`, `# Team ${i}\n`]),
				),
			}),
	},
	'undefined references (check)': {
		size: 1_000,
		run: (n) =>
			checkTree('references', {
				'README.md': `# Home\n\n${Array.from({ length: n }, (_, i) => `See [x][runbok-${i}].\n`).join('')}\n${Array.from({ length: 4 * n }, (_, i) => `[runbook-${i}]: p.md\n`).join('')}`,
				'p.md': '# P\n',
			}),
	},
	'a table of many rows (check)': {
		size: 2_000,
		run: (n) =>
			checkTree('table', {
				'README.md': `# Home\n\n| a | b |\n| --- | --- |\n${Array.from({ length: n }, (_, i) => `| ${i} | [x](#home) |\n`).join('')}`,
			}),
	},
	'a Docusaurus table written without blank lines (check)': {
		size: 2_000,
		run: (n) =>
			checkTree('docusaurus-table', {
				'docusaurus.config.js': 'export default { title: "Runbooks" };\n',
				'README.md': `# Home\n\n<table>\n${Array.from({ length: n }, (_, i) => `<tr><td>${i}</td><td><a href="#home">x</a></td></tr>\n`).join('')}</table>\n`,
			}),
	},
	'paragraph rewritten (preview diff)': {
		size: 2_000,
		run: (n) => time(() => diffRenderedHtml(`<p>${words(n, 1)}</p>`, `<p>${words(n, 2)}</p>`)),
	},
	'page rewritten block by block (preview diff)': {
		size: 250,
		run: (n) =>
			time(() =>
				diffRenderedHtml(
					Array.from({ length: n }, (_, i) => `<p>${words(17, i + 1)}</p>`).join(''),
					`${Array.from({ length: n }, (_, i) => `<p>${words(17, i + 100_000)}</p>`).join('')}<h2>x</h2>`,
				),
			),
	},
	'(a+)+$ on a long name (linear regex)': {
		size: 4_000,
		run: (n) => {
			const compiled = compileLinearRegex('^(?:(a+)+$)');
			const text = `${'a'.repeat(n)}!`;
			return time(() => compiled.ok && compiled.regex.test(text));
		},
	},
	'*a*a*...*b on a long name (glob)': {
		size: 1_000,
		run: (n) => {
			const globs = compileGlobs(['*a*a*a*a*a*a*a*a*a*a*a*a*b']);
			const text = 'a'.repeat(n);
			return time(() => globs.indexOf(text));
		},
	},
};

function time(work) {
	const started = performance.now();
	work();
	return performance.now() - started;
}

await mkdir(tmp, { recursive: true });
const rows = [];
for (const [name, { size, run }] of Object.entries(cases)) {
	if (!selected(name)) continue;
	const n = Math.round(size * scale);
	// One warm-up at the small size, then the fastest of two at each size.
	await run(n);
	const small = Math.min(await run(n), await run(n));
	const large = Math.min(await run(8 * n), await run(8 * n));
	rows.push([
		name,
		String(n),
		`${Math.round(small)} ms`,
		`${Math.round(large)} ms`,
		`${(large / small).toFixed(1)}×`,
	]);
	process.stdout.write(`${rows.at(-1)?.join('  ')}\n`);
}
process.stdout.write(
	`\nload average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}\n\n`,
);
process.stdout.write(
	renderTable(['input', 'n', 'time at n', 'time at 8n', 'ratio (linear ≈ 8×)'], rows),
);

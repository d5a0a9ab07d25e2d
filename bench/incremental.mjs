#!/usr/bin/env node
// Incremental builds: how long `waymark build` takes to republish after an edit, against a clean
// build of the same tree in the same run (Astro's caches, the page cache and the last build's
// record deleted; the diagram cache warm, as in build.mjs's equal-work build). Generated trees
// (lib/guidebook-tree.mjs) at each size, in order:
//   warm-up      - fills the diagram cache (not timed)
//   clean        - the baseline, `--repeat` times (median)
//   body edit    - one sentence of one page changed, `--repeat` times, a new page each time (median),
//                  drawn from the pages no other page cites as upstream (an edit to one that is
//                  asks its citing pages for a review, which they show: not a page-local edit)
//   navigation   - one page's title changed (navigation, breadcrumbs and related pages show it)
//   heading      - one page's heading renamed (its table of contents; links into it)
//   committed body edit - as CI builds a commit: one page's sentence changed and committed, a fresh
//                  clone of the commit at the same path (every file new on disk), the state folder
//                  and the site of the previous commit's build restored from one `tar --posix`
//                  archive, as the Action's cache restores them, `--repeat` times
// After the edits, a clean build of the edited tree into another folder: every HTML file of the
// incremental output must be byte for byte the clean one's (and the search index's files too); so
// must the last committed edit's output, against a clean build of its clone. The tree is a git
// repository from the start, as a team's is (pages dated by their commits).
// Every process tree is measured from outside (lib/measure-process.mjs); one at a time.
// Goals (issue 29): body edit <= 0.1x clean at 3,000 pages and <= 0.05x at 20,000; navigation <= 0.5x.
// Issue 56: a committed body edit <= 0.1x clean at 3,000 pages and <= 0.05x at 20,000.
// Usage: node bench/incremental.mjs [--sizes 3000,20000] [--repeat 3] [--limit-min 30] [--seed N] [--tmpfs]
// (--tmpfs runs from a copy of the checkout in /dev/shm, the trees' files in memory: lib/tmpfs-copy.mjs says why)
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateGuidebookTree } from './lib/guidebook-tree.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { formatBytes, median, renderTable } from './lib/report.mjs';
import { createRandom } from './lib/prng.mjs';
import { runFromTmpfsCopy } from './lib/tmpfs-copy.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/incremental');
const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: '3000,20000' },
		repeat: { type: 'string', default: '3' },
		'limit-min': { type: 'string', default: '30' },
		seed: { type: 'string', default: '20261124' },
		tmpfs: { type: 'boolean', default: false },
	},
});
if (args.tmpfs)
	process.exit(
		runFromTmpfsCopy(
			repo,
			'incremental.mjs',
			process.argv.slice(2).filter((arg) => arg !== '--tmpfs'),
		),
	);
const sizes = args.sizes.split(',').map(Number);
const repeat = Number(args.repeat);
const timeoutMs = Number(args['limit-min']) * 60_000;
const random = createRandom(Number(args.seed)).next;
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
const waymark = join(repo, 'bin/waymark.mjs');
await mkdir(join(tmp, 'logs'), { recursive: true });

/** @typedef {{ size: number; side: string; wallMs: number; cpuMs: number; peakRssBytes: number; patched: boolean; load: number }} Row */
/** @type {Row[]} */
const rows = [];
/** @type {Array<{ size: number; committed?: boolean; html: number; differing: string[]; search: number; searchDiffering: string[] }>} */
const comparisons = [];

for (const size of sizes) {
	const project = join(tmp, `project-${size}`);
	const tree = join(project, 'docs');
	await rm(project, { recursive: true, force: true });
	await mkdir(project, { recursive: true });
	await writeFile(
		join(project, 'waymark.config.yaml'),
		`root: docs\ndiagrams:\n  cacheDir: ${JSON.stringify(join(tmp, 'diagram-cache'))}\n`,
	);
	const { pages } = await generateGuidebookTree(tree, { pages: size, seed: Number(args.seed) });
	const paths = pages.map((page) => page.path).filter((path) => !path.endsWith('README.md'));
	// A body edit is page-local only on a page no other page names as upstream: a change to one
	// that is asks the pages citing it for a review (`cited-changes`), which they show, so the build
	// renders them too. The body edits are drawn from the others; a title and a heading from any.
	const cited = await citedAsUpstream(
		tree,
		pages.map((page) => page.path),
	);
	const local = paths.filter((path) => !cited.has(path));
	console.log(`Body edits drawn from ${local.length} pages no page cites as upstream`);
	console.log(`Tree: ${pages.length} pages`);
	const git = gitIn(project);
	git('init', '--quiet');
	commitAll(git, 'The generated tree');

	/** Builds into `out` with the project's state folder (or in `cwd`, a clone of it); one row. */
	const build = async (
		/** @type {string} */ side,
		/** @type {string} */ out = 'dist',
		/** @type {string[]} */ extra = [],
		cwd = project,
	) => {
		const load = loadavg()[0] ?? 0;
		const logFile = join(tmp, 'logs', `${size}-${side.replace(/\W+/g, '-')}.log`);
		const m = await measureProcess(process.execPath, [waymark, 'build', '--out', out, ...extra], {
			cwd,
			env,
			logFile,
			timeoutMs,
		});
		const patched = /Only page bodies changed since the last build/.test(
			await readFile(logFile, 'utf8'),
		);
		/** @type {Row} */
		const row = {
			size,
			side,
			wallMs: m.wallMs,
			cpuMs: m.cpuMs,
			peakRssBytes: m.peakRssBytes,
			patched,
			load,
		};
		rows.push(row);
		console.log(
			`${size} ${side}: wall ${(m.wallMs / 1000).toFixed(2)} s, CPU ${(m.cpuMs / 1000).toFixed(2)} s, peak ${formatBytes(m.peakRssBytes)}${patched ? ', patched' : ''}, load ${load.toFixed(1)}`,
		);
		await writeFile(
			join(tmp, 'results.json'),
			`${JSON.stringify({ date: new Date().toISOString(), rows, comparisons }, null, '\t')}\n`,
		);
		return row;
	};
	const clean = async () => rm(join(project, '.waymark'), { recursive: true, force: true });

	await build('warm-up (draws the diagrams)');
	for (let i = 0; i < repeat; i++) {
		await clean();
		await build(`clean ${i + 1}`);
	}
	for (let i = 0; i < repeat; i++) {
		const page = local[Math.floor(random() * local.length)];
		const file = join(tree, page);
		const text = await readFile(file, 'utf8');
		// A sentence of the body: the first paragraph's first word gets a note after it.
		await writeFile(
			file,
			text.replace(/\n\n([A-Z][a-z]+)/, (_, word) => `\n\n${word} (edited ${i})`),
		);
		await build(`body edit ${i + 1}`);
	}
	const titled = join(tree, paths[Math.floor(random() * paths.length)]);
	// The first `# ` line is the page's title (code blocks, with their `# comments`, come later).
	await writeFile(
		titled,
		(await readFile(titled, 'utf8')).replace(/(^|\n)# ([^\n]+)/, '$1# $2 (renamed)'),
	);
	await build('navigation (a title)');
	const headed = join(tree, paths[Math.floor(random() * paths.length)]);
	await writeFile(
		headed,
		(await readFile(headed, 'utf8')).replace(/\n## ([^\n]+)/, '\n## $1 (renamed)'),
	);
	await build('heading');

	// The same edited tree, built clean into another folder with a state folder of its own.
	await rm(join(project, 'clean-state'), { recursive: true, force: true });
	await build('clean, for comparison', 'clean-dist', ['--state-dir', 'clean-state']);
	comparisons.push({
		size,
		...(await compareSites(join(project, 'dist'), join(project, 'clean-dist'))),
	});
	const last = comparisons.at(-1);
	console.log(
		`${size}: ${last?.html} HTML files, ${last?.differing.length} differ; ${last?.search} search index files, ${last?.searchDiffering.length} differ`,
	);

	// Committed edits, as CI builds them: each commit in a fresh clone at the same path (a runner's
	// workspace is one folder), with the state folder and the site of the previous commit's build
	// saved before the clone and restored after it (the Action's cache).
	commitAll(git, 'The edits so far');
	const checkout = join(tmp, `ci-${size}`);
	const cache = join(tmp, `ci-${size}-cache`);
	await cloneOf(project, checkout);
	await build('CI, first build of the repository (fills the cache)', 'dist', [], checkout);
	for (let i = 0; i < repeat; i++) {
		const page = local[Math.floor(random() * local.length)];
		const file = join(tree, page);
		await writeFile(
			file,
			(await readFile(file, 'utf8')).replace(
				/\n\n([A-Z][a-z]+)/,
				(_, word) => `\n\n${word} (fixed ${i})`,
			),
		);
		commitAll(git, `Fix ${page}`);
		// One cache: the state folder and the site, saved and restored together, as actions/cache
		// does it (one `tar --posix` archive, which keeps every file's time).
		await rm(cache, { recursive: true, force: true });
		await mkdir(cache, { recursive: true });
		execFileSync('tar', [
			'--posix',
			'-cf',
			join(cache, 'cache.tar'),
			'-C',
			checkout,
			'.waymark',
			'dist',
		]);
		await cloneOf(project, checkout);
		execFileSync('tar', ['-xf', join(cache, 'cache.tar'), '-C', checkout]);
		await build(`committed body edit ${i + 1}`, 'dist', [], checkout);
	}
	await build('CI, clean, for comparison', 'clean-dist', ['--state-dir', 'clean-state'], checkout);
	comparisons.push({
		size,
		committed: true,
		...(await compareSites(join(checkout, 'dist'), join(checkout, 'clean-dist'))),
	});
	const committed = comparisons.at(-1);
	console.log(
		`${size}, committed: ${committed?.html} HTML files, ${committed?.differing.length} differ; ${committed?.search} search index files, ${committed?.searchDiffering.length} differ`,
	);
	await rm(checkout, { recursive: true, force: true });
	await rm(cache, { recursive: true, force: true });
	await writeFile(
		join(tmp, 'results.json'),
		`${JSON.stringify({ date: new Date().toISOString(), rows, comparisons }, null, '\t')}\n`,
	);
}

/** `git` in `dir`, its output as text; commits dated one day apart from a fixed day, so runs match. */
function gitIn(/** @type {string} */ dir) {
	let day = 0;
	return (/** @type {string[]} */ ...argv) => {
		const date = new Date(
			Date.UTC(2026, 0, 1) + (argv[0] === 'commit' ? day++ : day) * 86_400_000,
		).toISOString();
		const identity = {
			GIT_AUTHOR_NAME: 'Bench',
			GIT_AUTHOR_EMAIL: 'bench@example.org',
			GIT_COMMITTER_NAME: 'Bench',
			GIT_COMMITTER_EMAIL: 'bench@example.org',
			GIT_AUTHOR_DATE: date,
			GIT_COMMITTER_DATE: date,
		};
		return execFileSync('git', argv, {
			cwd: dir,
			env: { ...process.env, ...identity },
			encoding: 'utf8',
			maxBuffer: 64 << 20,
		});
	};
}

/** The pages that a page of `paths` (from the root; READMEs included) links in its `> **Upstream:**` line. */
async function citedAsUpstream(/** @type {string} */ tree, /** @type {string[]} */ paths) {
	const cited = new Set();
	for (const path of paths) {
		const line = (await readFile(join(tree, path), 'utf8')).match(/^> \*\*Upstream:\*\*.*$/m)?.[0];
		for (const [, href = ''] of line?.matchAll(/\]\(([^)#\s]+)/g) ?? []) {
			const target = posix.join(posix.dirname(path), href);
			cited.add(target.endsWith('.md') ? target : posix.join(target, 'README.md'));
		}
	}
	return cited;
}

/** Everything of the project but what builds make, committed. */
function commitAll(
	/** @type {(...argv: string[]) => string} */ git,
	/** @type {string} */ message,
) {
	git('add', '--all', '--', 'docs', 'waymark.config.yaml');
	git('commit', '--quiet', '--allow-empty', '-m', message);
}

/** A fresh clone of `project` at its last commit in `dir`: every file new on disk, as a CI checkout. */
async function cloneOf(/** @type {string} */ project, /** @type {string} */ dir) {
	await rm(dir, { recursive: true, force: true });
	execFileSync('git', ['clone', '--quiet', '--no-hardlinks', project, dir]);
	return dir;
}

/** HTML files and search index files of two sites, and those whose bytes differ (or that one lacks). */
async function compareSites(/** @type {string} */ a, /** @type {string} */ b) {
	const filesOf = async (/** @type {string} */ dir) =>
		(await readdir(dir, { recursive: true, withFileTypes: true }))
			.filter((e) => e.isFile())
			.map((e) => relative(dir, join(e.parentPath, e.name)));
	const [left, right] = await Promise.all([filesOf(a), filesOf(b)]);
	const all = [...new Set([...left, ...right])].sort();
	/** @type {string[]} */
	const differing = [];
	/** @type {string[]} */
	const searchDiffering = [];
	let html = 0;
	let search = 0;
	for (const path of all) {
		const isHtml = path.endsWith('.html');
		const isSearch = path.startsWith('pagefind/');
		if (!isHtml && !isSearch) continue;
		if (isHtml) html++;
		else search++;
		const [x, y] = await Promise.all([
			readFile(join(a, path)).catch(() => undefined),
			readFile(join(b, path)).catch(() => undefined),
		]);
		if (!x || !y || !x.equals(y)) (isHtml ? differing : searchDiffering).push(path);
	}
	return { html, differing, search, searchDiffering };
}

const summary = sizes.map((size) => {
	const of = (/** @type {string} */ prefix) =>
		rows.filter((r) => r.size === size && r.side.startsWith(prefix));
	const cleanWall = median(of('clean ').map((r) => r.wallMs));
	const bodyWall = median(of('body edit').map((r) => r.wallMs));
	const nav = of('navigation')[0];
	const heading = of('heading')[0];
	const committedWall = median(of('committed body edit').map((r) => r.wallMs));
	const compared = comparisons.find((c) => c.size === size && !c.committed);
	const comparedCommitted = comparisons.find((c) => c.size === size && c.committed);
	return [
		String(size),
		`${(cleanWall / 1000).toFixed(1)} s`,
		`${(bodyWall / 1000).toFixed(2)} s (${(bodyWall / cleanWall).toFixed(3)}x)${of('body edit').every((r) => r.patched) ? '' : ' not all patched'}`,
		nav ? `${(nav.wallMs / 1000).toFixed(1)} s (${(nav.wallMs / cleanWall).toFixed(2)}x)` : '-',
		heading
			? `${(heading.wallMs / 1000).toFixed(1)} s (${(heading.wallMs / cleanWall).toFixed(2)}x)`
			: '-',
		compared
			? `${compared.html - compared.differing.length}/${compared.html} HTML, ${compared.search - compared.searchDiffering.length}/${compared.search} search files`
			: '-',
		`${(committedWall / 1000).toFixed(2)} s (${(committedWall / cleanWall).toFixed(3)}x)${of('committed body edit').every((r) => r.patched) ? '' : ' not all patched'}`,
		comparedCommitted
			? `${comparedCommitted.html - comparedCommitted.differing.length}/${comparedCommitted.html} HTML, ${comparedCommitted.search - comparedCommitted.searchDiffering.length}/${comparedCommitted.search} search files`
			: '-',
	];
});
console.log(
	`\n${renderTable(['pages', 'clean build (median)', 'body edit (median, vs clean)', 'navigation change', 'heading change', 'identical to a clean build', 'committed body edit in a fresh clone (median, vs clean)', 'its output identical to a clean build'], summary)}`,
);

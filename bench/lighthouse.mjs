#!/usr/bin/env node
// Lighthouse benchmark: Lighthouse's mobile preset (simulated slow 4G and 4× CPU slowdown, a
// Moto G Power-sized screen) on five pages of the bundled guidebooks, served by `waymark serve
// --demo` (live status from loopback stand-ins) and, for the same Markdown, by Starlight's
// defaults (bench/lib/starlight-project.mjs, served as static files). Everything is on 127.0.0.1;
// Chromium is the system one (WAYMARK_CHROMIUM, default /usr/bin/chromium). Prints performance,
// accessibility, CLS, LCP and total bytes per page as a Markdown table for bench/README.md, with
// the date, the machine and its load average, since a busy machine moves the timing figures.
// Usage: node bench/lighthouse.mjs [--runs 1]   (the median of the runs is reported per figure)
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBaselines } from './lib/baselines.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { formatBytes, median, renderTable } from './lib/report.mjs';
import { writeStarlightProject } from './lib/starlight-project.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(repo, 'bench/.tmp/lighthouse');
const { chromiumArgs, resolveChromiumPath } = await import('../diagrams/chromium.ts');
const chromiumPath = resolveChromiumPath(process.env.WAYMARK_CHROMIUM);
/** Page kinds and their route on both sites; Starlight has no status page. */
const pages = [
	{ kind: 'home', route: '/' },
	{ kind: 'long runbook', route: '/erp/backup-and-recovery/' },
	{ kind: 'diagrams', route: '/erp/' },
	{ kind: 'widgets', route: '/crm/' },
	{ kind: 'status', route: '/status/', waymarkOnly: true },
];
const goals = { performance: 98, accessibility: 100, cls: 0.02 };

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
const runs = Number(args.runs);
ensureBaselines();
// Installed by ensureBaselines above, so imported only now.
const { default: lighthouse } = await import('lighthouse');

await rm(tmp, { recursive: true, force: true });
await mkdir(join(tmp, 'logs'), { recursive: true });
const load = { before: loadavg() };

// Waymark: the bundled guidebooks with their config, served with the demo's live status.
const waymarkOut = join(tmp, 'waymark-out');
await run('waymark build', [join(repo, 'cli/main.ts'), 'build', '--out', waymarkOut], repo);
// Starlight: the same Markdown files (README.md → index.md, H1 → title), nothing else changed.
const treeDir = join(tmp, 'tree');
await cp(join(repo, 'guidebooks'), treeDir, { recursive: true });
const markdown = (await readdir(treeDir, { recursive: true }))
	.filter((path) => path.endsWith('.md'))
	.map((path) => ({ path: relative(treeDir, join(treeDir, path)) }));
// The helper makes the H1 Starlight's title; a `title:` the page already has would be a duplicate key.
for (const { path } of markdown) {
	const file = join(treeDir, path);
	await writeFile(
		file,
		(await readFile(file, 'utf8')).replace(/^(---\n(?:.*\n)*?)title:.*\n/, '$1'),
	);
}
const starlightDir = join(tmp, 'starlight');
await writeStarlightProject(starlightDir, treeDir, markdown);
await run(
	'starlight build',
	[join(repo, 'node_modules/astro/bin/astro.mjs'), 'build'],
	starlightDir,
);

const waymark = await startProcessServer([
	join(repo, 'cli/main.ts'),
	'serve',
	'--dir',
	waymarkOut,
	'--port',
	'0',
	'--host',
	'127.0.0.1',
	'--demo',
]);
const { startServer } = await import('../core/static-site.ts');
const starlight = await startServer({
	dir: join(starlightDir, 'dist'),
	port: 0,
	host: '127.0.0.1',
});
const sites = [
	{ name: 'Waymark', url: waymark.url },
	{ name: 'Starlight', url: starlight.url },
];

/** @type {Map<string, Array<{ performance: number; accessibility: number; cls: number; lcp: number; bytes: number; shifts: string[]; failing: string[] }>>} */
const figures = new Map();
const chrome = await launchChromium();
try {
	for (let i = 1; i <= runs; i++) {
		for (const page of pages) {
			// Interleaved, so background load hits both sites alike.
			for (const site of sites) {
				if (page.waymarkOnly && site.name !== 'Waymark') continue;
				const url = new URL(page.route.slice(1), site.url).href;
				const result = await lighthouse(url, {
					port: chrome.port,
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance', 'accessibility'],
				});
				const lhr = result?.lhr;
				if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
				const key = `${site.name} ${page.kind}`;
				for (const warning of lhr.runWarnings) console.log(`${key}: ${warning}`);
				// A page Lighthouse could not measure scores 0 with no LCP: say why, and keep the run out of the medians.
				if (lhr.runtimeError) {
					console.log(
						`${key}: Lighthouse could not measure it (${i}/${runs}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
					);
					continue;
				}
				figures.set(key, [
					...(figures.get(key) ?? []),
					{
						performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
						accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
						cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
						lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
						bytes: lhr.audits['total-byte-weight']?.numericValue ?? NaN,
						shifts: (lhr.audits['layout-shifts']?.details?.items ?? [])
							.slice(0, 3)
							.map((item) => `${item.node?.selector ?? '?'} ${Number(item.score).toFixed(3)}`),
						failing: Object.values(lhr.audits)
							.filter(
								(audit) =>
									audit.score === 0 &&
									lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === audit.id),
							)
							.map((audit) => audit.id),
					},
				]);
				console.log(`${key}: done (${i}/${runs})`);
			}
		}
	}
} finally {
	chrome.kill();
	// Chromium may still be writing its profile as it exits: retry the removal rather than fail the run.
	await rm(chrome.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
	waymark.stop();
	await starlight.close();
}
load.after = loadavg();

const rows = pages.flatMap((page) =>
	sites
		.filter((site) => !page.waymarkOnly || site.name === 'Waymark')
		.map((site) => {
			const all = figures.get(`${site.name} ${page.kind}`) ?? [];
			const mid = (/** @type {'performance' | 'accessibility' | 'cls' | 'lcp' | 'bytes'} */ key) =>
				median(all.map((figure) => figure[key]));
			const failing = [...new Set(all.flatMap((figure) => figure.failing))];
			const measured = all.length < runs ? ` (${all.length} of ${runs} runs measured)` : '';
			return [
				`${page.kind} (\`${page.route}\`)${measured}`,
				site.name,
				String(mid('performance')),
				`${mid('accessibility')}${failing.length ? ` (${failing.join(', ')})` : ''}`,
				mid('cls').toFixed(3),
				`${(mid('lcp') / 1000).toFixed(2)} s`,
				formatBytes(mid('bytes')),
			];
		}),
);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
	`\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${chromiumPath}; load average (1/5/15 min) ${fmtLoad(load.before)} before, ${fmtLoad(load.after)} after; median of ${runs} run(s)\n`,
);
console.log(
	renderTable(['page', 'site', 'performance', 'accessibility', 'CLS', 'LCP', 'total bytes'], rows),
);
console.log('\nLargest layout shifts (element, score), last run:');
for (const [key, all] of figures) {
	const shifts = all.at(-1)?.shifts ?? [];
	if (shifts.length > 0) console.log(`- ${key}: ${shifts.join('; ')}`);
}
console.log(
	`\nGoals: performance ≥ ${goals.performance}, accessibility ${goals.accessibility}, CLS < ${goals.cls}, LCP no worse than Starlight's.`,
);

function fmtLoad(/** @type {number[]} */ values) {
	return values.map((value) => value.toFixed(2)).join(' / ');
}

/** Runs `node args` in `cwd` to completion, its output in the log folder; exits on failure. */
async function run(
	/** @type {string} */ label,
	/** @type {string[]} */ nodeArgs,
	/** @type {string} */ cwd,
) {
	const logFile = join(tmp, 'logs', `${label.replaceAll(' ', '-')}.log`);
	try {
		const measure = await measureProcess(process.execPath, nodeArgs, {
			cwd,
			env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
			logFile,
		});
		console.log(`${label}: ${(measure.wallMs / 1000).toFixed(1)} s`);
	} catch (error) {
		console.error(`${label} failed: ${/** @type {Error} */ (error).message}`);
		process.exit(1);
	}
}

/** Starts Chromium headless with a debugging port for Lighthouse to drive; resolves with the port. */
function launchChromium() {
	const profile = join(tmp, 'chromium-profile');
	const flags = [
		...chromiumArgs,
		'--remote-debugging-address=127.0.0.1',
		'--remote-debugging-port=0',
		`--user-data-dir=${profile}`,
		'about:blank',
	];
	return new Promise((resolvePromise, reject) => {
		const child = spawn(chromiumPath, flags, { stdio: ['ignore', 'ignore', 'pipe'] });
		let output = '';
		child.stderr.on('data', (chunk) => {
			output += String(chunk);
			const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
			if (match?.[1]) resolvePromise({ port: Number(match[1]), profile, kill: () => child.kill() });
		});
		child.on('error', reject);
		child.on('exit', (code) =>
			reject(new Error(`Chromium (${chromiumPath}) exited (${code}) before listening:\n${output}`)),
		);
	});
}

/** Starts `node args` and resolves with the URL it prints ("Serving … on URL"). */
function startProcessServer(/** @type {string[]} */ nodeArgs) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, nodeArgs, {
			cwd: repo,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += String(chunk);
			const match = /Serving .* on (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
			if (match?.[1]) resolvePromise({ url: match[1], stop: () => child.kill() });
		});
		child.on('exit', (code) =>
			reject(new Error(`waymark serve exited (${code}) before serving:\n${output}`)),
		);
	});
}

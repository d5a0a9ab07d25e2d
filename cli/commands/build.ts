import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAbsolute, relative } from 'node:path';
import type { Command } from 'commander';
import { failureOf } from '../../integration/astro-checks.ts';
import { notLiveHere } from '../../src/components/status/snapshot-phrase.ts';
import { generatedRoutes } from '../../src/lib/routes.ts';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { loadConfig, type LoadedConfig } from '../../config/load-config.ts';
import { inStep, type Progress } from '../../core/progress.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { assertHasPages } from '../../tree/no-pages.ts';
import { releaseSyntaxTrees } from '../../tree/release-syntax.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { createDiagramService, type DiagramService } from '../../diagrams/diagram-service.ts';
import { collectMermaidBlocks } from '../../diagrams/mermaid-blocks.ts';
import { resolveDiagramCacheDir } from '../../diagrams/prerender.ts';
import { tabCount } from '../../diagrams/render-page.ts';
import { runChecks, type CheckReport } from '../../checks/engine.ts';
import { collectProbes } from '../../checks/probes/collect.ts';
import { pathFromCwd } from '../../checks/report/paths.ts';
import { plural, pretty } from '../../checks/report/pretty.ts';
import { listPageChanges } from '../../preview/git.ts';
import { writePreview } from '../../preview/write-preview.ts';
import { siteRun } from '../../integration/astro-run.ts';
import { openTreeStore } from '../../integration/tree-store.ts';
import { assertOutDirReplaceable, publishSite } from '../../integration/out-dir.ts';
import { startWatchdog, watched, type Watchdog } from '../watchdog.ts';
import { trimHeapWhenGrown } from '../../core/heap-trim.ts';
import { readEnvironment, type WaymarkEnvironment } from '../../core/environment.ts';
import { addTrustOptions, configOptions, dialectLine, exitCodes, exitWhenFlushed, printError, printWarning, shownPath, traceOf, trustFrom, type TrustFlags } from './shared.ts';
import { DiagramBrowserStopped, MermaidPatchMissing, raise } from '../../core/errors.ts';

export interface BuildOptions extends TrustFlags {
	root?: string;
	out?: string;
	config?: string;
	stateDir?: string;
	/** Git ref: add the reviewer preview (banner, changes page, diffs) against it. */
	base?: string;
	/** Error findings fail the build (exit 1) before anything is written; else config `build.strict`. */
	strict?: boolean;
}

/**
 * Checks the tree, prints the findings, then builds the whole static site and exits 0 (when
 * diagrams are still to be drawn, the checks run beside the build and print after it): content
 * never blocks publishing (a broken part of a page becomes a notice on it). `--strict` (or
 * `build.strict`) stops on error findings with exit 1, like `waymark check`; exit 2 is left to
 * usage, config and internal errors, and to a run that stops making progress.
 */
export async function runBuild(options: BuildOptions, environment: WaymarkEnvironment = readEnvironment(process.env)): Promise<number> {
	let watchdog: Watchdog | undefined;
	const stopTrimming = trimHeapWhenGrown();
	try {
		const cwd = process.cwd();
		// A branch under review (`--base`) is untrusted unless the caller says otherwise.
		const trust = trustFrom(options, options.base ? 'untrusted' : 'trusted');
		const loaded = await loadConfig(configOptions(options, environment, cwd, trust));
		await assertOutDirReplaceable(loaded.outDir, loaded.root);
		watchdog = startWatchdog(loaded.config.build.stallTimeoutSeconds * 1000);
		return await watched(watchdog, buildSite(options, loaded, { cwd, environment, progress: watchdog.progress }));
	} catch (error) {
		printError(error, watchdog?.state());
		return exitCodes.usage;
	} finally {
		watchdog?.stop();
		stopTrimming();
	}
}

async function buildSite(options: BuildOptions, loaded: LoadedConfig, { cwd, environment, progress }: { cwd: string; environment: WaymarkEnvironment; progress: Progress }): Promise<number> {
	// Astro loads while the checks run; a strict build that fails them leaves it unused.
	const astro = import('astro');
	astro.catch(() => undefined);
	// Checked here, not in an Astro hook, where a failure reads as a crash; the integration gets
	// the tree and this report as options and runs nothing twice.
	const tree = await inStep(progress, 'reading the pages', () => loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser }, progress));
	assertHasPages(tree, shownPath(loaded.root, cwd));
	const line = dialectLine(tree, cwd);
	if (line) process.stdout.write(`${line}\n`);
	// A bad ref fails in a second, not after the whole build.
	if (options.base) await listPageChanges(loaded.root, options.base);
	const trust = loaded.trust;
	const alerts = await inStep(progress, 'reading the alert rules', () => loadAlertSources(loaded.config, loaded.root, { trust, env: environment.variables, ...(loaded.file && { configFile: loaded.file }) }));
	const checks = { root: loaded.root, config: loaded.config, tree, alerts, trust, watchdog: progress, setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside }, ...traceOf(environment) };
	const printReport = (report: CheckReport): void => void process.stdout.write(pretty(fromCwd(report, loaded.root, cwd), { root: loaded.root, cwd, color: process.stdout.isTTY === true && !environment.noColor, rules: [] }));
	// Diagrams not drawn yet are drawn while Astro starts and renders the pages without one: the
	// checks, which judge diagrams by that drawing, run beside the build and are printed after it.
	// A strict build must judge before it writes anything, so it draws first.
	const strict = options.strict ?? loaded.config.build.strict;
	const diagrams = strict ? undefined : await drawingBeside(tree, loaded, progress);
	const store = await openTreeStore(loaded.stateDir, loaded.root, trust);
	try {
		let report: CheckReport | undefined;
		let treesRead!: () => void;
		const rulesDone = new Promise<void>((resolve) => (treesRead = resolve));
		const beside = diagrams && runChecks({ ...checks, diagrams, onSyntaxTreesRead: treesRead });
		beside?.catch(() => undefined);
		if (beside) {
			// Astro starts once the rules that read the pages' syntax trees are done and the trees are
			// released (they were most of a large build's memory); the mermaid rules go on beside it.
			await Promise.race([rulesDone, beside.then(() => undefined, () => undefined)]);
			releaseSyntaxTrees(tree);
		} else {
			report = await runChecks(checks);
			printReport(report);
			const failure = strict ? failureOf(report.findings, loaded.root, cwd) : undefined;
			if (failure) {
				printError(failure);
				return exitCodes.findings;
			}
		}
		const { build } = await inStep(progress, 'loading Astro', () => astro);
		const drawingSvg = diagrams?.mode === 'svg';
		let pathnames: string[] = [];
		const { inline, buildDir } = siteRun({ loaded, tree, ...(report && { report }), ...(diagrams && { diagrams }), cwd, environment, alerts, progress, onPagesBuilt: (built) => (pathnames = built) }, store.dir);
		await build({ ...inline, logLevel: environment.silent ? 'silent' : 'info' }).catch(async (error: unknown) => {
			// The findings may explain why the site build failed: print them if the checks are done.
			const done = beside && (await Promise.race([beside.catch(() => undefined), sleep(2000, undefined, { ref: false })]));
			if (done) printReport(done);
			throw error;
		});
		if (!report) {
			report = await inStep(progress, 'finishing the checks', () => beside as Promise<CheckReport>);
			printReport(report);
		}
		if (drawingSvg && diagrams?.browserProblem) {
			// The browser failed halfway: pages rendered after that show their diagrams as source, and
			// Astro's content store, keyed to drawn SVG, must not keep them for the next build.
			await rm(inline.cacheDir, { recursive: true, force: true });
			printWarning(raise(DiagramBrowserStopped, diagrams.browserProblem.reason));
		}
		await inStep(progress, `moving the site into ${loaded.outDir}`, () => publishSite(buildDir, loaded.outDir));
		process.stdout.write(`${builtLine(guidebookPages(pathnames), loaded.outDir, cwd, report)}\n`);
		// Readers see "Not checked yet"; what to do about it is for the author, here.
		const probeCount = collectProbes(tree).probes.length;
		if (probeCount > 0 && (!environment.probeAtBuild || trust === 'untrusted')) process.stdout.write(`${probeCount} probe(s) are checked live by \`waymark serve\`; these files served any other way say "${notLiveHere}" (build with WAYMARK_PROBE_AT_BUILD=1 to check them once).\n`);
		if (options.base) {
			const preview = await inStep(progress, 'writing the preview', () => writePreview({ root: loaded.root, outDir: loaded.outDir, ref: options.base as string, config: loaded.config, tree, report: report, trust, parser: environment.parser }));
			process.stdout.write(`Added the preview of ${preview.pages.length} changed page(s) since ${options.base}: /_waymark/changes/\n`);
		}
		return exitCodes.clean;
	} finally {
		await diagrams?.close();
		await store.release();
	}
}

/**
 * A diagram service with its browser and tabs started, when some diagram of the tree is not in
 * the drawing cache yet; `undefined` when every drawing is cached (or there is no diagram).
 */
async function drawingBeside(tree: GuidebookTree, loaded: LoadedConfig, progress: Progress): Promise<DiagramService | undefined> {
	const sources = collectMermaidBlocks(tree).map((block) => block.source);
	if (sources.length === 0) return undefined;
	// Astro renders on this process's main thread while the tabs draw: a tab per other core. On two
	// cores, one tab drew the benchmark's 100 diagrams in less wall and CPU time than two, which
	// each load mermaid (a second of a core apiece) and contend with Astro (bench/README.md).
	const service = createDiagramService({ config: loaded.config.diagrams, cacheDir: resolveDiagramCacheDir(loaded.config.diagrams), progress, tabs: tabCount(1), onPatchMissing: (problem) => printWarning(raise(MermaidPatchMissing, problem)) });
	if (!(await service.needsDrawing(sources))) return undefined;
	// Astro's config digest needs the mode (drawn SVG or the no-browser fallback) before it starts.
	await service.start();
	return service;
}

/**
 * The pages Astro wrote that show the guidebooks (pages of the tree, generated folder and home
 * pages): all but the 404 page and the site's generated routes.
 */
function guidebookPages(pathnames: string[]): number {
	return pathnames.filter((pathname) => {
		const route = `/${pathname}`.replace(/\/?$/, '/').replace(/^\/+/, '/');
		return route !== '/404/' && !generatedRoutes.has(route);
	}).length;
}

/**
 * `Built 412 guidebook pages, plus the status and 404 pages, into dist/ with 11 errors and 96
 * warnings; run \`waymark check\` for the gate`. Astro's own log counts those two pages too.
 */
function builtLine(pages: number, outDir: string, cwd: string, report: Pick<CheckReport, 'summary'>): string {
	const where = relative(cwd, outDir);
	const out = `${where === '' || where.startsWith('..') || isAbsolute(where) ? outDir : where}/`.replace(/\/+$/, '/');
	const { errors, warnings } = report.summary;
	const found = errors + warnings === 0 ? '' : ` with ${plural(errors, 'error')} and ${plural(warnings, 'warning')}; run \`waymark check\` for the gate`;
	return `Built ${plural(pages, 'guidebook page')}, plus the status and 404 pages, into ${out}${found}`;
}

/** Files named from the working directory, as in the failure message printed after the report. */
function fromCwd(report: CheckReport, root: string, cwd: string): CheckReport {
	return { ...report, findings: report.findings.map((f) => ({ ...f, file: pathFromCwd(root, cwd, f.file) })) };
}

export function registerBuild(program: Command): void {
	const command = program
		.command('build')
		.description('Check the guidebook tree and build the whole static site, printing the findings (exit 0 built; 1 error findings with --strict; 2 usage/config/internal error or no progress)')
		.option('--root <dir>', 'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)')
		.option('--out <dir>', 'output folder (default: ./dist)')
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option('--state-dir <dir>', "Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)")
		.option('--base <ref>', 'add a reviewer preview of the changes since this git ref (banner, /_waymark/changes/, diffs)')
		.option('--strict', 'error findings fail the build (exit 1) and nothing is written, as with `waymark check` (default: config `build.strict`)');
	addTrustOptions(command, 'with --base').action(async (options: BuildOptions) => {
		await exitWhenFlushed(await runBuild(options));
	});
}

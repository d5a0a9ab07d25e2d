import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../config/load-config.ts';
import { DiagramBrowserStopped, MermaidPatchMissing, raise, type WaymarkError } from '../core/errors.ts';
import type { WaymarkEnvironment } from '../core/environment.ts';
import { inStep, type Progress } from '../core/progress.ts';
import { shownPath } from '../core/shown-path.ts';
import { loadGuidebookTree, type GuidebookTree } from '../tree/load-tree.ts';
import { openPageCache, pageCacheFile } from '../tree/page-cache.ts';
import { assertHasPages } from '../tree/no-pages.ts';
import { releaseSyntaxTrees } from '../tree/release-syntax.ts';
import { loadAlertSources } from '../alerts/load-alerts.ts';
import { createDiagramService, type DiagramService } from '../diagrams/diagram-service.ts';
import { collectMermaidBlocks } from '../diagrams/mermaid-blocks.ts';
import { resolveDiagramCacheDir } from '../diagrams/prerender.ts';
import { tabCount } from '../diagrams/render-page.ts';
import { runChecks, type CheckReport, type RunChecksOptions } from '../checks/engine.ts';
import { listPageChanges } from '../preview/git.ts';
import { writePreview } from '../preview/write-preview.ts';
import { failureOf } from './astro-checks.ts';
import { siteRun } from './astro-run.ts';
import { publishSite } from './out-dir.ts';
import { openTreeStore } from './tree-store.ts';

/** What `waymark build` asks for; every choice of the build follows from these. */
export interface BuildSiteOptions {
	loaded: LoadedConfig;
	environment: WaymarkEnvironment;
	/** Where the command ran: findings name files from here. */
	cwd: string;
	/** Error findings stop the build before anything is written (`--strict`, `build.strict`). */
	strict: boolean;
	/** A git ref: add the reviewer preview of the changes since it. */
	base?: string;
	progress: Progress;
	/** The build never prints: it tells the command, which does. */
	log: BuildLog;
	/** `DEBUG=waymark`: a line per rule run. */
	trace?: (line: string) => void;
}

interface BuildLog {
	/** The tree is read (the command says which dialect it is read as). */
	treeRead(tree: GuidebookTree): void;
	warn(warning: WaymarkError): void;
	/** The checks' report, as soon as it is complete (before Astro, or after it when they ran beside). */
	report(report: CheckReport): void;
}

export type BuildSiteResult =
	| { built: false; report: CheckReport; failure: WaymarkError }
	| { built: true; report: CheckReport; tree: GuidebookTree; pathnames: string[]; preview?: { pages: number } };

/**
 * A whole `waymark build`, in order; the one place that decides what runs before, beside and inside
 * Astro:
 *
 * 1. read the tree and the alert rules (a bad `--base` ref fails here, in a second);
 * 2. where the checks run: **before** Astro when the build is strict (it must judge before it
 *    writes) or every diagram is drawn already; else **beside** it, sharing one diagram browser,
 *    so the diagrams are drawn while Astro starts and renders the pages without one;
 * 3. the syntax trees are released once the rules that read them are done (most of a large
 *    build's memory); inside Astro the integration runs no check of its own (`prepared`);
 * 4. Astro builds in the tree's store (`tree-store.ts`), then the site moves to the output folder;
 * 5. with `base`, the reviewer preview is written beside it.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
	const { loaded, environment, cwd, progress, log } = options;
	// Astro loads while the tree is read and checked; a strict build that fails leaves it unused.
	const astro = import('astro');
	astro.catch(() => undefined);

	const pages = await openPageCache(pageCacheFile(loaded.stateDir, loaded.root));
	const tree = await inStep(progress, 'reading the pages', () => loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser, cache: pages }, progress));
	assertHasPages(tree, shownPath(loaded.root, cwd));
	log.treeRead(tree);
	if (options.base) await listPageChanges(loaded.root, options.base);
	const alerts = await inStep(progress, 'reading the alert rules', () => loadAlertSources(loaded.config, loaded.root, { trust: loaded.trust, env: environment.variables, ...(loaded.file && { configFile: loaded.file }) }));
	const checks: RunChecksOptions = { root: loaded.root, config: loaded.config, tree, alerts, trust: loaded.trust, watchdog: progress, setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside }, ...(options.trace && { trace: options.trace }) };

	const diagrams = options.strict ? undefined : await drawingBeside(tree, loaded, progress, log);
	let report: CheckReport | undefined;
	let beside: Promise<CheckReport> | undefined;
	if (diagrams) {
		const started = checksBeside(checks, diagrams, tree);
		beside = started.report;
		await started.treesRead;
	} else {
		report = await runChecks(checks);
		releaseSyntaxTrees(tree);
		await pages.save();
		log.report(report);
		const failure = options.strict ? failureOf(report.findings, loaded.root, cwd) : undefined;
		if (failure) return { built: false, report, failure };
	}

	const store = await openTreeStore(loaded.stateDir, loaded.root, loaded.trust);
	try {
		const { build } = await inStep(progress, 'loading Astro', () => astro);
		let pathnames: string[] = [];
		const { inline, buildDir } = siteRun({ loaded, tree, ...(diagrams && { diagrams }), cwd, environment, alerts, progress, onPagesBuilt: (built) => (pathnames = built) }, store.dir);
		await build({ ...inline, logLevel: environment.silent ? 'silent' : 'info' }).catch(async (error: unknown) => {
			// The findings may explain why the site build failed: report them if the checks are done.
			const done = beside && (await Promise.race([beside.catch(() => undefined), sleep(2000, undefined, { ref: false })]));
			if (done) log.report(done);
			throw error;
		});
		if (beside) {
			report = await inStep(progress, 'finishing the checks', () => beside);
			await pages.save();
			log.report(report);
		}
		if (diagrams?.mode === 'svg' && diagrams.browserProblem) {
			// The browser failed halfway: pages rendered after that show their diagrams as source, and
			// the content store, keyed to drawn SVG, must not keep them for the next build.
			await rm(inline.cacheDir, { recursive: true, force: true });
			log.warn(raise(DiagramBrowserStopped, diagrams.browserProblem.reason));
		}
		await inStep(progress, `moving the site into ${loaded.outDir}`, () => publishSite(buildDir, loaded.outDir));
		const finished = report as CheckReport;
		if (!options.base) return { built: true, report: finished, tree, pathnames };
		const ref = options.base;
		const preview = await inStep(progress, 'writing the preview', () => writePreview({ root: loaded.root, outDir: loaded.outDir, ref, config: loaded.config, tree, report: finished, trust: loaded.trust, parser: environment.parser, progress }));
		return { built: true, report: finished, tree, pathnames, preview: { pages: preview.pages.length } };
	} finally {
		await diagrams?.close();
		await store.release();
	}
}

/**
 * A diagram service with its browser and tabs started, when some diagram of the tree is not in
 * the drawing cache yet; `undefined` when every drawing is cached (or there is no diagram).
 */
async function drawingBeside(tree: GuidebookTree, loaded: LoadedConfig, progress: Progress, log: BuildLog): Promise<DiagramService | undefined> {
	const sources = collectMermaidBlocks(tree).map((block) => block.source);
	if (sources.length === 0) return undefined;
	// Astro renders on this process's main thread while the tabs draw: a tab per other core. On two
	// cores, one tab drew the benchmark's 100 diagrams in less wall and CPU time than two, which
	// each load mermaid (a second of a core apiece) and contend with Astro (bench/HISTORY.md).
	const service = createDiagramService({ config: loaded.config.diagrams, cacheDir: resolveDiagramCacheDir(loaded.config.diagrams), progress, tabs: tabCount(1), onPatchMissing: (problem) => log.warn(raise(MermaidPatchMissing, problem)) });
	if (!(await service.needsDrawing(sources))) return undefined;
	// Astro's config digest needs the mode (drawn SVG or the no-browser fallback) before it starts.
	await service.start();
	return service;
}

/**
 * The checks started beside the build, sharing its diagram service; `treesRead` settles once the
 * rules that read the pages' syntax trees are done and the trees are released (or the checks
 * failed), which is when Astro may start. The mermaid rules go on beside it.
 */
function checksBeside(checks: RunChecksOptions, diagrams: DiagramService, tree: GuidebookTree): { report: Promise<CheckReport>; treesRead: Promise<void> } {
	let treesRead!: () => void;
	const read = new Promise<void>((resolve) => (treesRead = resolve));
	const report = runChecks({ ...checks, diagrams, onSyntaxTreesRead: treesRead });
	report.catch(() => undefined);
	const released = Promise.race([read, report.then(() => undefined, () => undefined)]).then(() => releaseSyntaxTrees(tree));
	return { report, treesRead: released };
}

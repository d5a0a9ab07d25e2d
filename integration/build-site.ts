import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../config/load-config.ts';
import {
	DiagramBrowserStopped,
	MdxUnbundled,
	MermaidPatchMissing,
	ShallowHistory,
	StrictBuildStopped,
	raise,
	type WaymarkError,
} from '../core/errors.ts';
import type { WaymarkEnvironment } from '../core/environment.ts';
import { inStep, type Progress } from '../core/progress.ts';
import { shownPath } from '../core/shown-path.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { readTree } from '../tree/read-tree.ts';
import { openPageCache, pageCacheFile } from '../tree/page-cache.ts';
import { assertHasPages } from '../tree/no-pages.ts';
import { releaseSyntaxTrees } from '../tree/release-syntax.ts';
import { loadSiteAlerts } from './prepare-site.ts';
import { createDiagramService, type DiagramService } from '../diagrams/diagram-service.ts';
import { collectMermaidBlocks } from '../diagrams/mermaid-blocks.ts';
import { resolveDiagramCacheDir } from '../diagrams/prerender.ts';
import { tabCount } from '../diagrams/render-page.ts';
import { runChecks, type CheckReport, type RunChecksOptions } from '../checks/engine.ts';
import { publishSite } from './out-dir.ts';
import { openTreeStore, treeStoreDir } from './tree-store.ts';
import { patchSite } from './patch-site.ts';
import { checkAstroCopies, sealAstroCopies } from './astro-copies.ts';
import { onBodyNote } from './page-html-files.ts';
import { planSite, type SitePlan } from './site-plan.ts';
import {
	entryInputs,
	forgetSiteRecord,
	readSiteRecord,
	recordBuild,
	recordFiles,
	siteRecordHead,
	writeSiteRecord,
	type SiteRecord,
} from './site-record.ts';
import type { PageFacts } from './page-view.ts';
import type { BuiltPages } from './built-pages.ts';
import type { LogSink } from './log-sinks.ts';

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
	/** Where Astro's own log goes: the command's streams. */
	output?: LogSink;
	/** `DEBUG=waymark`: a line per rule run. */
	trace?: (line: string) => void;
}

interface BuildLog {
	/** The tree is read (the command says which dialect it is read as). */
	treeRead(tree: GuidebookTree): void;
	warn(warning: WaymarkError): void;
	/** A part of the last build that failed its check and is made again (`core/sealed-files.ts`): one line saying why. */
	note: (line: string) => void;
	/** The checks' report, as soon as it is complete (before Astro, or after it when they ran beside). */
	report(report: CheckReport): void;
}

export type BuildSiteResult =
	| { built: false; report: CheckReport; failure: WaymarkError }
	| {
			built: true;
			report: CheckReport;
			tree: GuidebookTree;
			pathnames: string[];
			/** Set when the build only replaced these pages' bodies in the last build's output (`patch-site.ts`). */
			patched?: string[];
			/** Pages Astro rendered; the others of the tree it copied from the last build (its incremental build). */
			rendered?: number;
			preview?: { pages: number };
	  };

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
 * 4. when only page bodies changed since the last build of the tree, they are put in place in its
 *    output (`patch-site.ts`), without Astro; else
 * 5. Astro builds in the tree's store (`tree-store.ts`), rendering only the pages whose key changed
 *    (its incremental build), then the site moves to the output folder and the build is recorded;
 * 6. with `base`, the reviewer preview is written beside it.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
	const { loaded, environment, cwd, progress, log } = options;
	// Astro loads while the tree is read and checked (a strict build that fails leaves it unused),
	// unless an earlier build left a record: then the build may well patch its output without Astro,
	// and loading it would take a core from the work.
	let astro = existsSync(
		recordFiles(treeStoreDir(loaded.stateDir, loaded.root, loaded.trust)).record,
	)
		? undefined
		: import('astro');
	astro?.catch(() => undefined);

	const pages = await openPageCache(pageCacheFile(loaded.stateDir, loaded.root), log.note);
	const tree = await inStep(progress, 'reading the pages', () =>
		readTree(loaded, { parser: environment.parser, cache: pages }, progress),
	);
	assertHasPages(tree, shownPath(loaded.root, cwd));
	log.treeRead(tree);
	if (options.base)
		await (await import('../preview/git.ts')).listPageChanges(loaded.root, options.base);
	const alerts = await inStep(progress, 'reading the alert rules', () =>
		loadSiteAlerts(loaded, environment),
	);
	const checks: RunChecksOptions = {
		root: loaded.root,
		config: loaded.config,
		tree,
		alerts,
		trust: loaded.trust,
		watchdog: progress,
		setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside },
		...(options.trace && { trace: options.trace }),
	};

	/** The checks' report once they are done: the syntax trees go (nothing reads them after), the page cache is written, the report printed. */
	const checksDone = async (running: Promise<CheckReport>): Promise<CheckReport> => {
		const done = await running;
		releaseSyntaxTrees(tree);
		await pages.save();
		log.report(done);
		return done;
	};
	const diagrams = options.strict ? undefined : await drawingBeside(tree, loaded, progress, log);
	let report: CheckReport | undefined;
	let beside: Promise<CheckReport> | undefined;
	// Unless the build is strict, the checks run while the changed pages are patched (whose search
	// index Pagefind writes in a process of its own), and are done before Astro starts.
	let checking: Promise<CheckReport> | undefined;
	let patchWaits!: () => void;
	const patchWaiting = new Promise<void>((resolve) => (patchWaits = resolve));
	if (diagrams) {
		const started = checksBeside(checks, diagrams, tree);
		beside = started.report;
		await started.treesRead;
	} else if (options.strict) {
		report = await checksDone(runChecks(checks));
		// `checksDone` printed the report: the failure points at it rather than listing it again.
		if (report.summary.errors > 0)
			return { built: false, report, failure: raise(StrictBuildStopped, report.summary.errors) };
	} else {
		// Started once the patch below waits on Pagefind's process (or cannot patch): its indexing
		// then runs on the other core while the checks run on this one.
		checking = patchWaiting.then(() => runChecks(checks));
		checking.catch(() => undefined);
	}

	const store = await openTreeStore(loaded.stateDir, loaded.root, loaded.trust);
	// With `base`, the reviewer preview goes beside the site and puts its banner on every page: the
	// output is no longer what the record says, so the next build is a whole one.
	const finish = async (
		built: Extract<BuildSiteResult, { built: true }>,
	): Promise<BuildSiteResult> => {
		if (!options.base) return built;
		const ref = options.base;
		await forgetSiteRecord(store.dir);
		const { writePreview } = await import('../preview/write-preview.ts');
		const preview = await inStep(progress, 'writing the preview', () =>
			writePreview({
				root: loaded.root,
				outDir: loaded.outDir,
				ref,
				config: loaded.config,
				tree,
				report: built.report,
				trust: loaded.trust,
				parser: environment.parser,
				progress,
			}),
		);
		return { ...built, preview: { pages: preview.pages.length } };
	};
	try {
		const plan = await inStep(progress, 'planning the site', () =>
			planSite({ loaded, tree, alerts, environment, cwd, base: loaded.config.site.base }),
		);
		if (plan.mdxUnbundled) {
			const { file, line, column, reason } = plan.mdxUnbundled;
			log.warn(
				raise(
					MdxUnbundled,
					shownPath(dirname(file), cwd).replace(/^\.\/$/, '') + basename(file),
					line,
					column,
					reason,
				),
			);
		}
		if (plan.datesCutOff)
			log.warn(raise(ShallowHistory, plan.datesCutOff.pages, plan.datesCutOff.since));
		// A temporary store (another build holds the tree's) has no record to start from or to keep.
		const record = store.kept ? await readSiteRecord(store.dir, log.note) : undefined;
		// What the whole build's record starts from: the last one, with what the patch read since.
		let last = record;
		if (!diagrams) {
			const patching = inStep(progress, 'republishing the changed pages', () =>
				patchSite({
					loaded,
					environment,
					cwd,
					tree,
					plan,
					storeDir: store.dir,
					record,
					warn: (message) => options.trace?.(message),
					warnUser: (warning) => log.warn(warning),
					note: log.note,
					onWaiting: patchWaits,
				}),
			);
			patching.catch(() => undefined);
			void patching.finally(patchWaits);
			report ??= await checksDone(checking as Promise<CheckReport>);
			const patch = await patching;
			if ('patched' in patch && record)
				return await finish({
					built: true,
					report,
					tree,
					pathnames: record.pathnames,
					patched: patch.patched,
				});
			if ('reason' in patch) {
				options.trace?.(`waymark: a whole build, since ${patch.reason}`);
				if (record && patch.publishedFiles)
					last = { ...record, publishedFiles: patch.publishedFiles };
			}
		}
		const { build } = await inStep(progress, 'loading Astro', () => (astro ??= import('astro')));
		let pathnames: string[] = [];
		let facts: PageFacts[] = [];
		let rendered = 0;
		let built: BuiltPages | undefined;
		let searchOff = false;
		// Loaded only here: Astro's integration, MDX and Vite's settings, which a patched build never needs.
		const { siteRun } = await import('./astro-run.ts');
		const run = siteRun(
			{
				loaded,
				tree,
				reloadTree: () => readTree(loaded, { parser: environment.parser }),
				...(diagrams && { diagrams }),
				...(options.output && { output: options.output }),
				cwd,
				environment,
				alerts,
				plan,
				progress,
				onPagesBuilt: (written, known, count) =>
					([pathnames, facts, rendered] = [written, known, count]),
				onBuiltPages: (pages) => (built = pages),
				onSearchOff: () => (searchOff = true),
				note: log.note,
			},
			store.dir,
		);
		const { inline, buildDir } = run;
		const damaged = await checkAstroCopies(inline.cacheDir);
		if (damaged) log.note(damaged);
		const stopNotes = onBodyNote(log.note);
		await build({ ...inline, logLevel: environment.silent ? 'silent' : 'info' })
			.finally(async () => {
				stopNotes();
				await run.close();
			})
			.catch(async (error: unknown) => {
				// The findings may explain why the site build failed: report them if the checks are done.
				const done =
					beside &&
					(await Promise.race([
						beside.catch(() => undefined),
						sleep(2000, undefined, { ref: false }),
					]));
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
		await forgetSiteRecord(store.dir);
		await sealAstroCopies(inline.cacheDir, built);
		await inStep(progress, `moving the site into ${loaded.outDir}`, () =>
			publishSite(buildDir, loaded.outDir),
		);
		// Without its search index the output is not what a build of the tree makes: the next build is a whole one.
		if (store.kept && !searchOff)
			await keepRecord(store.dir, {
				loaded,
				environment,
				tree,
				plan,
				facts,
				pathnames,
				built,
				drawn: !diagrams || (diagrams.mode === 'svg' && !diagrams.browserProblem),
				last,
			});
		return await finish({ built: true, report: report as CheckReport, tree, pathnames, rendered });
	} finally {
		// Nothing waits on a patch that never started (a build that failed before it).
		patchWaits();
		await diagrams?.close();
		await store.release();
	}
}

/** Records the build just moved into place, for the next build to start from (`patch-site.ts`). */
async function keepRecord(
	storeDir: string,
	done: {
		loaded: LoadedConfig;
		environment: WaymarkEnvironment;
		tree: GuidebookTree;
		plan: SitePlan;
		facts: PageFacts[];
		pathnames: string[];
		built: BuiltPages | undefined;
		drawn: boolean;
		last: SiteRecord | undefined;
	},
): Promise<void> {
	const { loaded, environment, tree, plan, facts, pathnames, built, drawn, last } = done;
	const pages = [...tree.pages.keys()].filter((path) => !tree.unpublished.has(path));
	const record = await recordBuild(
		await siteRecordHead({ loaded, environment, tree, plan, drawn, last }),
		entryInputs(tree, plan, pages),
		facts,
		loaded.outDir,
		pathnames,
		built,
	);
	if (record) await writeSiteRecord(storeDir, record);
}

/**
 * A diagram service with its browser and tabs started, when some diagram of the tree is not in
 * the drawing cache yet; `undefined` when every drawing is cached (or there is no diagram).
 */
async function drawingBeside(
	tree: GuidebookTree,
	loaded: LoadedConfig,
	progress: Progress,
	log: BuildLog,
): Promise<DiagramService | undefined> {
	const sources = collectMermaidBlocks(tree).map((block) => block.source);
	if (sources.length === 0) return undefined;
	// Astro renders on this process's main thread while the tabs draw: a tab per other core. On two
	// cores, one tab drew the benchmark's 100 diagrams in less wall and CPU time than two, which
	// each load mermaid (a second of a core apiece) and contend with Astro (bench/HISTORY.md).
	const service = createDiagramService({
		config: loaded.config.diagrams,
		cacheDir: resolveDiagramCacheDir(loaded.config.diagrams),
		progress,
		tabs: tabCount(1),
		onPatchMissing: (problem) => log.warn(raise(MermaidPatchMissing, problem)),
	});
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
function checksBeside(
	checks: RunChecksOptions,
	diagrams: DiagramService,
	tree: GuidebookTree,
): { report: Promise<CheckReport>; treesRead: Promise<void> } {
	let treesRead!: () => void;
	const read = new Promise<void>((resolve) => (treesRead = resolve));
	const report = runChecks({ ...checks, diagrams, onSyntaxTreesRead: treesRead });
	report.catch(() => undefined);
	const released = Promise.race([
		read,
		report.then(
			() => undefined,
			() => undefined,
		),
	]).then(() => releaseSyntaxTrees(tree));
	return { report, treesRead: released };
}

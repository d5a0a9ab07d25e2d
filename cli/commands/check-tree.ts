import { dirname, resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../../config/load-config.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { openPageCache, pageCacheFile } from '../../tree/page-cache.ts';
import { runChecks, type CheckReport } from '../../checks/engine.ts';
import { applyBaseline } from '../../checks/baseline/apply-baseline.ts';
import { baselinePath, readBaseline } from '../../checks/baseline/baseline-file.ts';
import { withFingerprints } from '../../checks/baseline/fingerprint.ts';
import type { WaymarkEnvironment } from '../../core/environment.ts';
import { inStep } from '../../core/progress.ts';
import { shownPath } from '../../core/shown-path.ts';
import { assertHasPages } from '../../tree/no-pages.ts';
import { startWatchdog, watched, type Watchdog } from '../watchdog.ts';
import { showSlowSteps } from '../slow-steps.ts';
import { trimHeapWhenGrown } from '../../core/heap-trim.ts';
import { checkWork, deferOptimizingCompiler } from '../../core/optimizing-compiler.ts';
import { configOptions, contraryDialectWarning, dialectLine, noteRootFound, printError, traceOf, trustFrom, type TrustFlags } from './shared.ts';

/** The flags `check` and `baseline` share: where the tree is, and what to run over it. */
export interface CheckTreeFlags extends TrustFlags {
	stateDir?: string;
	root?: string;
	config?: string;
	changedSince?: string;
	live?: boolean;
	/** `--domains a.com,b.lab` */
	domains?: string;
	external?: boolean;
	site?: string;
	/** `--no-cache` sets this to false. */
	cache?: boolean;
	/** `--baseline FILE`: the known findings; `--no-baseline` (false): none. @default the baseline beside the config */
	baseline?: string | false;
}

export interface CheckedTree {
	loaded: LoadedConfig;
	tree: GuidebookTree;
	/** With a baseline: its known findings marked, `summary` counting the others; then (or with `fingerprintAll`) every finding fingerprinted. */
	report: CheckReport;
	/** The baseline file, absolute, whether it exists or not (`undefined` with `--no-baseline`). */
	baselineFile?: string;
}

/**
 * Reads the tree and runs the checks the flags ask for, under the watchdog, then compares the
 * findings with the baseline when there is one (`fingerprintAll`: fingerprints them even without
 * one, for `waymark baseline` to write). Prints what goes wrong (a config or baseline
 * error, a stall) and resolves `undefined` for exit code 2.
 */
export async function checkTree(options: CheckTreeFlags, { cwd, environment, fingerprintAll }: { cwd: string; environment: WaymarkEnvironment; fingerprintAll?: boolean }): Promise<CheckedTree | undefined> {
	let watchdog: Watchdog | undefined;
	let shown: ReturnType<typeof showSlowSteps> | undefined;
	const stopTrimming = trimHeapWhenGrown();
	const compiler = deferOptimizingCompiler({ nodeOptions: environment.variables['NODE_OPTIONS'], work: checkWork });
	try {
		// Checking a branch's changes (`--changed-since`) is checking someone's branch: untrusted unless said otherwise.
		const trust = trustFrom(options, options.changedSince ? 'untrusted' : 'trusted');
		const loaded = await loadConfig(configOptions(options, environment, cwd, trust));
		noteRootFound(loaded, cwd);
		const root = loaded.root;
		watchdog = startWatchdog(loaded.config.build.stallTimeoutSeconds * 1000);
		// Every step over two seconds says what it is doing, on stderr (stdout is the report).
		shown = environment.silent ? undefined : showSlowSteps(compiler.counting(watchdog.progress), process.stderr, { redraw: process.stderr.isTTY === true && !environment.ci, ownDisplay: ['checking links'] });
		const progress = shown?.progress ?? compiler.counting(watchdog.progress);
		const pages = await openPageCache(pageCacheFile(loaded.stateDir, root));
		const tree = await watched(watchdog, inStep(progress, 'reading the pages', () => loadGuidebookTree(root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser, cache: pages, trust: loaded.trust }, progress)));
		assertHasPages(tree, shownPath(loaded.root, cwd));
		// On stderr: stdout is the report, which may be JSON.
		const line = dialectLine(tree, cwd);
		if (line) process.stderr.write(`${line}\n`);
		const contrary = contraryDialectWarning(tree);
		if (contrary) process.stderr.write(contrary);
		// Read before the checks run: a baseline that is not one stops the run at once.
		const baselineFile = options.baseline === false ? undefined : options.baseline ? resolve(cwd, options.baseline) : baselinePath(loaded.file, cwd);
		const shownBaseline = baselineFile && shownPath(baselineFile, cwd).replace(/\/$/, '');
		const baseline = baselineFile && shownBaseline ? await readBaseline(baselineFile, shownBaseline) : undefined;
		let report = await watched(watchdog, runChecks({ root, config: loaded.config, tree, trust, watchdog: progress, setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside },
			...(options.changedSince && { changedSince: options.changedSince }),
			...(options.live && { live: true, domains: options.domains?.split(',').map((d) => d.trim()).filter(Boolean) ?? [] }),
			...(options.external && { external: true }),
			...(options.site && { site: resolve(cwd, options.site) }),
			...(options.cache === false && { noCache: true }),
			parser: environment.parser,
			env: environment.variables,
			// Only the network steps report progress; the bar's package loads with them.
			...((options.external === true || options.site !== undefined) && { progress: (await import('../../checks/links/progress.ts')).createProgress(process.stderr, { ci: environment.ci, silent: environment.silent }) }),
			...traceOf(environment),
		}));
		await pages.save();
		if (baselineFile && (baseline || fingerprintAll)) {
			report = { ...report, findings: await withFingerprints(report.findings, tree, dirname(baselineFile)) };
			if (baseline && shownBaseline) report = applyBaseline(report, baseline.entries, { shown: shownBaseline, partial: options.changedSince !== undefined });
		}
		return { loaded, tree, report, ...(baselineFile && { baselineFile }) };
	} catch (error) {
		printError(error, watchdog?.state());
		return undefined;
	} finally {
		shown?.stop();
		watchdog?.stop();
		stopTrimming();
		compiler.turnOn();
	}
}

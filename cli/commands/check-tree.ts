import { lstat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Trust } from '../../core/trust.ts';
import { loadConfig, type LoadedConfig } from '../../config/load-config.ts';
import { assertWritesInside } from '../../config/write-guard.ts';
import { findRepository } from '../../core/git.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import { readTree } from '../../tree/read-tree.ts';
import { openPageCache, pageCacheFile } from '../../tree/page-cache.ts';
import { runChecks, type CheckReport } from '../../checks/engine.ts';
import { applyBaseline } from '../../checks/baseline/apply-baseline.ts';
import {
	baselinePath,
	readBaseline,
	readBaselineAt,
	type Baseline,
} from '../../checks/baseline/baseline-file.ts';
import { withFingerprints } from '../../checks/baseline/fingerprint.ts';
import { inStep } from '../../core/progress.ts';
import { shownPath } from '../../core/shown-path.ts';
import { assertHasPages } from '../../tree/no-pages.ts';
import type { Guard } from '../guarded-run.ts';
import type { Terminal } from '../terminal.ts';
import {
	configOptions,
	contraryDialectWarning,
	dialectLine,
	noteRootFound,
	traceOf,
	trustFrom,
	type TrustFlags,
} from './shared.ts';

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
	/** `--baseline-ref REF`: the baseline as committed at REF (the branch a pull request goes into), not as the work tree holds it. */
	baselineRef?: string;
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
 * Reads the tree and runs the checks the flags ask for under `guard` (`guardedRun`: the watchdog,
 * and every step over two seconds shown on stderr, where it never mixes with the report on
 * stdout), then compares the findings with the baseline when there is one (`fingerprintAll`:
 * fingerprints them even without one, for `waymark baseline` to write it). What goes wrong (a
 * config or baseline error, a stall) is thrown for `guardedRun` to print, exit 2.
 */
export async function checkTree(
	options: CheckTreeFlags,
	terminal: Terminal,
	guard: Guard,
	{ fingerprintAll = false }: { fingerprintAll?: boolean } = {},
): Promise<CheckedTree> {
	const { cwd, environment, stderr } = terminal;
	// Checking a branch's changes (`--changed-since`) is checking someone's branch: untrusted unless said otherwise.
	const trust = trustFrom(options, options.changedSince ? 'untrusted' : 'trusted');
	const loaded = await loadConfig(configOptions(options, terminal, trust));
	noteRootFound(terminal, loaded);
	const { root } = loaded;
	const baselineFile =
		options.baseline === false
			? undefined
			: options.baseline
				? resolve(cwd, options.baseline)
				: baselinePath(loaded.file, cwd);
	// Asked once: the guard below and the tree's links both need the repository holding the root.
	const repository = findRepository(root).catch(() => undefined);
	// `waymark baseline` writes the baseline too: not through a link out of the repository.
	await assertWritesInside(
		loaded,
		fingerprintAll && baselineFile ? [baselineFile] : [],
		repository,
	);
	const progress = guard.watch(loaded.config.build.stallTimeoutSeconds * 1000, {
		slowSteps: { redraw: true, ownDisplay: ['checking links'] },
	});
	// On stderr: stdout is the report, which may be JSON.
	const pages = await openPageCache(
		pageCacheFile(loaded.stateDir, root),
		(note) => void stderr.write(`${note}\n`),
	);
	const tree = await guard.watched(
		inStep(progress, 'reading the pages', () =>
			readTree(loaded, { parser: environment.parser, cache: pages, repository }, progress),
		),
	);
	assertHasPages(tree, shownPath(loaded.root, cwd));
	const line = dialectLine(tree, cwd);
	if (line) stderr.write(`${line}\n`);
	const contrary = contraryDialectWarning(tree);
	if (contrary) stderr.write(contrary);
	// Read before the checks run: a baseline that is not one stops the run at once.
	const shownBaseline = baselineFile && shownPath(baselineFile, cwd).replace(/\/$/, '');
	const baselineRef =
		trust === 'untrusted' ? (options.baselineRef ?? options.changedSince) : undefined;
	const baseline =
		baselineFile && shownBaseline
			? await knownFindings(
					{ file: baselineFile, shown: shownBaseline, trust, ref: baselineRef },
					(line) => void stderr.write(`${line}\n`),
				)
			: undefined;
	let report = await guard.watched(
		runChecks({
			root,
			config: loaded.config,
			tree,
			trust,
			watchdog: progress,
			setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside },
			...(options.changedSince && { changedSince: options.changedSince }),
			...(options.live && {
				live: true,
				domains:
					options.domains
						?.split(',')
						.map((d) => d.trim())
						.filter(Boolean) ?? [],
			}),
			...(options.external && { external: true }),
			...(options.site && { site: resolve(cwd, options.site) }),
			...(options.cache === false && { noCache: true }),
			env: environment.variables,
			// Only the network steps report progress; the bar's package loads with them.
			...((options.external === true || options.site !== undefined) && {
				progress: (await import('../../checks/links/progress.ts')).createProgress(stderr, {
					ci: environment.ci,
					silent: environment.silent,
				}),
			}),
			...traceOf(terminal),
		}),
	);
	await pages.save();
	if (baselineFile && (baseline || fingerprintAll)) {
		report = {
			...report,
			findings: await withFingerprints(report.findings, tree, dirname(baselineFile)),
		};
		if (baseline && shownBaseline)
			report = applyBaseline(report, baseline.entries, {
				shown: baselineRef === undefined ? shownBaseline : `${shownBaseline} as of ${baselineRef}`,
				partial: options.changedSince !== undefined,
			});
	}
	return { loaded, tree, report, ...(baselineFile && { baselineFile }) };
}

/**
 * The baseline a run goes by. A trusted run reads the file; an untrusted one (a pull request's
 * branch) reads it as committed at `ref` (`--baseline-ref`, else `--changed-since`): the branch
 * under review could otherwise add its own new findings to the file and pass. Without a ref, an
 * untrusted run judges every finding as new and says why.
 */
async function knownFindings(
	place: { file: string; shown: string; trust: Trust; ref: string | undefined },
	note: (line: string) => void,
): Promise<Baseline | undefined> {
	if (place.trust === 'trusted') return readBaseline(place.file, place.shown);
	// Without a file here, the branch has none to add its findings to: every finding is new, whatever
	// the ref holds, and a checkout without the base branch's history (a shallow one) still checks.
	const here = await lstat(place.file).then(
		() => true,
		() => false,
	);
	if (place.ref !== undefined)
		return here ? readBaselineAt(place.file, place.shown, place.ref) : undefined;
	if (here)
		note(
			`${place.shown} is the branch's own, which an untrusted check does not go by: every finding is judged as new. Pass \`--baseline-ref <base branch>\` to go by the baseline of the branch it goes into.`,
		);
	return undefined;
}

import { relative, sep } from 'node:path';
import { loadAlertSources } from '../alerts/load-alerts.ts';
import { alertSourceFiles, type AlertSet } from '../alerts/types.ts';
import { ProbesUntrusted, raise } from '../core/errors.ts';
import type { Config } from '../config/load-config.ts';
import { inStep, noProgress, type Progress } from '../core/progress.ts';
import type { SetAsideSetting } from '../config/untrusted.ts';
import { compileGlobs } from '../core/glob.ts';
import type { Trust } from '../core/trust.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { pagesChangedSince } from './changed-since.ts';
import { onIncludedFiles } from './included-files.ts';
import { compareFindings, type Finding } from './finding.ts';
import type { Rule, RuleSeverity } from './rules/define-rule.ts';
import { onFileLines, runRule } from './run-rule.ts';
import { rules as registry } from './rules/index.ts';
import type { ProbeResult } from './probes/types.ts';
import type { ProgressSink } from './links/progress.ts';
import type { DiagramService } from '../diagrams/diagram-service.ts';
import type { BaselineComparison } from './baseline/baseline-file.ts';

export interface RunChecksOptions {
	/** Absolute guidebook root. */
	root: string;
	config: Config;
	/** Git ref: check only pages changed since it, plus the pages that link into them. */
	changedSince?: string;
	/** Check external links (LINKS plugs in here). */
	external?: boolean;
	/** Run live probes (STATUS plugs in here). */
	live?: boolean;
	/** With `live`: owned domains whose hostnames must resolve (on top of config `status.domains`). */
	domains?: string[];
	/** Crawl this built site folder for dead links only rendering creates (`site-links`). */
	site?: string;
	/** Neither read nor write the external link cache. */
	noCache?: boolean;
	/** Whose tree this is (the command decides). Untrusted: no probes, no `${env:}` in link headers. @default 'trusted' */
	trust?: Trust;
	/** With `untrusted`: config settings set aside, reported by `untrusted-content` at `configFile`. */
	setAside?: { configFile?: string; settings: SetAsideSetting[] };
	/** Rule ids to run; default every rule not set to `off`. */
	only?: string[];
	/** The tree to judge, read by the command (`tree/read-tree.ts`); the checks read none themselves. */
	tree: GuidebookTree;
	/** Rules to run instead of the registry (tests, the rules page). */
	rules?: Record<string, Rule>;
	/** Alert sources already read (`waymark build` shares them with the site); else read here. */
	alerts?: AlertSet;
	/** The config file read, absolute: findings about `alerts.*` settings name it. */
	configFile?: string;
	/** For `${env:NAME}` headers of `--external` link rules and `--live` probes. @default {} */
	env?: NodeJS.ProcessEnv;
	/** Where `--external` reports progress. @default silent */
	progress?: ProgressSink;
	/** Told as each rule and network step starts and ends (the command's watchdog). */
	watchdog?: Progress;
	/** Called with one line per run of the rules (`DEBUG=waymark`; tests count runs with it). */
	trace?: (line: string) => void;
	/** The time the checks stand at (review ages, uncommitted changes). @default now */
	now?: Date;
	/** The build's diagram service: the mermaid rules draw through it, and it stays open. */
	diagrams?: DiagramService;
	/**
	 * Called once no step will read a page's syntax tree again (`waymark build` then releases them),
	 * which may be before the run ends: the mermaid rules read only page facts while they wait.
	 */
	onSyntaxTreesRead?: () => void;
}

export interface CheckReport {
	version: 1;
	findings: Finding[];
	/** Pages the findings are about, relative to the root, sorted. */
	checked: string[];
	summary: { errors: number; warnings: number; files: number };
	/** Every probe run (`--live`, `waymark probe`), up and unknown ones included. */
	probes?: ProbeResult[];
	/** With a baseline (`checks/baseline/`): `summary` counts only the findings it does not record. */
	baseline?: BaselineComparison;
}

/**
 * rules → (network steps) → one sorted report, on the tree it is handed; every rule sees the same
 * parsed pages. A rule that throws becomes a finding, so one bug never hides the rest.
 */
export async function runChecks(options: RunChecksOptions): Promise<CheckReport> {
	const ruleSet: Record<string, Rule> = options.rules ?? registry;
	const trust = options.trust ?? 'trusted';
	if (options.live && trust === 'untrusted') throw raise(ProbesUntrusted, '`--live`');
	const watchdog = options.watchdog ?? noProgress;
	const { tree } = options;
	// A bug, never the user's: rules would judge empty pages and find nothing.
	if (tree.syntaxReleased)
		throw new Error('The checks were handed a tree whose syntax trees a build had released');
	const all = [
		...tree.pages.keys(),
		...tree.unreadable.map((u) => u.path),
		...tree.files.problems.map((p) => p.path),
		...(tree.toolConfig ? [tree.toolConfig.file] : []),
	];
	const selected = options.changedSince
		? await pagesChangedSince(tree, options.changedSince)
		: new Set(all);
	const ignore = compileGlobs(options.config.checks.ignore);
	// Ignored files are still part of the tree (links into them resolve); nothing is reported on them.
	const alertsConfigFile = options.configFile ?? options.setAside?.configFile;
	const alerts =
		options.alerts ??
		(await inStep(watchdog, 'reading the alert rules', () =>
			loadAlertSources(options.config, options.root, {
				trust,
				...(options.env && { env: options.env }),
				...(alertsConfigFile && { configFile: alertsConfigFile }),
			}),
		));
	// Rule files are reported on whatever changed: a renamed page breaks an alert's link there.
	// What a tree under review must not slip past the gate, by its selection or its own `checks.ignore`.
	const always = tree.files.problems
		.filter((problem) => problem.always)
		.map((problem) => problem.path);
	const targets = new Set([
		...[...selected, ...alertSourceFiles(alerts)].filter((file) => ignore.indexOf(file) === -1),
		...always,
	]);
	// The config file is part of an untrusted tree: what was set aside is reported there, always.
	const configFile =
		options.setAside?.configFile && options.setAside.settings.length > 0
			? toTreePath(options.root, options.setAside.configFile)
			: undefined;
	if (configFile) targets.add(configFile);
	// Without a config file (a state folder the branch committed files into), at the tree's top.
	else if (options.setAside?.settings.length) targets.add('.');
	const active = Object.values(ruleSet).flatMap((rule) => {
		if (options.only && !options.only.includes(rule.id)) return [];
		const severity = severityOf(rule, options.config);
		return severity === 'off' ? [] : [{ rule, severity }];
	});
	// Concurrently: the mermaid rules parse in a worker thread, which then overlaps the others.
	const context = {
		trust,
		setAside: options.setAside?.settings ?? [],
		alerts,
		progress: watchdog,
		now: options.now ?? new Date(),
		...(configFile && { configFile }),
		...(options.trace && { trace: options.trace }),
		...(options.diagrams && { diagrams: options.diagrams }),
	};
	// Each rule starts a turn of the event loop after the one before it started: a rule's own work is
	// mostly synchronous, and a build reading replies meanwhile (Pagefind indexing the pages it
	// patched, in a process of its own) hears them between two rules, not after the last.
	let turn = Promise.resolve();
	const running = active.map(({ rule, severity }) => {
		const start = turn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
		turn = start;
		return start.then(() =>
			inStep(watchdog, `running the rule \`${rule.id}\``, () =>
				runRule(rule, severity, tree, options.config, targets, context),
			),
		);
	});
	// The network steps below read the trees too.
	const networkSteps = Boolean(options.external || options.site || options.live);
	if (options.onSyntaxTreesRead && !networkSteps)
		void Promise.allSettled(
			running.filter((_, i) => active[i]?.rule.readsSyntaxTrees !== false),
		).then(options.onSyntaxTreesRead);
	const perRule = await Promise.all(running);
	options.trace?.(`waymark: ran ${active.length} rules on ${targets.size} files`);
	const findings: Finding[] = perRule.flat();
	if (options.external || options.site) {
		// Network steps load only when asked for: they pull in HTTP and DNS clients a plain check never needs.
		const { runLinkSteps } = await import('./links/run-link-steps.ts');
		findings.push(
			...(await inStep(watchdog, 'checking links', () =>
				runLinkSteps(tree, options.config, {
					...options,
					trust,
					watchdog,
					...(options.changedSince && { pages: targets }),
				}),
			)),
		);
	}
	const live = options.live
		? await inStep(watchdog, 'running the probes', async () =>
				(await import('./probes/check-live.ts')).checkLive(tree, options.config, {
					...(options.domains && { domains: options.domains }),
					...(options.changedSince && { targets }),
					...(options.env && { env: options.env }),
				}),
			)
		: undefined;
	if (live)
		findings.push(
			...atConfiguredSeverity(
				onIncludedFiles(live.findings, tree.pages, (finding) => onFileLines(finding, tree)),
				options.config,
			),
		);
	if (networkSteps) options.onSyntaxTreesRead?.();
	findings.sort(compareFindings);
	return createReport(findings, targets, live?.probes);
}

/** A network step's findings at the severity `checks.rules` sets for their id: `off` drops them, `warning` caps them. */
function atConfiguredSeverity(findings: Finding[], config: Config): Finding[] {
	return findings.flatMap((f) => {
		const configured = config.checks.rules[f.ruleId];
		if (configured === 'off') return [];
		return configured === 'warning' ? [{ ...f, severity: 'warning' as const }] : [f];
	});
}

/** An absolute path as findings name files: relative to the root, `/`-separated. */
function toTreePath(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

function severityOf(rule: Rule, config: Config): RuleSeverity {
	return config.checks.rules[rule.id] ?? rule.defaultSeverity;
}

/** The versioned report every reporter formats, from sorted findings, the files checked and any probes run. */
export function createReport(
	findings: Finding[],
	checked: Iterable<string>,
	probes?: ProbeResult[],
): CheckReport {
	const files = [...new Set(checked)].sort();
	return {
		version: 1,
		findings,
		checked: files,
		summary: {
			errors: findings.filter((f) => f.severity === 'error').length,
			warnings: findings.filter((f) => f.severity === 'warning').length,
			files: files.length,
		},
		...(probes && { probes }),
	};
}

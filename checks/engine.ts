import { matchesGlob, relative, sep } from 'node:path';
import { ProbesUntrusted, raise } from '../core/errors.ts';
import type { Config } from '../config/load-config.ts';
import { inStep, noProgress, type Progress } from '../core/progress.ts';
import type { SetAsideSetting } from '../config/untrusted.ts';
import type { Trust } from '../src/lib/trust.ts';
import { loadGuidebookTree, type GuidebookTree } from '../tree/load-tree.ts';
import { pagesChangedSince } from './changed-since.ts';
import { compareFindings, type Finding } from './finding.ts';
import { toFinding, type Rule, type RuleContext, type RuleReport, type RuleSeverity } from './rules/define-rule.ts';
import { rules as registry } from './rules/index.ts';

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
	/** An already loaded tree (the Astro integration re-uses it across dev re-checks). */
	tree?: GuidebookTree;
	/** Rules to run instead of the registry (tests, the rules page). */
	rules?: Record<string, Rule>;
	/** Told as each rule and network step starts and ends (the command's watchdog). */
	progress?: Progress;
}

export interface CheckReport {
	version: 1;
	findings: Finding[];
	/** Pages the findings are about, relative to the root, sorted. */
	checked: string[];
	summary: { errors: number; warnings: number; files: number };
	probes?: unknown[];
}

/**
 * collect → rules → (network steps) → one sorted report. Reads the tree once; every rule sees the
 * same parsed pages. A rule that throws becomes a finding, so one bug never hides the rest.
 */
export async function runChecks(options: RunChecksOptions): Promise<CheckReport> {
	const ruleSet: Record<string, Rule> = options.rules ?? registry;
	const trust = options.trust ?? 'trusted';
	if (options.live && trust === 'untrusted') throw raise(ProbesUntrusted, '`--live`');
	const progress = options.progress ?? noProgress;
	const tree = options.tree ?? (await inStep(progress, 'reading the pages', () => loadGuidebookTree(options.root, options.config.checks, progress)));
	const all = [...tree.pages.keys(), ...tree.unreadable.map((u) => u.path), ...tree.files.problems.map((p) => p.path)];
	const selected = options.changedSince ? await pagesChangedSince(tree, options.changedSince) : new Set(all);
	const ignore = options.config.checks.ignore;
	// Ignored files are still part of the tree (links into them resolve); nothing is reported on them.
	const targets = new Set([...selected].filter((file) => !ignore.some((glob) => matchesGlob(file, glob))));
	// The config file is part of an untrusted tree: what was set aside is reported there, always.
	const configFile = options.setAside?.configFile && options.setAside.settings.length > 0 ? toTreePath(options.root, options.setAside.configFile) : undefined;
	if (configFile) targets.add(configFile);
	const active = Object.values(ruleSet).flatMap((rule) => {
		if (options.only && !options.only.includes(rule.id)) return [];
		const severity = severityOf(rule, options.config);
		return severity === 'off' ? [] : [{ rule, severity }];
	});
	// Concurrently: the mermaid rules parse in a worker thread, which then overlaps the others.
	const context = { trust, setAside: options.setAside?.settings ?? [], progress, ...(configFile && { configFile }) };
	const perRule = await Promise.all(active.map(({ rule, severity }) => inStep(progress, `running the rule \`${rule.id}\``, () => runRule(rule, severity, tree, options.config, targets, context))));
	// `DEBUG=waymark` traces each run of the rules (tests count them: `waymark build` runs them once).
	if (/\bwaymark\b/.test(process.env.DEBUG ?? '')) process.stderr.write(`waymark: ran ${active.length} rules on ${targets.size} files\n`);
	const findings: Finding[] = perRule.flat();
	if (options.external || options.site) {
		// Network steps load only when asked for: they pull in HTTP and DNS clients a plain check never needs.
		const { runLinkSteps } = await import('./links/run-link-steps.ts');
		// `options.progress` is the watchdog's, not the link steps' own progress bar.
		const linkOptions: Omit<RunChecksOptions, 'progress'> = { ...options };
		delete (linkOptions as RunChecksOptions).progress;
		findings.push(...(await inStep(progress, 'checking links', () => runLinkSteps(tree, options.config, { ...linkOptions, trust, watchdog: progress, ...(options.changedSince && { pages: targets }) }))));
	}
	const live = options.live ? await inStep(progress, 'running the probes', async () => (await import('./probes/check-live.ts')).checkLive(tree, options.config, { ...(options.domains && { domains: options.domains }), ...(options.changedSince && { targets }) })) : undefined;
	if (live) findings.push(...live.findings.filter((f) => options.config.checks.rules[f.ruleId] !== 'off'));
	findings.sort(compareFindings);
	return live ? { ...summarise(findings, targets), probes: live.probes } : summarise(findings, targets);
}

/** Runs one rule, keeping only findings on `targets`. */
export async function runRule(
	rule: Rule,
	severity: Exclude<RuleSeverity, 'off'>,
	tree: GuidebookTree,
	config: Config,
	targets: Set<string>,
	context: Pick<RuleContext, 'trust' | 'setAside' | 'configFile'> & Partial<Pick<RuleContext, 'progress'>> = { trust: 'trusted', setAside: [] },
): Promise<Finding[]> {
	const reports: RuleReport[] = [];
	try {
		const returned = await rule.check({ tree, config, targets, progress: noProgress, ...context, report: (r) => void reports.push(r) });
		if (Array.isArray(returned)) reports.push(...returned);
	} catch (error) {
		reports.push({
			file: '.',
			message: `Unexpected internal error in rule \`${rule.id}\` (${(error as Error).message}), expected it to finish; please report this to the Waymark maintainers`,
		});
		return reports.map((r) => toFinding(rule, r, 'error'));
	}
	return reports
		.filter((r) => targets.has(r.file))
		.map((r) => toFinding(rule, r, severity))
		.sort(compareFindings);
}

/** An absolute path as findings name files: relative to the root, `/`-separated. */
function toTreePath(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

function severityOf(rule: Rule, config: Config): RuleSeverity {
	return config.checks.rules[rule.id] ?? rule.defaultSeverity;
}

/** Builds the versioned report from sorted findings. */
function summarise(findings: Finding[], targets: Set<string>): CheckReport {
	return {
		version: 1,
		findings,
		checked: [...targets].sort(),
		summary: {
			errors: findings.filter((f) => f.severity === 'error').length,
			warnings: findings.filter((f) => f.severity === 'warning').length,
			files: targets.size,
		},
	};
}


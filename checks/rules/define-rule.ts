import type { AlertSet } from '../../alerts/types.ts';
import type { Config } from '../../config/load-config.ts';
import type { Progress } from '../../core/progress.ts';
import type { DiagramService } from '../../diagrams/diagram-service.ts';
import type { SetAsideSetting } from '../../config/untrusted.ts';
import type { Trust } from '../../core/trust.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { Finding, Position, Severity } from '../finding.ts';

/** How loud a rule is: its default, or what `checks.rules` in the config sets. */
export type RuleSeverity = Severity | 'off';

/** What a rule reports; the engine adds `ruleId`, the rule's `url` (if any) and the configured severity. */
export interface RuleReport {
	file: string;
	position?: Position;
	message: string;
	/** Lower than the rule's severity for advisory findings (e.g. an unused definition). */
	severity?: Severity;
	actual?: string;
	expected?: string;
	/** The position is the page's own, even on a line it pasted from another file (`included-files.ts`). */
	atInclude?: true;
}

export interface RuleContext {
	tree: GuidebookTree;
	config: Config;
	/** Pages (and unreadable files) to report on; rules may read every page but report only on these. */
	targets: Set<string>;
	/** Alerting rules from `alerts.rules` and `alerts.prometheus`, read once per run (empty without them). */
	alerts: AlertSet;
	/** Whose tree this is; `untrusted` for a branch under review. */
	trust: Trust;
	/** With `untrusted`: config settings set aside (`untrusted-content` reports them). */
	setAside: SetAsideSetting[];
	/** The config file, relative to the root (`../waymark.config.yaml`), when settings were set aside. */
	configFile?: string;
	/** One line about work a rule did or skipped (`DEBUG=waymark`; tests count diagram parses with it). */
	trace?: (line: string) => void;
	/** Where a rule that waits on something (a browser, the network) reports each piece done. */
	progress: Progress;
	/** The build's diagram service, shared with the site: the mermaid rules draw through it. */
	diagrams?: DiagramService;
	/** The time the run stands at: review ages and uncommitted changes are judged against it. @default the time the rule runs */
	now?: Date;
	report(finding: RuleReport): void;
}

/**
 * Executable documentation: every `ok` tree yields no finding of this rule, every `notOk` tree
 * yields exactly `output` (formatted with `formatFinding`, in report order). File paths are
 * relative to the guidebook root; `config` is the `waymark.config.yaml` the example needs, if any.
 * The root is a git repository of its own: `history` is committed first, in order, each commit on
 * its `date`, and `files` are written after it, uncommitted. `today` is the day the example is
 * checked on.
 * `test/checks/rules.test.ts` runs them; `docs:rules` renders them.
 */
export interface RuleExample {
	title: string;
	files: Record<string, string>;
	config?: Record<string, unknown>;
	trust?: Trust;
	history?: ExampleCommit[];
	/** `YYYY-MM-DD`. @default the day the example runs */
	today?: string;
}

/** One commit of an example's history: the files it writes, on the day it is made. */
export interface ExampleCommit {
	/** Author and committer date, UTC: `YYYY-MM-DD` (at noon) or `YYYY-MM-DDTHH:MM`. */
	date: string;
	files: Record<string, string>;
}

export interface RuleExamples {
	ok: RuleExample[];
	notOk: Array<RuleExample & { output: string[] }>;
}

export interface RuleDefinition {
	/** Equal to the rule's file name in `checks/rules/`. */
	id: string;
	/** One sentence, shown on the rules page. */
	description: string;
	defaultSeverity: RuleSeverity;
	examples: RuleExamples;
	/**
	 * `false` when the rule reads only page facts (`codeBlocks`, …), never a page's syntax tree, once
	 * it has started: a build may release the trees while it still runs. @default true
	 */
	readsSyntaxTrees?: boolean;
	/** Reports through `ctx.report` and/or returns findings; never prints. */
	check(ctx: RuleContext): void | Promise<void> | RuleReport[] | Promise<RuleReport[]>;
}

export interface Rule extends RuleDefinition {
	/**
	 * An address documenting the rule, for a rule defined outside Waymark that has one; its findings
	 * and SARIF's `helpUri` carry it. Waymark's own rules have none: their docs are the package's
	 * `guidebooks/rules.md` (`ruleDocsPath`), which no website hosts.
	 */
	url?: string;
}

/** Declares a rule; the registry in `rules/index.ts` lists every rule by id. */
export function defineRule(definition: Rule): Rule {
	return definition;
}

/** A rule's report as a finding at `severity` (`warning` caps every finding at warning). */
export function toFinding(
	rule: Rule,
	report: RuleReport,
	severity: Exclude<RuleSeverity, 'off'>,
): Finding {
	const level: Severity = severity === 'warning' ? 'warning' : (report.severity ?? 'error');
	return {
		ruleId: rule.id,
		severity: level,
		file: report.file,
		...(report.position && { position: report.position }),
		message: report.message,
		...(rule.url !== undefined && { url: rule.url }),
		...(report.actual !== undefined && { actual: report.actual }),
		...(report.expected !== undefined && { expected: report.expected }),
	};
}

import { emptyAlertSet } from '../alerts/types.ts';
import { noProgress } from '../core/progress.ts';
import type { Config } from '../config/load-config.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { sourceColumnOf, sourceLineOf } from '../tools/syntax/line-origins.ts';
import { compareFindings, type Finding } from './finding.ts';
import { onIncludedFiles } from './included-files.ts';
import {
	toFinding,
	type Rule,
	type RuleContext,
	type RuleReport,
	type RuleSeverity,
} from './rules/define-rule.ts';

// One rule on one tree, as `runChecks` (engine.ts) runs each: its findings kept on the files asked
// for, on the lines of the files they come from, and a rule that throws turned into a finding.

/** Runs one rule, keeping only findings on `targets`. */
export async function runRule(
	rule: Rule,
	severity: Exclude<RuleSeverity, 'off'>,
	tree: GuidebookTree,
	config: Config,
	targets: Set<string>,
	context: Pick<RuleContext, 'trust' | 'setAside' | 'configFile' | 'alerts' | 'trace'> &
		Partial<Pick<RuleContext, 'progress' | 'diagrams' | 'now'>> = {
		trust: 'trusted',
		setAside: [],
		alerts: emptyAlertSet,
	},
): Promise<Finding[]> {
	const reports: RuleReport[] = [];
	try {
		const returned = await rule.check({
			tree,
			config,
			targets,
			progress: noProgress,
			...context,
			report: (r) => void reports.push(r),
		});
		if (Array.isArray(returned)) reports.push(...returned);
	} catch (error) {
		reports.push({
			file: '.',
			message: `Unexpected internal error in rule \`${rule.id}\` (${(error as Error).message}), expected it to finish; please report this to the Waymark maintainers`,
		});
		return reports.map((r) => toFinding(rule, r, 'error'));
	}
	const atInclude = new WeakSet<Finding>();
	const findings = reports
		.filter((r) => targets.has(r.file))
		.map((r) => {
			const finding = toFinding(rule, r, severity);
			if (r.atInclude) atInclude.add(finding);
			return finding;
		});
	return onIncludedFiles(
		findings,
		tree.pages,
		(f) => onFileLines(f, tree),
		(f) => atInclude.has(f),
	).sort(compareFindings);
}

/** Rules and probes read a page's rewritten text (`PageModel.text`); where the dialect's rewrite added lines (Docusaurus tag lines, a pasted line `onIncludedFiles` could not place) or moved them left (indented blocks), a finding goes back to the file's line and column. */
export function onFileLines<T extends Pick<RuleReport, 'file' | 'position'>>(
	report: T,
	tree: GuidebookTree,
): T {
	const page = report.position && tree.pages.get(report.file);
	if (!page || !report.position || (!page.sourceLines && !page.sourceColumns)) return report;
	return {
		...report,
		position: {
			...report.position,
			line: sourceLineOf(report.position.line, page.sourceLines),
			column: sourceColumnOf(report.position, page.sourceColumns),
		},
	};
}

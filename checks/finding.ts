import { terminalText } from '../core/escape.ts';
import type { Position } from '../core/position.ts';

export type { Position };

/**
 * A finding is one thing wrong at one place. Rules return findings and never print; reporters in
 * `report/` turn them into text, JSON, JUnit, SARIF, GitHub annotations or Markdown.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
	/** The rule's id, equal to its file name in `checks/rules/` (or `links/`, `probes/`). */
	ruleId: string;
	severity: Severity;
	/** Path relative to the guidebook root, `/`-separated. */
	file: string;
	position?: Position;
	message: string;
	/**
	 * An address documenting the rule, only when its definer gave one (`defineRule({ url })`).
	 * Waymark's own rules have none: no website hosts their docs, which ship in the package
	 * (`ruleDocsPath`).
	 */
	url?: string;
	actual?: string;
	expected?: string;
	/** Other places the same problem occurs (e.g. every page linking to one dead URL); `file`/`position` is the first. */
	related?: Array<{ file: string; position?: Position }>;
	/** What the line it is on says, hashed (`checks/baseline/fingerprint.ts`): set when a baseline is read or written. */
	fingerprint?: string;
	/** Recorded in the baseline (`waymark baseline`): reported as known, never failing the run. */
	baselined?: true;
}

/** `erp/ops.md:12:3: Unexpected …, expected … (internal-links)`, for one line of a log (`terminalText`). */
export function formatFinding(finding: Finding): string {
	const where = finding.position
		? `${finding.file}:${finding.position.line}:${finding.position.column}`
		: finding.file;
	return terminalText(`${where}: ${finding.message} (${finding.ruleId})`);
}

const severityRank: Record<Severity, number> = { warning: 1, error: 2 };

/** True when `finding` is at or above `threshold` (the `--fail-on` level). */
export function isAtLeast(finding: Pick<Finding, 'severity'>, threshold: Severity): boolean {
	return severityRank[finding.severity] >= severityRank[threshold];
}

/** Stable order for reports: by file, then position, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
	return (
		a.file.localeCompare(b.file) ||
		(a.position?.line ?? 0) - (b.position?.line ?? 0) ||
		(a.position?.column ?? 0) - (b.position?.column ?? 0) ||
		a.ruleId.localeCompare(b.ruleId)
	);
}

/** Where a Waymark rule is documented: its section of the rules page in the package (`npm run docs:rules` writes it). */
export function ruleDocsPath(ruleId: string): string {
	return `guidebooks/rules.md#${ruleId}`;
}

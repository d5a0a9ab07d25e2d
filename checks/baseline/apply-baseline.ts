import type { CheckReport } from '../engine.ts';
import type { Finding } from '../finding.ts';
import type { BaselineComparison, BaselineEntry } from './baseline-file.ts';
import { messageKey } from './fingerprint.ts';

const looseKey = (file: string, rule: string, message: string): string =>
	JSON.stringify([file, rule, messageKey(message)]);
const exactKey = (file: string, rule: string, message: string, fingerprint: string): string =>
	JSON.stringify([file, rule, messageKey(message), fingerprint]);

/**
 * Marks the findings the baseline records as `baselined` and counts only the others in the
 * summary, so the run fails on new findings alone. A finding matches an entry by file, rule and
 * message (what it says is wrong, `messageKey`) and its line's fingerprint, so one whose line moved is still
 * known; then, for what is left, by file, rule and message alone, so one whose line was edited
 * around it is too, as long as no more such findings are there than the baseline records. An
 * entry matched by no finding is `fixed` (in a `partial` run, `--changed-since`, only on a file it
 * checked).
 */
export function applyBaseline(
	report: CheckReport,
	entries: BaselineEntry[],
	{ shown, partial }: { shown: string; partial: boolean },
): CheckReport & { baseline: BaselineComparison } {
	const left = entries.map((entry) => ({ entry, count: entry.count ?? 1 }));
	const exact = Map.groupBy(left, ({ entry }) =>
		exactKey(entry.file, entry.rule, entry.message, entry.fingerprint),
	);
	const loose = Map.groupBy(left, ({ entry }) => looseKey(entry.file, entry.rule, entry.message));
	const take = (candidates: typeof left | undefined): boolean => {
		const found = candidates?.find((candidate) => candidate.count > 0);
		if (found) found.count--;
		return found !== undefined;
	};
	const known = new Set<Finding>();
	for (const finding of report.findings)
		if (
			take(
				exact.get(
					exactKey(finding.file, finding.ruleId, finding.message, finding.fingerprint ?? ''),
				),
			)
		)
			known.add(finding);
	for (const finding of report.findings)
		if (
			!known.has(finding) &&
			take(loose.get(looseKey(finding.file, finding.ruleId, finding.message)))
		)
			known.add(finding);
	const findings = report.findings.map((finding) =>
		known.has(finding) ? { ...finding, baselined: true as const } : finding,
	);
	const fresh = findings.filter((finding) => !finding.baselined);
	const checked = new Set(report.checked);
	const fixed = left
		.filter(({ entry, count }) => count > 0 && (!partial || checked.has(entry.file)))
		.map(({ entry, count }): BaselineEntry => ({
			file: entry.file,
			rule: entry.rule,
			message: entry.message,
			fingerprint: entry.fingerprint,
			...(count > 1 && { count }),
		}));
	return {
		...report,
		findings,
		summary: {
			...report.summary,
			errors: fresh.filter((f) => f.severity === 'error').length,
			warnings: fresh.filter((f) => f.severity === 'warning').length,
		},
		baseline: {
			file: shown,
			known: {
				errors: [...known].filter((f) => f.severity === 'error').length,
				warnings: [...known].filter((f) => f.severity === 'warning').length,
			},
			fixed,
		},
	};
}

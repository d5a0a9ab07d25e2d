import { escapeHtml as xml } from '../../core/escape.ts';
import { formatFinding, type Finding } from '../finding.ts';
import type { Reporter } from './reporter.ts';

/** JUnit XML: one test suite per checked file, one failing test case per finding, one passing case for a clean file. */
export const junit: Reporter = (report) => {
	const byFile = new Map<string, Finding[]>(report.checked.map((file) => [file, []]));
	for (const finding of report.findings) {
		const list = byFile.get(finding.file);
		if (list) list.push(finding);
		else byFile.set(finding.file, [finding]);
	}
	const suites = [...byFile].map(([file, findings]) => {
		const failures = findings.filter((f) => f.severity === 'error').length;
		const cases = findings.length === 0
			? [`    <testcase name="${xml(file)}" classname="waymark"/>`]
			: findings.map((f) => {
					const where = f.position ? `${f.file}:${f.position.line}:${f.position.column}` : f.file;
					const tag = f.severity === 'error' ? 'failure' : 'skipped';
					const body = f.severity === 'error'
						? `<failure type="${xml(f.ruleId)}" message="${xml(f.message)}">${xml(formatFinding(f))}</failure>`
						: `<${tag} message="${xml(`${f.severity}: ${f.message}`)}"/>`;
					return `    <testcase name="${xml(`${where} ${f.ruleId}`)}" classname="waymark.${xml(f.ruleId)}">${body}</testcase>`;
				});
		return [`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${findings.length - failures}">`, ...cases, '  </testsuite>'].join('\n');
	});
	const tests = [...byFile.values()].reduce((n, f) => n + Math.max(1, f.length), 0);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites name="waymark check" tests="${tests}" failures="${report.summary.errors}" errors="0">`,
		...suites,
		'</testsuites>',
		'',
	].join('\n');
};

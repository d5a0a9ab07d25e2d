import { escapeHtml } from '../../core/escape.ts';
import { formatFinding, type Finding } from '../finding.ts';
import type { ProbeResult } from '../probes/types.ts';
import type { Reporter } from './reporter.ts';

/**
 * Text for an attribute or element of the report: line breaks as character references, so a
 * message the branch wrote stays on its line of the file (JUnit goes to stdout in CI, where a line
 * of its own starting `::` is a workflow command, as is `##[` anywhere) and reads back the same.
 */
const xml = (text: string): string =>
	escapeHtml(text).replaceAll('\r', '&#13;').replaceAll('\n', '&#10;').replaceAll('##[', '#&#35;[');

/**
 * JUnit XML: one test suite per checked file, one failing test case per finding, one passing case
 * for a clean file. Probes (`--live`, `waymark probe`) are a suite of their own, one case each:
 * down and degraded fail, unknown is skipped; their `probe-failed` findings are those cases.
 */
export const junit: Reporter = (report) => {
	const findings = report.probes
		? report.findings.filter((f) => f.ruleId !== 'probe-failed')
		: report.findings;
	const byFile = new Map<string, Finding[]>(report.checked.map((file) => [file, []]));
	for (const finding of findings) {
		const list = byFile.get(finding.file);
		if (list) list.push(finding);
		else byFile.set(finding.file, [finding]);
	}
	const suites = [...byFile].map(([file, findings]) => {
		const failures = findings.filter(failing).length;
		const cases =
			findings.length === 0
				? [`    <testcase name="${xml(file)}" classname="waymark"/>`]
				: findings.map((f) => {
						const where = f.position ? `${f.file}:${f.position.line}:${f.position.column}` : f.file;
						const body = failing(f)
							? `<failure type="${xml(f.ruleId)}" message="${xml(f.message)}">${xml(formatFinding(f))}</failure>`
							: `<skipped message="${xml(`${f.baselined ? `known ${f.severity} (baseline)` : f.severity}: ${f.message}`)}"/>`;
						return `    <testcase name="${xml(`${where} ${f.ruleId}`)}" classname="waymark.${xml(f.ruleId)}">${body}</testcase>`;
					});
		return [
			`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${findings.length - failures}">`,
			...cases,
			'  </testsuite>',
		].join('\n');
	});
	if (report.probes) suites.push(probeSuite(report.probes));
	const probeFailures = (report.probes ?? []).filter(failed).length;
	const tests =
		[...byFile.values()].reduce((n, f) => n + Math.max(1, f.length), 0) +
		(report.probes?.length ?? 0);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites name="waymark check" tests="${tests}" failures="${findings.filter(failing).length + probeFailures}" errors="0">`,
		...suites,
		'</testsuites>',
		'',
	].join('\n');
};

/** An error the baseline does not record: a failing case; a warning or a known error is skipped. */
const failing = (f: Finding): boolean => f.severity === 'error' && !f.baselined;

const failed = (p: ProbeResult): boolean => p.state === 'down' || p.state === 'degraded';

function probeSuite(probes: ProbeResult[]): string {
	const cases = probes.map((p) => {
		const head = `    <testcase name="${xml(p.id)}" classname="waymark.probe.${xml(p.kind)}" file="${xml(p.file)}" line="${p.line}" time="${((p.latencyMs ?? 0) / 1000).toFixed(3)}"`;
		if (p.state === 'up') return `${head}/>`;
		if (p.state === 'unknown') return `${head}><skipped message="${xml(p.message)}"/></testcase>`;
		return `${head}><failure type="probe-failed" message="${xml(`${p.state}: ${p.message}`)}">${xml(`${p.kind} ${p.target} (${p.file}:${p.line})`)}</failure></testcase>`;
	});
	const skipped = probes.filter((p) => p.state === 'unknown').length;
	return [
		`  <testsuite name="probes" tests="${probes.length}" failures="${probes.filter(failed).length}" errors="0" skipped="${skipped}">`,
		...cases,
		'  </testsuite>',
	].join('\n');
}

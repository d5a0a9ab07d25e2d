import { markdownCode, markdownText } from '../../core/escape.ts';
import type { ProbeResult } from '../probes/types.ts';
import { pathFromCwd } from './paths.ts';
import { fixedLine, plural, probeCounts } from './pretty.ts';
import type { Finding } from '../finding.ts';
import type { ReportContext, Reporter } from './reporter.ts';

/** What a line of the report shows: a cut counts the findings and probes it leaves out. */
type Kind = 'head' | 'frame' | 'finding' | 'probe';
interface Line {
	text: string;
	kind: Kind;
}

/**
 * A pull-request comment: a count table, then findings grouped by file, then a table of the probes
 * run (if any). Files are named from the working directory (the repository), as the `github`
 * annotations and the pull request's own file list name them, not from the guidebook root. With
 * `context.markdownLimit`, a longer report is cut at a line with a note (forges refuse a longer
 * comment or summary whole).
 */
export const markdown: Reporter = (report, context) => {
	const named = (file: string): string => pathFromCwd(context.root, context.cwd, file);
	const { errors, warnings, files } = report.summary;
	const verdict = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
	// With a baseline, the counts are of the findings it does not record.
	const fresh = report.baseline ? 'new ' : '';
	const lines: Line[] = [
		`### ${verdict} Waymark check: ${plural(errors, `${fresh}error`)}, ${plural(warnings, `${fresh}warning`)}`,
		'',
		...(report.baseline
			? [
					'| New errors | New warnings | Known (baseline) | Files checked |',
					'| ---: | ---: | ---: | ---: |',
					`| ${errors} | ${warnings} | ${report.baseline.known.errors + report.baseline.known.warnings} | ${files} |`,
				]
			: [
					'| Errors | Warnings | Files checked |',
					'| ---: | ---: | ---: |',
					`| ${errors} | ${warnings} | ${files} |`,
				]),
	].map((text) => ({ text, kind: 'head' }));
	if (context.changedPages)
		lines.push({ text: '', kind: 'head' }, { text: context.changedPages.trimEnd(), kind: 'head' });
	lines.push(
		...findingLines(
			report.findings.filter((f) => !f.baselined),
			named,
		),
	);
	const known = report.findings.filter((f) => f.baselined);
	if (report.baseline) {
		const fixed = fixedLine(report.baseline);
		if (known.length > 0)
			lines.push(
				...frame(
					'',
					'<details>',
					`<summary>${plural(known.length, 'known finding')}, recorded in ${markdownCode(report.baseline.file, 'line')}, not failing the check</summary>`,
				),
				...findingLines(known, named),
				...frame('', '</details>'),
			);
		if (fixed) lines.push(...frame('', markdownText(fixed, 'line')));
	}
	if (report.probes && report.probes.length > 0)
		lines.push(...frame(''), ...probeTable(report.probes, named));
	return context.markdownLimit ? cutAtLine(lines, context.markdownLimit) : joined(lines);
};

/** Findings under a heading per file. */
function findingLines(findings: Finding[], named: (file: string) => string): Line[] {
	const lines: Line[] = [];
	for (const [file, list] of Map.groupBy(findings, (f) => f.file)) {
		lines.push(...frame('', `#### ${markdownCode(named(file), 'line')}`, ''));
		for (const f of list) {
			const where = f.position ? `${f.position.line}:${f.position.column}` : '—';
			const rule = markdownCode(f.ruleId, 'line');
			lines.push({
				text: `- **${f.severity}** ${where} ${markdownText(f.message, 'line')} (${f.url === undefined ? rule : `[${rule}](${f.url})`})`,
				kind: 'finding',
			});
		}
	}
	return lines;
}

const frame = (...texts: string[]): Line[] => texts.map((text) => ({ text, kind: 'frame' }));
const joined = (lines: Line[]): string => lines.map((line) => `${line.text}\n`).join('');
const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The report within `bytes` of UTF-8: whole lines from the start, then a note counting the findings
 * and probes left out and saying where they all are. Bytes, not characters: a limit counted in
 * characters (GitHub's 65,536 for a comment) holds for any text within as many bytes.
 */
function cutAtLine(
	lines: Line[],
	{ bytes, fullReport }: NonNullable<ReportContext['markdownLimit']>,
): string {
	const whole = joined(lines);
	if (bytesOf(whole) <= bytes) return whole;
	const note = (left: Line[]): string => {
		const count = (kind: Kind, word: string): string[] => {
			const all = lines.filter((line) => line.kind === kind).length;
			const out = left.filter((line) => line.kind === kind).length;
			return out > 0
				? [
						`${out.toLocaleString('en')} of ${all.toLocaleString('en')} ${word}${all === 1 ? '' : 's'}`,
					]
				: [];
		};
		const parts = [...count('finding', 'finding'), ...count('probe', 'probe')];
		const what = parts.length > 0 ? `: ${parts.join(' and ')}` : '';
		return `\n*Not shown, to keep this report under ${bytes.toLocaleString('en')} bytes${what}. ${fullReport}*\n`;
	};
	// The note is longest with every line left out (more digits never come from leaving out fewer).
	const budget = bytes - bytesOf(note(lines));
	let kept = 0;
	for (let used = 0; kept < lines.length; kept++) {
		used += bytesOf((lines[kept] as Line).text) + 1;
		if (used > budget) break;
	}
	// No heading or blank line left hanging above the note.
	while (kept > 0 && lines[kept - 1]?.kind === 'frame') kept--;
	return joined(lines.slice(0, kept)) + note(lines.slice(kept));
}

function probeTable(probes: ProbeResult[], named: (file: string) => string): Line[] {
	return [
		...frame(
			`#### Probes (${probeCounts(probes).replace(/^\d+ probes?: /, '')})`,
			'',
			'| Probe | State | Latency | Reason | Declared at |',
			'| --- | --- | ---: | --- | --- |',
		),
		...probes.map((p): Line => ({
			text: `| ${markdownCode(p.id)} | ${p.state} | ${p.latencyMs === null ? '–' : `${p.latencyMs} ms`} | ${markdownText(p.message)} | ${markdownCode(`${named(p.file)}:${p.line}`)} |`,
			kind: 'probe',
		})),
	];
}

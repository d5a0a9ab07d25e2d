import { escapeMarkdownCell } from '../../core/escape.ts';
import type { ProbeResult } from '../probes/types.ts';
import { pathFromCwd } from './paths.ts';
import { plural, probeCounts } from './pretty.ts';
import type { Reporter } from './reporter.ts';

/**
 * A pull-request comment: a count table, then findings grouped by file, then a table of the probes
 * run (if any). Files are named from the working directory (the repository), as the `github`
 * annotations and the pull request's own file list name them, not from the guidebook root.
 */
export const markdown: Reporter = (report, context) => {
	const named = (file: string): string => pathFromCwd(context.root, context.cwd, file);
	const { errors, warnings, files } = report.summary;
	const verdict = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
	const lines = [
		`### ${verdict} Waymark check: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
		'',
		'| Errors | Warnings | Files checked |',
		'| ---: | ---: | ---: |',
		`| ${errors} | ${warnings} | ${files} |`,
	];
	if (context.changedPages) lines.push('', context.changedPages.trimEnd());
	const byFile = Map.groupBy(report.findings, (f) => f.file);
	for (const [file, findings] of byFile) {
		lines.push('', `#### \`${named(file)}\``, '');
		for (const f of findings) {
			const where = f.position ? `${f.position.line}:${f.position.column}` : '—';
			lines.push(`- **${f.severity}** ${where} ${escapeMarkdownCell(f.message)} ([\`${f.ruleId}\`](${f.url}))`);
		}
	}
	if (report.probes && report.probes.length > 0) lines.push('', ...probeTable(report.probes, named));
	return `${lines.join('\n')}\n`;
};

function probeTable(probes: ProbeResult[], named: (file: string) => string): string[] {
	return [
		`#### Probes (${probeCounts(probes).replace(/^\d+ probes?: /, '')})`,
		'',
		'| Probe | State | Latency | Reason | Declared at |',
		'| --- | --- | ---: | --- | --- |',
		...probes.map((p) => `| \`${p.id}\` | ${p.state} | ${p.latencyMs === null ? '–' : `${p.latencyMs} ms`} | ${escapeMarkdownCell(p.message)} | \`${named(p.file)}:${p.line}\` |`),
	];
}

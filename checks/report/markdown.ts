import { escapeMarkdownCell } from '../../core/escape.ts';
import { plural } from './pretty.ts';
import type { Reporter } from './reporter.ts';

/** A pull-request comment: a count table, then findings grouped by file. */
export const markdown: Reporter = (report, context) => {
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
		lines.push('', `#### \`${file}\``, '');
		for (const f of findings) {
			const where = f.position ? `${f.position.line}:${f.position.column}` : '—';
			lines.push(`- **${f.severity}** ${where} ${escapeMarkdownCell(f.message)} ([\`${f.ruleId}\`](${f.url}))`);
		}
	}
	return `${lines.join('\n')}\n`;
};

import { createColors } from 'picocolors';
import type { Reporter } from './reporter.ts';

/** Findings grouped by file, one aligned line each, then a one-line summary. */
export const pretty: Reporter = (report, context) => {
	const c = createColors(context.color);
	const byFile = Map.groupBy(report.findings, (f) => f.file);
	const lines: string[] = [];
	for (const [file, findings] of byFile) {
		lines.push(c.underline(file));
		const where = findings.map((f) => (f.position ? `${f.position.line}:${f.position.column}` : ''));
		const width = Math.max(...where.map((w) => w.length));
		findings.forEach((finding, i) => {
			const severity = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
			lines.push(`  ${c.dim((where[i] ?? '').padEnd(width))}  ${severity}  ${finding.message}  ${c.dim(finding.ruleId)}`);
		});
		lines.push('');
	}
	const { errors, warnings, files } = report.summary;
	const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')} checked`;
	lines.push(errors > 0 ? c.red(c.bold(`✖ ${counts}`)) : warnings > 0 ? c.yellow(`! ${counts}`) : c.green(`✓ ${counts}`));
	return `${lines.join('\n')}\n`;
};

export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

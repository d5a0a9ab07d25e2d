import { pathFromCwd } from './paths.ts';
import type { Reporter } from './reporter.ts';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), with paths
 * relative to the working directory (the repository checkout) so annotations land on the diff.
 */
export const github: Reporter = (report, context) =>
	report.findings
		.map((f) => {
			const command = f.severity === 'error' ? 'error' : 'warning';
			const properties = [
				`file=${escapeProperty(pathFromCwd(context.root, context.cwd, f.file))}`,
				...(f.position ? [`line=${f.position.line}`, `col=${f.position.column}`] : []),
				`title=${escapeProperty(`waymark(${f.ruleId})`)}`,
			];
			return `::${command} ${properties.join(',')}::${escapeData(f.message)}\n`;
		})
		.join('');

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(value: string): string {
	return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
	return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

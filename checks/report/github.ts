import { pathFromCwd } from './paths.ts';
import type { Reporter } from './reporter.ts';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), with paths
 * relative to the working directory (the repository checkout) so annotations land on the diff.
 * A probe that could not run (unknown) is a `::notice` at its declaration, and so is a finding the
 * baseline records (after the new ones).
 */
export const github: Reporter = (report, context) => {
	// New findings first: GitHub shows only the first few annotations of each kind a step makes.
	const ordered = [
		...report.findings.filter((f) => !f.baselined),
		...report.findings.filter((f) => f.baselined),
	];
	const annotations = ordered.map((f) => {
		const properties = [
			`file=${escapeProperty(pathFromCwd(context.root, context.cwd, f.file))}`,
			...(f.position ? [`line=${f.position.line}`, `col=${f.position.column}`] : []),
			`title=${escapeProperty(`waymark(${f.ruleId})${f.baselined ? ' known' : ''}`)}`,
		];
		return f.baselined
			? `::notice ${properties.join(',')}::${escapeData(`Known ${f.severity}, recorded in the baseline: ${f.message}`)}\n`
			: `::${f.severity} ${properties.join(',')}::${escapeData(f.message)}\n`;
	});
	for (const p of report.probes ?? []) {
		if (p.state !== 'unknown') continue;
		const properties = [
			`file=${escapeProperty(pathFromCwd(context.root, context.cwd, p.file))}`,
			`line=${p.line}`,
			`title=${escapeProperty(`waymark probe ${p.id} unknown`)}`,
		];
		annotations.push(`::notice ${properties.join(',')}::${escapeData(p.message)}\n`);
	}
	return annotations.join('');
};

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(value: string): string {
	return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
	return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

import { createColors } from 'picocolors';
import { terminalText } from '../../core/escape.ts';
import type { ProbeResult } from '../probes/types.ts';
import { pathFromCwd } from './paths.ts';
import type { Reporter } from './reporter.ts';

/**
 * Findings grouped by file, one aligned line each, then every probe run (if any), then a one-line
 * summary. Files are named from the working directory, as `build` names them and as a terminal or
 * an editor opens them (`guidebooks/db/restart.md`, not `db/restart.md` from inside the root).
 * Names, messages and targets are the branch's text: each goes through `terminalText`, so none can
 * start a line of the CI log (a forged `::error`) or send escapes to the terminal.
 */
export const pretty: Reporter = (report, context) => {
	const c = createColors(context.color);
	const byFile = Map.groupBy(report.findings, (f) => terminalText(pathFromCwd(context.root, context.cwd, f.file)));
	const lines: string[] = [];
	for (const [file, findings] of byFile) {
		lines.push(c.underline(file));
		const where = findings.map((f) => (f.position ? `${f.position.line}:${f.position.column}` : ''));
		const width = Math.max(...where.map((w) => w.length));
		findings.forEach((finding, i) => {
			const severity = finding.severity === 'error' ? c.red('error  ') : c.yellow('warning');
			lines.push(`  ${c.dim((where[i] ?? '').padEnd(width))}  ${severity}  ${terminalText(finding.message)}  ${c.dim(finding.ruleId)}`);
		});
		lines.push('');
	}
	if (report.probes && report.probes.length > 0) lines.push(...probeLines(report.probes, c, (file) => terminalText(pathFromCwd(context.root, context.cwd, file))), '');
	const { errors, warnings, files } = report.summary;
	const probes = report.probes ? `; ${probeCounts(report.probes)}` : '';
	const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')} checked${probes}`;
	lines.push(errors > 0 ? c.red(c.bold(`✖ ${counts}`)) : warnings > 0 ? c.yellow(`! ${counts}`) : c.green(`✓ ${counts}`));
	return `${lines.join('\n')}\n`;
};

/** `3 probes: 1 up, 0 degraded, 1 down, 1 unknown` */
export function probeCounts(probes: ProbeResult[]): string {
	const count = (state: ProbeResult['state']) => probes.filter((p) => p.state === state).length;
	return `${plural(probes.length, 'probe')}: ${count('up')} up, ${count('degraded')} degraded, ${count('down')} down, ${count('unknown')} unknown`;
}

/** One line per probe: state, id, target, latency, and the reason when it is not up. */
function probeLines(probes: ProbeResult[], c: ReturnType<typeof createColors>, named: (file: string) => string): string[] {
	const marks = { up: c.green('up      '), degraded: c.yellow('degraded'), down: c.red('down    '), unknown: c.dim('unknown ') } as const;
	const idWidth = Math.max(...probes.map((p) => terminalText(p.id).length));
	return [
		c.underline('probes'),
		...probes.map((p) => {
			const latency = p.latencyMs === null ? '' : `  ${p.latencyMs} ms`;
			const reason = p.state === 'up' ? '' : `  ${terminalText(p.message)}`;
			return `  ${marks[p.state]}  ${terminalText(p.id).padEnd(idWidth)}  ${c.dim(`${p.kind} ${terminalText(p.target)}`)}${latency}${reason}  ${c.dim(`${named(p.file)}:${p.line}`)}`;
		}),
	];
}

export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

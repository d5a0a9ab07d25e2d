import { createColors } from 'picocolors';
import { terminalText } from '../../core/escape.ts';
import type { BaselineComparison } from '../baseline/baseline-file.ts';
import type { Finding } from '../finding.ts';
import type { ProbeResult } from '../probes/types.ts';
import { pathFromCwd } from './paths.ts';
import type { Reporter } from './reporter.ts';

type Colors = ReturnType<typeof createColors>;

/**
 * Findings grouped by file, one aligned line each, then every probe run (if any), then a one-line
 * summary. Files are named from the working directory, as `build` names them and as a terminal or
 * an editor opens them (`guidebooks/db/restart.md`, not `db/restart.md` from inside the root).
 * Names, messages and targets are the branch's text: each goes through `terminalText`, so none can
 * start a line of the CI log (a forged `::error`) or send escapes to the terminal.
 */
export const pretty: Reporter = (report, context) => {
	const c = createColors(context.color);
	const named = (file: string): string =>
		terminalText(pathFromCwd(context.root, context.cwd, file));
	const lines: string[] = [
		...findingLines(
			report.findings.filter((f) => !f.baselined),
			named,
			c,
		),
	];
	const known = report.findings.filter((f) => f.baselined);
	if (report.baseline && known.length > 0)
		lines.push(
			c.bold(
				`Known findings, recorded in ${terminalText(report.baseline.file)} (they do not fail the run):`,
			),
			'',
			...findingLines(known, named, c, c.dim),
		);
	if (report.probes && report.probes.length > 0)
		lines.push(...probeLines(report.probes, c, named), '');
	const { errors, warnings, files } = report.summary;
	const probes = report.probes ? `; ${probeCounts(report.probes)}` : '';
	// With a baseline, the counts are of the findings it does not record, which alone fail the run.
	const fresh = report.baseline ? 'new ' : '';
	const counts = `${plural(errors, `${fresh}error`)}, ${plural(warnings, `${fresh}warning`)} in ${plural(files, 'file')} checked${probes}`;
	lines.push(
		errors > 0
			? c.red(c.bold(`✖ ${counts}`))
			: warnings > 0
				? c.yellow(`! ${counts}`)
				: c.green(`✓ ${counts}`),
	);
	if (report.baseline) lines.push(...baselineLines(report.baseline));
	return `${lines.join('\n')}\n`;
};

/** Findings grouped by file, one aligned line each, with a blank line after each file. */
function findingLines(
	findings: Finding[],
	named: (file: string) => string,
	c: Colors,
	tone: (text: string) => string = (text) => text,
): string[] {
	const lines: string[] = [];
	for (const [file, list] of Map.groupBy(findings, (f) => named(f.file))) {
		lines.push(c.underline(file));
		const where = list.map((f) => (f.position ? `${f.position.line}:${f.position.column}` : ''));
		const width = Math.max(...where.map((w) => w.length));
		list.forEach((finding, i) => {
			const label = finding.severity === 'error' ? 'error  ' : 'warning';
			const severity = finding.baselined
				? c.dim(label)
				: finding.severity === 'error'
					? c.red(label)
					: c.yellow(label);
			lines.push(
				`  ${c.dim((where[i] ?? '').padEnd(width))}  ${severity}  ${tone(terminalText(finding.message))}  ${c.dim(finding.ruleId)}`,
			);
		});
		lines.push('');
	}
	return lines;
}

/** What the baseline did: the known findings it kept from failing the run, and those fixed since it was written. */
function baselineLines(baseline: BaselineComparison): string[] {
	const { known } = baseline;
	const fixed = fixedLine(baseline);
	return [
		...(known.errors + known.warnings > 0
			? [
					`  and ${plural(known.errors, 'known error')}, ${plural(known.warnings, 'known warning')} recorded in ${terminalText(baseline.file)}`,
				]
			: []),
		...(fixed ? [terminalText(fixed)] : []),
	];
}

/** "2 findings recorded in waymark.baseline.json are fixed: …", when some are. */
export function fixedLine(baseline: BaselineComparison): string | undefined {
	const gone = baseline.fixed.reduce((n, entry) => n + (entry.count ?? 1), 0);
	if (gone === 0) return undefined;
	const [are, them, they] = gone === 1 ? ['is', 'it', 'it'] : ['are', 'them', 'they'];
	return `${plural(gone, 'finding')} recorded in ${baseline.file} ${are} fixed: \`npx waymark baseline --prune\` drops ${them}, so ${they} cannot come back unnoticed.`;
}

/** `3 probes: 1 up, 0 degraded, 1 down, 1 unknown` */
export function probeCounts(probes: ProbeResult[]): string {
	const count = (state: ProbeResult['state']) => probes.filter((p) => p.state === state).length;
	return `${plural(probes.length, 'probe')}: ${count('up')} up, ${count('degraded')} degraded, ${count('down')} down, ${count('unknown')} unknown`;
}

/** One line per probe: state, id, target, latency, and the reason when it is not up. */
function probeLines(probes: ProbeResult[], c: Colors, named: (file: string) => string): string[] {
	const marks = {
		up: c.green('up      '),
		degraded: c.yellow('degraded'),
		down: c.red('down    '),
		unknown: c.dim('unknown '),
	} as const;
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

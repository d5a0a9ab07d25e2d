import { readTree } from '../../tree/read-tree.ts';
import { loadConfig } from '../../config/load-config.ts';
import { createReport } from '../../checks/engine.ts';
import { compareFindings, type Finding } from '../../checks/finding.ts';
import { collectProbes } from '../../checks/probes/collect.ts';
import { probeFindings } from '../../checks/probes/probe-findings.ts';
import { openProbeIo } from '../../checks/probes/probe-io.ts';
import { runProbes } from '../../checks/probes/run.ts';
import { reporters, type ReporterName } from '../../checks/report/index.ts';
import type { Terminal } from '../terminal.ts';
import { ProbesUntrusted, raise } from '../../core/errors.ts';
import {
	configOptions,
	noteRootFound,
	exitCodes,
	printError,
	trustFrom,
	type TrustFlags,
} from './shared.ts';

export interface ProbeOptions extends TrustFlags {
	stateDir?: string;
	root?: string;
	config?: string;
	format: ReporterName;
	only?: string;
}

/**
 * Runs every declared probe once and reports through the same reporters as `waymark check`: a
 * down probe is an error finding, a degraded one a warning, a malformed declaration an error.
 * Exit 1 on any finding, 2 on usage and config errors.
 */
export async function runProbeCommand(options: ProbeOptions, terminal: Terminal): Promise<number> {
	const { cwd, environment, stdout, stderr } = terminal;
	try {
		if (trustFrom(options, 'trusted') === 'untrusted')
			throw raise(ProbesUntrusted, '`waymark probe`');
		const loaded = await loadConfig(configOptions(options, terminal, 'trusted'));
		noteRootFound(terminal, loaded);
		const tree = await readTree(loaded, { parser: environment.parser });
		const { probes, problems } = collectProbes(tree);
		const only = options.only
			?.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const unknownIds = only?.filter((id) => !probes.some((p) => p.id === id)) ?? [];
		if (unknownIds.length > 0) {
			stderr.write(
				`Unexpected probe id(s) ${unknownIds.map((i) => `\`${i}\``).join(', ')} in --only, expected one of ${probes.map((p) => `\`${p.id}\``).join(', ') || '(none declared)'}\n`,
			);
			return exitCodes.usage;
		}
		const selected = only ? probes.filter((p) => only.includes(p.id)) : probes;
		const { io, close } = openProbeIo(loaded.config, environment.variables);
		let results;
		try {
			results = await runProbes(selected, io, { concurrency: loaded.config.status.concurrency });
		} finally {
			await close();
		}
		const declarations: Finding[] = problems.map((p) => ({
			ruleId: 'probe-declarations',
			severity: 'error',
			file: p.file,
			position: p.position,
			message: p.message,
		}));
		const findings = [...declarations, ...probeFindings(results)].sort(compareFindings);
		const report = createReport(
			findings,
			[...selected.map((p) => p.file), ...problems.map((p) => p.file)],
			results,
		);
		stdout.write(
			reporters[options.format](report, {
				root: loaded.root,
				cwd,
				color: stdout.isTTY === true && !environment.noColor,
				rules: [],
			}),
		);
		return findings.length > 0 ? exitCodes.findings : exitCodes.clean;
	} catch (error) {
		printError(terminal, error);
		return exitCodes.usage;
	}
}

import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { loadConfig } from '../../config/load-config.ts';
import { collectProbes } from '../../checks/probes/collect.ts';
import { probeReporters, type ProbeReporterName } from '../../checks/probes/report/index.ts';
import { openProbeIo } from '../../checks/probes/probe-io.ts';
import { runProbes } from '../../checks/probes/run.ts';
import { ProbesUntrusted, raise } from '../../core/errors.ts';
import { addTrustOptions, exitCodes, printError, rootFrom, trustFrom, type TrustFlags } from './shared.ts';

interface ProbeOptions extends TrustFlags {
	root?: string;
	config?: string;
	format: ProbeReporterName;
	only?: string;
}

/** Runs every declared probe once; exit 1 when any is down or degraded, 2 on usage/config errors. */
async function runProbeCommand(options: ProbeOptions, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
	try {
		if (trustFrom(options, 'trusted') === 'untrusted') throw raise(ProbesUntrusted, '`waymark probe`');
		const loaded = await loadConfig({ cwd, ...rootFrom(options.root), ...(options.config && { configFile: options.config }) });
		const tree = await loadGuidebookTree(loaded.root, loaded.config.checks);
		const { probes, problems } = collectProbes(tree);
		for (const problem of problems) process.stderr.write(`${problem.file}:${problem.position.line}:${problem.position.column}: ${problem.message} (probe-declarations)\n`);
		const only = options.only?.split(',').map((s) => s.trim()).filter(Boolean);
		const unknownIds = only?.filter((id) => !probes.some((p) => p.id === id)) ?? [];
		if (unknownIds.length > 0) {
			process.stderr.write(`Unexpected probe id(s) ${unknownIds.map((i) => `\`${i}\``).join(', ')} in --only, expected one of ${probes.map((p) => `\`${p.id}\``).join(', ') || '(none declared)'}\n`);
			return exitCodes.usage;
		}
		const selected = only ? probes.filter((p) => only.includes(p.id)) : probes;
		const { io, close } = openProbeIo(loaded.config, env);
		let results;
		try {
			results = await runProbes(selected, io, { concurrency: loaded.config.status.concurrency });
		} finally {
			await close();
		}
		process.stdout.write(probeReporters[options.format](results, relative(cwd, loaded.root)));
		return results.some((r) => r.state === 'down' || r.state === 'degraded') || problems.length > 0 ? exitCodes.findings : exitCodes.clean;
	} catch (error) {
		printError(error);
		return exitCodes.usage;
	}
}

export function registerProbe(program: Command): void {
	const command = program
		.command('probe')
		.description('Run every probe declared in the guidebooks once and report (exit 0 all up or unknown, 1 any down/degraded, 2 usage/config error)')
		.option('--root <dir>', 'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)')
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.addOption(new Option('--format <format>', 'report format').choices(Object.keys(probeReporters)).default('pretty'))
		.option('--only <ids>', 'comma-separated probe ids to run');
	addTrustOptions(command).action(async (options: ProbeOptions) => {
		process.exitCode = await runProbeCommand(options);
	});
}

import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { Option } from 'commander';
import { reporterNames } from '../../checks/report/names.ts';
import { addTrustOptions, rootHelp } from '../options.ts';
import type { ProbeOptions } from '../commands/probe.ts';

export function registerProbe(program: Command, context: CommandContext): void {
	const command = program
		.command('probe')
		.description(
			'Run every probe declared in the guidebooks once and report (exit 0 all up or unknown, 1 any down/degraded, 2 usage/config error)',
		)
		.option('--root <dir>', rootHelp)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		)
		.addOption(
			new Option('--format <format>', 'report format (the formats of `waymark check`)')
				.choices(reporterNames)
				.default('pretty'),
		)
		.option('--only <ids>', 'comma-separated probe ids to run');
	addTrustOptions(command).action(async (options: ProbeOptions) => {
		context.done(
			await (await import('../commands/probe.ts')).runProbeCommand(options, context.terminal),
		);
	});
}

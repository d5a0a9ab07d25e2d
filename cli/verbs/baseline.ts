import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { baselineName } from '../../checks/baseline/baseline-name.ts';
import { addTrustOptions, rootHelp } from '../options.ts';
import type { BaselineOptions } from '../commands/baseline.ts';

export function registerBaseline(program: Command, context: CommandContext): void {
	const command = program
		.command('baseline')
		.description(
			`Record the findings the tree has today in ${baselineName} beside the config, so \`waymark check\` fails only on new ones (exit 0 written; 2 usage/config/internal error)`,
		)
		.option('--root <dir>', rootHelp)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		)
		.option(
			'--baseline <file>',
			`write the baseline here (default: ${baselineName} beside the config)`,
		)
		.option('--prune', 'only drop the findings fixed since it was written; never add a new one');
	addTrustOptions(command).action(async (options: BaselineOptions) =>
		context.done(
			await (await import('../commands/baseline.ts')).runBaseline(options, context.terminal),
		),
	);
}

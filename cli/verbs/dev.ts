import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { addTrustOptions, rootHelp } from '../options.ts';
import type { DevOptions } from '../commands/dev.ts';

export function registerDev(program: Command, context: CommandContext): void {
	const command = program
		.command('dev')
		.description('Serve the guidebooks with live reload while you write; checks re-run on save')
		.option('--root <dir>', rootHelp)
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option('--config <file>', 'configuration file')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		);
	addTrustOptions(command).action(async (options: DevOptions) =>
		(await import('../commands/dev.ts')).runDev(options, context),
	);
}

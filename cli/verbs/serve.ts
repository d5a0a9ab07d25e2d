import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { Option } from 'commander';
import { addTrustOptions } from '../options.ts';
import type { ServeOptions } from '../commands/serve.ts';

export function registerServe(program: Command, context: CommandContext): void {
	const command = program
		.command('serve')
		.description('Serve a built site (from `waymark build`) with the live status API')
		.option('--dir <dir>', 'built site folder (default: config `outDir`, or ./dist)')
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option(
			'--base-path <path>',
			'URL path the site was built for (default: config `site.base`, or /)',
		)
		.addOption(new Option('--base <path>', 'deprecated spelling of --base-path').hideHelp())
		.option(
			'--demo',
			"probe loopback stand-ins of the bundled guidebooks' systems (never real hosts)",
		)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		);
	addTrustOptions(command).action(async (options: ServeOptions) =>
		context.done(await (await import('../commands/serve.ts')).runServe(options, context.terminal)),
	);
}

import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { addTrustOptions, rootHelp } from '../options.ts';
import type { BuildOptions } from '../commands/build.ts';

export function registerBuild(program: Command, context: CommandContext): void {
	const command = program
		.command('build')
		.description(
			'Check the guidebook tree and build the whole static site, printing the findings (exit 0 built; 1 error findings with --strict; 2 usage/config/internal error or no progress)',
		)
		.option('--root <dir>', rootHelp)
		.option('--out <dir>', 'output folder (default: ./dist)')
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		)
		.option(
			'--base <ref>',
			'add a reviewer preview of the changes since this git ref (banner, /_waymark/changes/, diffs)',
		)
		.option(
			'--base-path <path>',
			'URL path the site is published under, e.g. /runbooks/ (default: config `site.base`, or /)',
		)
		.option(
			'--strict',
			'error findings fail the build (exit 1) and nothing is written, as with `waymark check` (default: config `build.strict`)',
		);
	addTrustOptions(command, 'with --base').action(async (options: BuildOptions) =>
		context.done(await (await import('../commands/build.ts')).runBuild(options, context.terminal)),
	);
}

import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { defaultBaseCandidates } from '../../preview/base-candidates.ts';
import { addTrustOptions, rootHelp } from '../options.ts';
import type { PreviewOptions } from '../commands/preview.ts';

export function registerPreview(program: Command, context: CommandContext): void {
	const command = program
		.command('preview')
		.description(
			'Build the working tree with a reviewer preview of the changes since a git ref and serve it',
		)
		.option(
			'--base <ref>',
			`git ref to compare with (default: the first of ${defaultBaseCandidates.join(', ')} that exists)`,
		)
		.option('--root <dir>', rootHelp)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		)
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost');
	addTrustOptions(command, 'for a preview').action(async (options: PreviewOptions) =>
		context.done(
			await (await import('../commands/preview.ts')).runPreview(options, context.terminal),
		),
	);
}

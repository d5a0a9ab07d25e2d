import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { Option } from 'commander';
import type { InitOptions } from '../commands/init.ts';

export function registerInit(program: Command, context: CommandContext): void {
	program
		.command('init')
		.description(
			'Set Waymark up in this repository: waymark.config.yaml, .gitignore lines and a CI workflow (never replaces a file); then checks the tree and offers a baseline of its findings',
		)
		.option(
			'--root <dir>',
			`the Markdown folder (default: an mdBook's src/, else the first of guidebooks/, runbooks/, docs/, … that has Markdown)`,
		)
		.addOption(
			new Option(
				'--deploy <where>',
				"also publish the default branch's site: `pages` (GitHub Pages, or GitLab Pages in a GitLab repository)",
			).choices(['pages']),
		)
		.option(
			'--preview',
			"also build each pull request's reviewer preview (its changed pages and their diffs), kept as an artifact of the run",
		)
		.option(
			'--baseline',
			'record the findings the tree has today in waymark.baseline.json, so pull requests fail only on new ones',
		)
		.action(async (options: InitOptions) =>
			(await import('../commands/init.ts')).runInit(options, context),
		);
}

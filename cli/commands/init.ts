import { dialectLabels } from '../../src/lib/dialect.ts';
import type { Command } from 'commander';
import { initProject, type InitFile } from '../../setup/init-project.ts';
import type { CommandContext } from '../terminal.ts';
import { exitCodes, printError } from './shared.ts';

const said: Record<InitFile['outcome'], (file: InitFile) => string> = {
	written: (file) => `Wrote ${file.path}`,
	appended: (file) => `Added ${file.lines?.join(' and ')} to ${file.path}`,
	kept: (file) => `Kept ${file.path} as it is: init never replaces a file`,
	unchanged: (file) => `${file.path} already ignores the state and output folders`,
};

export function registerInit(program: Command, context: CommandContext): void {
	const { terminal } = context;
	program
		.command('init')
		.description('Set Waymark up in this repository: waymark.config.yaml, .gitignore lines and a CI workflow (never replaces a file)')
		.option('--root <dir>', `the Markdown folder (default: an mdBook's src/, else the first of guidebooks/, runbooks/, docs/, … that has Markdown)`)
		.action(async (options: { root?: string }) => {
			try {
				const result = await initProject(terminal.cwd, options);
				const lines = [`Found the Markdown in ${result.root}/, written for ${result.tool ? `${result.tool} (${dialectLabels[result.dialect.name]} Markdown)` : dialectLabels[result.dialect.name]}${result.dialect.signals.length > 0 ? ` (${result.dialect.signals.join(', ')})` : ''}.`, ...result.files.map((file) => said[file.outcome](file))];
				if (result.workflow.note && result.files.some((file) => file.path === result.workflow.path && file.outcome === 'written')) lines.push(`To run it, ${result.workflow.note}.`);
				for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
				lines.push('', 'Next:', ...result.next.map((command) => `  ${command}`));
				terminal.stdout.write(`${lines.join('\n')}\n`);
				context.done(exitCodes.clean);
			} catch (error) {
				printError(terminal, error);
				context.done(exitCodes.usage);
			}
		});
}

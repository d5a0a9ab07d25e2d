import type { Command } from 'commander';
import { prepareSiteRun } from '../site/astro-run.ts';
import { exitCodes, printError } from './shared.ts';

export function registerDev(program: Command): void {
	program
		.command('dev')
		.description('Serve the guidebooks with live reload while you write; checks re-run on save')
		.option('--root <dir>', 'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)')
		.option('--port <n>', 'port', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option('--config <file>', 'configuration file')
		.action(async (options: { root?: string; port: string; host: string; config?: string }) => {
			try {
				const { inline } = await prepareSiteRun({ ...(options.root && { root: options.root }), ...(options.config && { configFile: options.config }) });
				const { dev } = await import('astro');
				// Astro resolves some of its folders against the working directory.
				process.chdir(inline.root);
				await dev({ ...inline, server: { port: Number(options.port), host: options.host } });
			} catch (error) {
				printError(error);
				process.exitCode = exitCodes.usage;
			}
		});
}

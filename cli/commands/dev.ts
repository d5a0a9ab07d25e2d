import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { siteRun, withCwd } from '../../integration/astro-run.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { assertPortFree } from '../../core/static-site.ts';
import { readEnvironment } from '../../core/environment.ts';
import { assertHasPages } from '../../tree/no-pages.ts';
import { addTrustOptions, configOptions, exitCodes, parsePort, printError, shownPath, trustFrom, type TrustFlags } from './shared.ts';

export function registerDev(program: Command): void {
	const command = program
		.command('dev')
		.description('Serve the guidebooks with live reload while you write; checks re-run on save')
		.option('--root <dir>', 'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)')
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option('--config <file>', 'configuration file');
	addTrustOptions(command).action(async (options: TrustFlags & { root?: string; port: string; host: string; config?: string }) => {
		try {
			const port = parsePort(options.port);
			await assertPortFree(port, options.host);
			const cwd = process.cwd();
			const environment = readEnvironment(process.env);
			const loaded = await loadConfig(configOptions(options, environment, cwd, trustFrom(options, 'trusted')));
			const tree = await loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser });
			assertHasPages(tree, shownPath(loaded.root, cwd));
			const { inline } = siteRun({ loaded, tree, cwd, environment });
			const { dev } = await import('astro');
			// Astro resolves some of its folders against the working directory while it starts.
			// strictPort: the port asked for, or an error; never a quiet move to the next one.
			await withCwd(inline.root, () => dev({ ...inline, server: { port, host: options.host }, vite: { server: { strictPort: true } } }));
		} catch (error) {
			printError(error);
			process.exitCode = exitCodes.usage;
		}
	});
}

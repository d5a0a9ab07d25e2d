import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { siteRun, withCwd } from '../../integration/astro-run.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { assertHasPages } from '../../tree/no-pages.ts';
import { addTrustOptions, exitCodes, parsePort, printError, rootFrom, shownPath, trustFrom, type TrustFlags } from './shared.ts';

export function registerDev(program: Command): void {
	const command = program
		.command('dev')
		.description('Serve the guidebooks with live reload while you write; checks re-run on save')
		.option('--root <dir>', 'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)')
		.option('--port <n>', 'port', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option('--config <file>', 'configuration file');
	addTrustOptions(command).action(async (options: TrustFlags & { root?: string; port: string; host: string; config?: string }) => {
		try {
			const port = parsePort(options.port);
			const cwd = process.cwd();
			const loaded = await loadConfig({ cwd, trust: trustFrom(options, 'trusted'), ...rootFrom(options.root), ...(options.config && { configFile: options.config }) });
			const tree = await loadGuidebookTree(loaded.root, loaded.config.checks);
			assertHasPages(tree, shownPath(loaded.root, cwd));
			const { inline } = siteRun({ loaded, tree, cwd });
			const { dev } = await import('astro');
			// Astro resolves some of its folders against the working directory while it starts.
			await withCwd(inline.root, () => dev({ ...inline, server: { port, host: options.host } }));
		} catch (error) {
			printError(error);
			process.exitCode = exitCodes.usage;
		}
	});
}

import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { siteRun } from '../../integration/astro-run.ts';
import { openTreeStore } from '../../integration/tree-store.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { openPageCache, pageCacheFile } from '../../tree/page-cache.ts';
import { assertPortFree } from '../../core/static-site.ts';
import { readEnvironment } from '../../core/environment.ts';
import { assertHasPages } from '../../tree/no-pages.ts';
import { shownPath } from '../../core/shown-path.ts';
import { watchSettings } from '../settings-watch.ts';
import { addTrustOptions, configOptions, noteRootFound, exitCodes, parsePort, printError, printLine, trustFrom, type TrustFlags, rootHelp } from './shared.ts';
import { waymarkPaths } from '../../config/own-paths.ts';
import { assertWritesInside } from '../../config/write-guard.ts';

export function registerDev(program: Command): void {
	const command = program
		.command('dev')
		.description('Serve the guidebooks with live reload while you write; checks re-run on save')
		.option('--root <dir>', rootHelp)
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option('--config <file>', 'configuration file')
		.option('--state-dir <dir>', "Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)");
	addTrustOptions(command).action(async (options: TrustFlags & { root?: string; port: string; host: string; config?: string; stateDir?: string }) => {
		try {
			const port = parsePort(options.port);
			await assertPortFree(port, options.host);
			const cwd = process.cwd();
			const environment = readEnvironment(process.env);
			const loaded = await loadConfig(configOptions(options, environment, cwd, trustFrom(options, 'trusted')));
			noteRootFound(loaded, cwd);
			// The dev server writes its state, never the output folder.
			await assertWritesInside({ root: loaded.root, stateDir: loaded.stateDir, config: loaded.config, ...(loaded.file && { file: loaded.file }) });
			const tree = await loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser, cache: await openPageCache(pageCacheFile(loaded.stateDir, loaded.root)), trust: loaded.trust, own: waymarkPaths(loaded) });
			assertHasPages(tree, shownPath(loaded.root, cwd));
			const store = await openTreeStore(loaded.stateDir, loaded.root, loaded.trust);
			const { inline } = siteRun({ loaded, tree, cwd, environment }, store.dir);
			// Settings are read once: an edit to them says so, instead of showing nothing.
			watchSettings(loaded.root, tree.place?.top ?? cwd, loaded.file, (file) => printLine(`waymark dev: ${shownPath(file, cwd).slice(0, -1)} changed. Settings are read when \`waymark dev\` starts: stop it and start it again to see the change (\`waymark build\` reads them on every run).`));
			const { dev } = await import('astro');
			// strictPort: the port asked for, or an error; never a quiet move to the next one.
			await dev({ ...inline, server: { port, host: options.host }, vite: { ...inline.vite, server: { ...inline.vite?.server, strictPort: true } } });
			// The store stays taken until the process ends; the next build takes over a dead process's lock.
		} catch (error) {
			printError(error);
			process.exitCode = exitCodes.usage;
		}
	});
}

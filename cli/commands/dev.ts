import { loadConfig } from '../../config/load-config.ts';
import { siteRun } from '../../integration/astro-run.ts';
import { prepareSite } from '../../integration/prepare-site.ts';
import { openTreeStore } from '../../integration/tree-store.ts';
import { readTree } from '../../tree/read-tree.ts';
import { openPageCache, pageCacheFile } from '../../tree/page-cache.ts';
import { assertPortFree } from '../../core/static-site.ts';
import { assertHasPages } from '../../tree/no-pages.ts';
import { shownPath } from '../../core/shown-path.ts';
import { watchSettings } from '../settings-watch.ts';
import type { CommandContext } from '../terminal.ts';
import {
	configOptions,
	noteRootFound,
	exitCodes,
	parsePort,
	printError,
	lineLog,
	trustFrom,
	type TrustFlags,
} from './shared.ts';
import { assertWritesInside } from '../../config/write-guard.ts';

/** `waymark dev`: Astro's dev server over the tree, with the checks on save; hands back undefined while it serves. */
export async function runDev(options: DevOptions, context: CommandContext): Promise<void> {
	const { terminal } = context;
	try {
		const port = parsePort(options.port);
		await assertPortFree(port, options.host);
		const { cwd, environment } = terminal;
		const loaded = await loadConfig(
			configOptions(options, terminal, trustFrom(options, 'trusted')),
		);
		noteRootFound(terminal, loaded);
		// The dev server writes its state, never the output folder.
		await assertWritesInside({
			root: loaded.root,
			stateDir: loaded.stateDir,
			config: loaded.config,
			...(loaded.file && { file: loaded.file }),
		});
		const tree = await readTree(loaded, {
			parser: environment.parser,
			cache: await openPageCache(pageCacheFile(loaded.stateDir, loaded.root)),
		});
		assertHasPages(tree, shownPath(loaded.root, cwd));
		const store = await openTreeStore(loaded.stateDir, loaded.root, loaded.trust);
		const prepared = await prepareSite({ loaded, tree, environment, cwd });
		const { inline } = siteRun(
			{
				...prepared,
				output: {
					stdout: terminal.stdout,
					stderr: terminal.stderr,
					color: terminal.stdout.isTTY === true && !environment.noColor,
				},
			},
			store.dir,
		);
		// Settings are read once: an edit to them says so, instead of showing nothing.
		watchSettings(loaded.root, tree.place?.top ?? cwd, loaded.file, (file) =>
			lineLog(terminal)(
				`waymark dev: ${shownPath(file, cwd).slice(0, -1)} changed. Settings are read when \`waymark dev\` starts: stop it and start it again to see the change (\`waymark build\` reads them on every run).`,
			),
		);
		const { dev } = await import('astro');
		// strictPort: the port asked for, or an error; never a quiet move to the next one.
		const server = await dev({
			...inline,
			server: { port, host: options.host },
			vite: { ...inline.vite, server: { ...inline.vite?.server, strictPort: true } },
		});
		stopOnSignal(() => server.stop(), terminal);
		// The store stays taken until the process ends; the next build takes over a dead process's lock.
		context.done(undefined);
	} catch (error) {
		printError(terminal, error);
		context.done(exitCodes.usage);
	}
}

/**
 * Ctrl-C or SIGTERM stops the dev server as `serve` and `preview` stop: closed, then exit 0 (it
 * died by the signal, 130 in a shell). The exit code is set first: Vite's own SIGTERM listener,
 * added before this one, exits with `process.exitCode ?? 143`. One stop for both signals; a stop
 * that fails says why and exits 2, and one that hangs is cut after five seconds.
 */
function stopOnSignal(stop: () => Promise<void>, terminal: CommandContext['terminal']): void {
	const onSignal = () => {
		process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
		process.exitCode = exitCodes.clean;
		setTimeout(() => process.exit(), 5000).unref();
		void stop()
			.catch((error: unknown) => {
				printError(terminal, error);
				process.exitCode = exitCodes.usage;
			})
			.finally(() => process.exit());
	};
	process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
}

export interface DevOptions extends TrustFlags {
	root?: string;
	port: string;
	host: string;
	config?: string;
	stateDir?: string;
}

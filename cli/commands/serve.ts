import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { BaseFlagRenamed, SiteNotBuilt, raise } from '../../core/errors.ts';
import { startServer } from '../../core/static-site.ts';
import { installProcessGuard } from '../../server/process-guard.ts';
import { prepareServeStatus } from '../../server/serve-status.ts';
import type { Terminal } from '../terminal.ts';
import {
	basePathOf,
	configOptions,
	exitCodes,
	parsePort,
	printError,
	lineLog,
	warningLog,
	trustFrom,
	type TrustFlags,
} from './shared.ts';
import { assertWritesInside } from '../../config/write-guard.ts';

export interface ServeOptions extends TrustFlags {
	stateDir?: string;
	/** Built site folder; default config `outDir` (`dist`). */
	dir?: string;
	port: string;
	host: string;
	/** URL path the site was built for; default config `site.base`. */
	basePath?: string;
	/** The old spelling of `--base-path`, kept with a warning. */
	base?: string;
	/** Probe loopback stand-ins instead of real systems (`npm start`). */
	demo?: boolean;
	config?: string;
}

/** Serves a built site until the process is stopped; resolves with an exit code only on failure. */
export async function runServe(
	options: ServeOptions,
	terminal: Terminal,
): Promise<number | undefined> {
	const { cwd, environment, stdout, stderr } = terminal;
	const printLine = lineLog(terminal);
	try {
		if (options.base !== undefined) warningLog(terminal)(raise(BaseFlagRenamed, options.base));
		const port = parsePort(options.port);
		const trust = trustFrom(options, 'trusted');
		const loaded = await loadConfig(
			configOptions({ config: options.config, stateDir: options.stateDir }, terminal, trust),
		);
		const dir = options.dir ? resolve(cwd, options.dir) : loaded.outDir;
		// Serving writes the probe history (never the site): not through a link out of the repository or the state folder.
		await assertWritesInside({
			root: loaded.root,
			stateDir: loaded.stateDir,
			config: loaded.config,
			...(loaded.file && { file: loaded.file }),
		});
		if (!(await stat(resolve(dir, 'index.html')).catch(() => undefined)))
			throw raise(SiteNotBuilt, dir);
		const base = basePathOf(options.basePath ?? options.base ?? loaded.config.site.base);
		installProcessGuard(printLine);
		// An untrusted site (a branch's preview) runs none of the probes its pages declare.
		const status =
			trust === 'untrusted'
				? {
						handlers: [],
						lines: ['Live status is off: the site is untrusted (--untrusted), so no probe runs.'],
						warnings: [],
						stop: () => Promise.resolve(),
					}
				: await prepareServeStatus({
						dir,
						cwd,
						config: loaded.config,
						env: environment.variables,
						base,
						...(options.demo && { demo: true }),
						log: (line) => void stdout.write(`${line}\n`),
						warnLater: printLine,
					});
		const running = await startServer({
			dir,
			port,
			host: options.host,
			handlers: status.handlers,
			base,
			onError: printLine,
			...(status.paintPage && { pageTransform: status.paintPage }),
		}).catch(async (error: unknown) => {
			await status.stop();
			throw error;
		});
		stdout.write(`Serving ${dir} on ${running.url}\n${status.lines.map((l) => `${l}\n`).join('')}`);
		for (const warning of status.warnings) stderr.write(`${warning}\n`);
		const stop = () =>
			void Promise.all([running.close(), status.stop()]).then(() => process.exit(exitCodes.clean));
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		return undefined;
	} catch (error) {
		printError(terminal, error);
		return exitCodes.usage;
	}
}

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { BaseFlagRenamed, SiteNotBuilt, raise } from '../../core/errors.ts';
import { startServer } from '../../core/static-site.ts';
import { installProcessGuard } from '../../server/process-guard.ts';
import { prepareServeStatus } from '../../server/serve-status.ts';
import { readEnvironment, type WaymarkEnvironment } from '../../core/environment.ts';
import { addTrustOptions, basePathOf, configOptions, exitCodes, parsePort, printError, printLine, printWarning, trustFrom, type TrustFlags } from './shared.ts';

interface ServeOptions extends TrustFlags {
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
async function runServe(options: ServeOptions, cwd = process.cwd(), environment: WaymarkEnvironment = readEnvironment(process.env)): Promise<number | undefined> {
	try {
		if (options.base !== undefined) printWarning(raise(BaseFlagRenamed, options.base));
		const port = parsePort(options.port);
		const trust = trustFrom(options, 'trusted');
		const loaded = await loadConfig(configOptions({ config: options.config, stateDir: options.stateDir }, environment, cwd, trust));
		const dir = options.dir ? resolve(cwd, options.dir) : loaded.outDir;
		if (!(await stat(resolve(dir, 'index.html')).catch(() => undefined))) throw raise(SiteNotBuilt, dir);
		const base = basePathOf(options.basePath ?? options.base ?? loaded.config.site.base);
		installProcessGuard(printLine);
		// An untrusted site (a branch's preview) runs none of the probes its pages declare.
		const status = trust === 'untrusted'
			? { handlers: [], lines: ['Live status is off: the site is untrusted (--untrusted), so no probe runs.'], warnings: [], stop: () => Promise.resolve() }
			: await prepareServeStatus({ dir, cwd, config: loaded.config, env: environment.variables, base, ...(options.demo && { demo: true }), log: (line) => void process.stdout.write(`${line}\n`), warnLater: printLine });
		const running = await startServer({ dir, port, host: options.host, handlers: status.handlers, base, onError: printLine, ...(status.paintPage && { pageTransform: status.paintPage }) }).catch(async (error: unknown) => {
			await status.stop();
			throw error;
		});
		process.stdout.write(`Serving ${dir} on ${running.url}\n${status.lines.map((l) => `${l}\n`).join('')}`);
		for (const warning of status.warnings) process.stderr.write(`${warning}\n`);
		const stop = () => void Promise.all([running.close(), status.stop()]).then(() => process.exit(exitCodes.clean));
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		return undefined;
	} catch (error) {
		printError(error);
		return exitCodes.usage;
	}
}

export function registerServe(program: Command): void {
	const command = program
		.command('serve')
		.description('Serve a built site (from `waymark build`) with the live status API')
		.option('--dir <dir>', 'built site folder (default: config `outDir`, or ./dist)')
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option('--base-path <path>', 'URL path the site was built for (default: config `site.base`, or /)')
		.addOption(new Option('--base <path>', 'deprecated spelling of --base-path').hideHelp())
		.option('--demo', 'probe loopback stand-ins of the bundled guidebooks\' systems (never real hosts)')
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option('--state-dir <dir>', "Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)");
	addTrustOptions(command).action(async (options: ServeOptions) => {
		const code = await runServe(options);
		if (code !== undefined) process.exitCode = code;
	});
}

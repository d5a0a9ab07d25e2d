import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SiteNotBuilt, raise } from '../../core/errors.ts';
import { prepareServeStatus } from '../../server/serve-status.ts';
import { startServer } from '../../server/static.ts';
import { addTrustOptions, exitCodes, parsePort, printError, trustFrom, type TrustFlags } from './shared.ts';

interface ServeOptions extends TrustFlags {
	dir: string;
	port: string;
	host: string;
	/** Base path the site was built for (`site.base`). */
	base?: string;
	/** Probe loopback stand-ins instead of real systems (`npm start`). */
	demo?: boolean;
	config?: string;
}

/** Serves a built site until the process is stopped; resolves with an exit code only on failure. */
async function runServe(options: ServeOptions): Promise<number | undefined> {
	try {
		const dir = resolve(options.dir);
		if (!(await stat(resolve(dir, 'index.html')).catch(() => undefined))) throw raise(SiteNotBuilt, dir);
		const port = parsePort(options.port);
		// An untrusted site (a branch's preview) runs none of the probes its pages declare.
		const status = trustFrom(options, 'trusted') === 'untrusted'
			? { handlers: [], lines: ['Live status is off: the site is untrusted (--untrusted), so no probe runs.'], warnings: [], stop: () => Promise.resolve() }
			: await prepareServeStatus({ dir, ...(options.demo && { demo: true }), ...(options.config && { configFile: options.config }), ...(options.base && { base: options.base }) });
		const running = await startServer({ dir, port, host: options.host, handlers: status.handlers, ...(options.base && { base: options.base }) }).catch(async (error: unknown) => {
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
		.description('Serve a built site (from `waymark build`)')
		.option('--dir <dir>', 'built site folder', 'dist')
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.option('--base <path>', 'base path the site was built for (`site.base`)', '/')
		.option('--demo', 'probe loopback stand-ins of the bundled guidebooks\' systems (never real hosts)')
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)');
	addTrustOptions(command).action(async (options: ServeOptions) => {
		const code = await runServe(options);
		if (code !== undefined) process.exitCode = code;
	});
}

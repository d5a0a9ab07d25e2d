import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { PortInvalid, SiteNotBuilt, raise } from '../errors.ts';
import { startServer } from '../server/static.ts';
import { exitCodes, printError } from './shared.ts';

export interface ServeOptions {
	dir: string;
	port: string;
	host: string;
}

/** Serves a built site until the process is stopped; resolves with an exit code only on failure. */
export async function runServe(options: ServeOptions): Promise<number | undefined> {
	try {
		const dir = resolve(options.dir);
		if (!(await stat(resolve(dir, 'index.html')).catch(() => undefined))) throw raise(SiteNotBuilt, dir);
		const port = Number(options.port);
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw raise(PortInvalid, options.port);
		const running = await startServer({ dir, port, host: options.host });
		process.stdout.write(`Serving ${dir} on ${running.url}\n`);
		const stop = () => void running.close().then(() => process.exit(exitCodes.clean));
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		return undefined;
	} catch (error) {
		printError(error);
		return exitCodes.usage;
	}
}

export function registerServe(program: Command): void {
	program
		.command('serve')
		.description('Serve a built site (from `waymark build`)')
		.option('--dir <dir>', 'built site folder', 'dist')
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost')
		.action(async (options: ServeOptions) => {
			const code = await runServe(options);
			if (code !== undefined) process.exitCode = code;
		});
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { defaultBase } from '../../preview/git.ts';
import { startServer, type Handler, type RunningServer } from '../../core/static-site.ts';
import { runBuild } from './build.ts';
import type { Terminal } from '../terminal.ts';
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

export interface PreviewOptions extends TrustFlags {
	stateDir?: string;
	base?: string;
	root?: string;
	config?: string;
	port: string;
	host: string;
}

/**
 * Builds the working tree with the reviewer preview into a temporary folder and serves it until
 * the process is stopped. The port is taken before the build, so a port in use fails in a second,
 * not after the whole build. Resolves with an exit code only when it could not start.
 */
export async function runPreview(
	options: PreviewOptions,
	terminal: Terminal,
): Promise<number | undefined> {
	let out: string | undefined;
	let running: RunningServer | undefined;
	try {
		const port = parsePort(options.port);
		// A preview shows someone's branch: untrusted unless the caller says otherwise.
		const trust = trustFrom(options, 'untrusted');
		const loaded = await loadConfig(configOptions(options, terminal, trust));
		noteRootFound(terminal, loaded);
		await assertWritesInside(loaded);
		out = await mkdtemp(join(tmpdir(), 'waymark-preview-'));
		let built = false;
		const building: Handler = (_req, res, next) => {
			if (built) return next();
			res
				.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' })
				.end('The preview is still building; reload in a few seconds.\n');
		};
		running = await startServer({
			dir: out,
			port,
			host: options.host,
			handlers: [building],
			onError: lineLog(terminal),
		});
		const base = options.base ?? (await defaultBase(loaded.root));
		const code = await runBuild(
			{
				root: loaded.root,
				out,
				base,
				...(trust === 'trusted' ? { trusted: true } : { untrusted: true }),
				...(options.config && { config: options.config }),
				...(options.stateDir && { stateDir: options.stateDir }),
			},
			terminal,
		);
		if (code !== exitCodes.clean) {
			await running.close();
			await rm(out, { recursive: true, force: true });
			return code;
		}
		built = true;
		const server = running;
		terminal.stdout.write(`Preview of changes since ${base}: ${server.url}_waymark/changes/\n`);
		const folder = out;
		const stop = () =>
			void server
				.close()
				.then(() => rm(folder, { recursive: true, force: true }))
				.then(() => process.exit(exitCodes.clean));
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		return undefined;
	} catch (error) {
		await running?.close();
		if (out) await rm(out, { recursive: true, force: true });
		printError(terminal, error);
		return exitCodes.usage;
	}
}

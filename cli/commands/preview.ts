import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { defaultBase, defaultBaseCandidates } from '../../preview/git.ts';
import { startServer } from '../../server/static.ts';
import { runBuild } from './build.ts';
import { addTrustOptions, exitCodes, parsePort, printError, rootFrom, trustFrom, type TrustFlags } from './shared.ts';

interface PreviewOptions extends TrustFlags {
	base?: string;
	root?: string;
	config?: string;
	port: string;
	host: string;
}

/**
 * Builds the working tree with the reviewer preview into a temporary folder and serves it until
 * the process is stopped. Resolves with an exit code only when it could not start.
 */
async function runPreview(
	options: PreviewOptions,
	cwd = process.cwd(),
): Promise<number | undefined> {
	let out: string | undefined;
	try {
		const port = parsePort(options.port);
		// A preview shows someone's branch: untrusted unless the caller says otherwise.
		const trust = trustFrom(options, 'untrusted');
		const loaded = await loadConfig({
			cwd,
			trust,
			...rootFrom(options.root),
			...(options.config && { configFile: options.config }),
		});
		const base = options.base ?? (await defaultBase(loaded.root));
		out = await mkdtemp(join(tmpdir(), 'waymark-preview-'));
		const code = await runBuild({
			root: loaded.root,
			out,
			base,
			...(trust === 'trusted' ? { trusted: true } : { untrusted: true }),
			...(options.config && { config: options.config }),
		});
		if (code !== exitCodes.clean) {
			await rm(out, { recursive: true, force: true });
			return code;
		}
		const running = await startServer({ dir: out, port, host: options.host });
		process.stdout.write(`Preview of changes since ${base}: ${running.url}_waymark/changes/\n`);
		const folder = out;
		const stop = () =>
			void running
				.close()
				.then(() => rm(folder, { recursive: true, force: true }))
				.then(() => process.exit(exitCodes.clean));
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
		return undefined;
	} catch (error) {
		if (out) await rm(out, { recursive: true, force: true });
		printError(error);
		return exitCodes.usage;
	}
}

export function registerPreview(program: Command): void {
	const command = program
		.command('preview')
		.description(
			'Build the working tree with a reviewer preview of the changes since a git ref and serve it',
		)
		.option(
			'--base <ref>',
			`git ref to compare with (default: the first of ${defaultBaseCandidates.join(', ')} that exists)`,
		)
		.option(
			'--root <dir>',
			'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)',
		)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option('--port <n>', 'port (0 picks a free one)', '4321')
		.option('--host <host>', 'address to listen on', 'localhost');
	addTrustOptions(command, 'for a preview').action(async (options: PreviewOptions) => {
		const code = await runPreview(options);
		if (code !== undefined) process.exitCode = code;
	});
}

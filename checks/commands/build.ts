import { cp, rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { prepareSiteRun, withCwd } from '../site/astro-run.ts';
import { exitCodes, printError } from './shared.ts';

export interface BuildOptions {
	root?: string;
	out?: string;
	config?: string;
}

/** Builds the static site; Astro's own output shows progress, our checks fail the build on errors. */
export async function runBuild(options: BuildOptions): Promise<number> {
	try {
		const { loaded, inline, buildDir } = await prepareSiteRun({ ...(options.root && { root: options.root }), ...(options.out && { outDir: options.out }), ...(options.config && { configFile: options.config }) });
		const { build } = await import('astro');
		await withCwd(inline.root, () => build({ ...inline, logLevel: process.env.WAYMARK_LOG_LEVEL === 'silent' ? 'silent' : 'info' }));
		if (buildDir !== loaded.outDir) {
			await rm(loaded.outDir, { recursive: true, force: true });
			await cp(buildDir, loaded.outDir, { recursive: true, filter: (src) => !src.includes('/.prerender') });
		}
		process.stdout.write(`Built ${loaded.root} into ${loaded.outDir}\n`);
		return exitCodes.clean;
	} catch (error) {
		printError(error);
		return exitCodes.usage;
	}
}

export function registerBuild(program: Command): void {
	program
		.command('build')
		.description('Build the guidebook tree into a static site')
		.option('--root <dir>', 'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)')
		.option('--out <dir>', 'output folder (default: ./dist)')
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.action(async (options: BuildOptions) => {
			process.exitCode = await runBuild(options);
		});
}

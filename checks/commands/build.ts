import { cp, rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { listPageChanges } from '../preview/git.ts';
import { writePreview } from '../preview/write-preview.ts';
import { prepareSiteRun, withCwd } from '../site/astro-run.ts';
import { exitCodes, printError } from './shared.ts';

export interface BuildOptions {
	root?: string;
	out?: string;
	config?: string;
	/** Git ref: add the reviewer preview (banner, changes page, diffs) against it. */
	base?: string;
}

/** Builds the static site; Astro's own output shows progress, our checks fail the build on errors. */
export async function runBuild(options: BuildOptions): Promise<number> {
	try {
		const { loaded, inline, buildDir } = await prepareSiteRun({ ...(options.root && { root: options.root }), ...(options.out && { outDir: options.out }), ...(options.config && { configFile: options.config }) });
		// A bad ref fails in a second, not after the whole build.
		if (options.base) await listPageChanges(loaded.root, options.base);
		const { build } = await import('astro');
		await withCwd(inline.root, () => build({ ...inline, logLevel: process.env.WAYMARK_LOG_LEVEL === 'silent' ? 'silent' : 'info' }));
		if (buildDir !== loaded.outDir) {
			await rm(loaded.outDir, { recursive: true, force: true });
			await cp(buildDir, loaded.outDir, { recursive: true, filter: (src) => !src.includes('/.prerender') });
		}
		process.stdout.write(`Built ${loaded.root} into ${loaded.outDir}\n`);
		if (options.base) {
			const preview = await writePreview({ root: loaded.root, outDir: loaded.outDir, ref: options.base, config: loaded.config });
			process.stdout.write(`Added the preview of ${preview.pages.length} changed page(s) since ${options.base}: /_waymark/changes/\n`);
		}
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
		.option('--base <ref>', 'add a reviewer preview of the changes since this git ref (banner, /_waymark/changes/, diffs)')
		.action(async (options: BuildOptions) => {
			process.exitCode = await runBuild(options);
		});
}

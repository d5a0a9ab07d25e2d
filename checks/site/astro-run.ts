import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RootNotFound, raise } from '../errors.ts';
import { loadConfig, type LoadedConfig } from '../config.ts';
import { packageRoot } from '../commands/shared.ts';

export interface SiteRunOptions {
	root?: string;
	outDir?: string;
	configFile?: string;
	cwd?: string;
}

/**
 * Prepares an Astro run of Waymark's own site (this package) over a guidebook tree found
 * elsewhere: the tree is handed over through `WAYMARK_ROOT`, read by the integration. Each tree
 * gets its own Astro cache folder so builds of different trees never share a content store.
 */
export async function prepareSiteRun(options: SiteRunOptions): Promise<SiteRun> {
	const cwd = options.cwd ?? process.cwd();
	const loaded = await loadConfig({ cwd, ...(options.root && { root: options.root }), ...(options.outDir && { outDir: options.outDir }), ...(options.configFile && { configFile: options.configFile }) });
	if (!(await stat(loaded.root).catch(() => undefined))?.isDirectory()) throw raise(RootNotFound, loaded.root);
	process.env.WAYMARK_ROOT = loaded.root;
	// The build runs with the package as working directory: the integration resolves config paths
	// from here, and messages name files relative to where the user ran the command.
	process.env.WAYMARK_CWD = cwd;
	if (loaded.file) process.env.WAYMARK_CONFIG = loaded.file;
	else delete process.env.WAYMARK_CONFIG;
	const key = createHash('sha256').update(`${loaded.root}\0${loaded.outDir}`).digest('hex').slice(0, 12);
	const work = resolve(packageRoot, 'node_modules/.astro', `tree-${key}`);
	return {
		loaded,
		// Astro's prerender chunks import Waymark's dependencies, so the build itself happens inside
		// this package; `waymark build` copies the finished site to `loaded.outDir`.
		inline: { root: packageRoot, outDir: resolve(work, 'dist'), cacheDir: resolve(work, 'cache') },
		buildDir: resolve(work, 'dist'),
	};
}

export interface SiteRun {
	loaded: LoadedConfig;
	/** Inline config for Astro's `build()`/`dev()`. */
	inline: { root: string; outDir: string; cacheDir: string };
	/** Where Astro writes the site before it is copied to the requested output folder. */
	buildDir: string;
}

/**
 * Runs `fn` with the working directory set to `dir`. Astro writes its prerender chunks below the
 * working directory whenever the output folder is outside it, and they must resolve Waymark's
 * dependencies.
 */
export async function withCwd<T>(dir: string, fn: () => Promise<T>): Promise<T> {
	const previous = process.cwd();
	process.chdir(dir);
	try {
		return await fn();
	} finally {
		process.chdir(previous);
	}
}

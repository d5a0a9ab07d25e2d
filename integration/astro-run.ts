import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import mdx from '@astrojs/mdx';
import type { AstroInlineConfig } from 'astro';
import { packageRoot } from '../core/package.ts';
import type { Trust } from '../src/lib/trust.ts';
import waymark, { siteAstroConfig, type PreparedSite } from './index.ts';

export interface SiteRun {
	/** Astro's inline config: Waymark's own site (this package) over the prepared tree. */
	inline: AstroInlineConfig & { root: string; outDir: string };
	/** Where Astro writes the site before `waymark build` moves it to `loaded.outDir`. */
	buildDir: string;
}

/**
 * Astro runs inside this package, because its prerender chunks import Waymark's dependencies; the
 * tree, config and report arrive as integration options, never through the environment. Each tree
 * gets its own Astro cache folder so builds of different trees never share a content store.
 */
export function siteRun(prepared: PreparedSite): SiteRun {
	const { trust } = prepared.loaded;
	const work = astroWorkDir(prepared.loaded.root, prepared.loaded.outDir, trust);
	const buildDir = resolve(work, 'dist');
	return {
		inline: {
			...siteAstroConfig,
			root: packageRoot,
			configFile: false,
			outDir: buildDir,
			cacheDir: resolve(work, 'cache'),
			// No MDX compiler for an untrusted tree: its `.mdx` pages render as Markdown, nothing runs.
			integrations: trust === 'trusted' ? [waymark({ prepared }), mdx()] : [waymark({ prepared })],
		},
		buildDir,
	};
}

/**
 * Astro's output and cache folder for one tree, output folder and trust, inside this package. A
 * trusted and an untrusted build never share a content store: neither reuses the other's pages.
 */
export function astroWorkDir(root: string, outDir: string, trust: Trust = 'trusted'): string {
	const key = createHash('sha256').update(`${root}\0${outDir}${trust === 'trusted' ? '' : '\0untrusted'}`).digest('hex').slice(0, 12);
	return resolve(packageRoot, 'node_modules/.astro', `tree-${key}`);
}

/**
 * Runs `fn` with the working directory set to `dir`, then restores it. Astro writes its prerender
 * chunks below the working directory whenever the output folder is outside it, and they must
 * resolve Waymark's dependencies.
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

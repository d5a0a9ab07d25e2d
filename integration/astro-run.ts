import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import type { AstroInlineConfig } from 'astro';
import { packageModule, packageRoot } from '../core/package.ts';
import waymark, { siteAstroConfig, type PreparedSite } from './index.ts';
import { packageImports } from './package-imports.ts';
import { isInside } from '../core/path-inside.ts';
import { pageHtmlFolder } from './page-html-files.ts';
import { openLogSink } from './log-sinks.ts';
import { storeOutput } from './store-output.ts';
import { withStandIns } from '../markdown/route-stand-ins.ts';

/** `build-log.ts`, as this package runs it: TypeScript in a checkout, bundled where packed. */
const buildLog = packageModule('integration/build-log');

export interface SiteRun {
	/** Astro's inline config: Waymark's own site (this package) over the prepared tree. */
	inline: AstroInlineConfig & { root: string; outDir: string; cacheDir: string };
	/** Where Astro writes the site before `waymark build` moves it to `loaded.outDir`. */
	buildDir: string;
	/** Ends the run: Astro's log no longer reaches the command's streams, and its prerender chunks are removed. */
	close(): Promise<void>;
}

/** Builds this process has run, for a server folder of each build's own (`siteRun`). */
let runs = 0;

/**
 * Astro's config for one tree: its root is the tree's store in the project's state folder
 * (`tree-store.ts`), where Astro writes everything (content store, generated types, Vite's cache,
 * the site before it is moved); the pages and components are read from this package, never
 * written. The tree, config and diagram service arrive as integration options, never through
 * the environment or the working directory; the prerender chunks, which Astro would place by
 * the working directory, go to the store too (`store-output.ts`).
 */
export function siteRun(prepared: PreparedSite, storeDir: string): SiteRun {
	const { trust } = prepared.loaded;
	const buildDir = join(storeDir, 'dist');
	const vite = packageImports(storeDir);
	const sink = prepared.output ? openLogSink(storeDir, prepared.output) : undefined;
	// A folder of this build's own: Astro imports its prerender entry by its file's URL, and a process
	// imports a URL once, so a second build in the process (`waymark serve` rebuilding, a test runner)
	// at the same path would render with the first build's modules and the data bundled in them.
	const servers = join(storeDir, 'server');
	const server = join(servers, `${process.pid}-${++runs}`);
	return {
		inline: {
			...siteAstroConfig,
			root: storeDir,
			srcDir: join(packageRoot, 'src'),
			publicDir: join(packageRoot, 'public'),
			configFile: false,
			outDir: buildDir,
			cacheDir: join(storeDir, 'cache'),
			devToolbar: { enabled: false },
			// Four pages at a time: a page reads its rendered body from a file (`page-html-files.ts`)
			// and Astro writes it and its incremental copy, so one at a time left the main thread
			// waiting on files for half of page generation (500 pages: 0.9–1.1 s → 0.65 s, same
			// output; more than four gained nothing). The search index does not follow the order
			// pages are written in (`pagefind-index.ts`), and `build-log.ts` keeps their log lines whole.
			// (A page that throws fails the build while the others under way finish and log.)
			// Prerender chunks go here, in the store, wherever the process runs (`store-output.ts`).
			build: { ...siteAstroConfig.build, concurrency: 4, server: `${server}/` },
			logger: { entrypoint: buildLog, ...(sink && { config: { sink: sink.key } }) },
			// Pages whose key (`pages/[...slug].astro`) is unchanged are copied from the last build of
			// the tree (kept in the store's cache), not rendered again.
			experimental: {
				incrementalBuild: astroCacheHolds(
					prepared.plan?.siteData.index.pages.map((page) => withStandIns(page.route)) ?? [],
				),
			},
			vite: {
				...vite,
				cacheDir: join(storeDir, 'vite'),
				server: {
					fs: {
						allow: [...(vite.server?.fs?.allow ?? []), prepared.loaded.root],
						deny: devServerDenied(prepared),
					},
					watch: { ignored: [notWatched(storeDir)] },
				},
			},
			// No MDX compiler for an untrusted tree: its `.mdx` pages render as Markdown, nothing runs.
			integrations: [storeOutput(), waymark({ prepared }), ...(trust === 'trusted' ? [mdx()] : [])],
		},
		buildDir,
		close: async () => {
			sink?.close();
			// The store is this build's alone (`tree-store.ts`): every server folder in it is spent.
			await rm(servers, { recursive: true, force: true });
		},
	};
}

/**
 * What the dev server's watcher leaves alone in Astro's root, the store: the page bodies Waymark
 * writes there (`page-html-files.ts`), each logged as a `[watch]` line when `waymark dev` started
 * on a store it had used. Astro's content store beside them stays watched: dev reloads by it.
 */
export function notWatched(storeDir: string): (path: string) => boolean {
	const bodies = join(storeDir, 'cache', pageHtmlFolder);
	return (path) => isInside(path, bodies);
}

/**
 * Whether Astro's incremental cache can keep every page: it finds a page's copy with
 * `new URL(outputFile, cacheDir)` (astro/dist/core/build/incremental.js), which reads a route
 * such as `/p14:x/` as a URL of scheme `p14:` and throws. A tree with any route the URL parser
 * reads as something other than a file under the cache is built whole, without the cache.
 */
function astroCacheHolds(routes: readonly string[]): boolean {
	const cache = new URL('file:///cache/');
	return routes.every((route) => {
		const outputFile = `${route.replace(/^\/+/, '')}index.html`;
		try {
			return fileURLToPath(new URL(outputFile, cache)) === `/cache/${outputFile}`;
		} catch {
			return false;
		}
	});
}

/**
 * What the dev server (`waymark dev`, `preview`) never serves through Vite's `/@fs/`, although the
 * root is allowed: Vite's own list (setting `deny` replaces it) and every file of the tree that
 * holds a secret by name or content (`GuidebookTree.secrets`), by its absolute path.
 */
function devServerDenied(prepared: PreparedSite): string[] {
	const vitesOwn = [
		'.env',
		'.env.*',
		'*.{crt,pem,key,p12,pfx,cer,der}',
		'.npmrc',
		'.yarnrc.yml',
		'**/.git/**',
	];
	return [
		...vitesOwn,
		...[...prepared.tree.secrets.keys()].map((path) => join(prepared.tree.root, path)),
	];
}

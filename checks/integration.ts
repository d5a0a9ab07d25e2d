import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { unified } from '@astrojs/markdown-remark';
import { loadGuidebookTree } from './collect/load-tree.ts';
import { loadConfig, type LoadedConfig } from './config.ts';
import { diagramsHooks } from './diagrams/astro-hooks.ts';
import { checkTreeForBuild, devChecksPlugin } from './astro-checks.ts';
import { WaymarkError } from './errors.ts';
import { buildStatusSnapshot, markdownSnapshot, writeStatusFiles } from './probes/snapshot.ts';
import { siteMarkdownPlugins, siteShikiConfig } from '../src/markdown/plugins.ts';
import { readLastCommitDates } from './site/git-dates.ts';
import { writeSearchIndex } from './site/pagefind-index.ts';
import { buildSiteIndex } from './site/site-index.ts';
import { copyTreeAssets, treeAssetsPlugin } from './site/tree-assets.ts';
import { virtualConfigPlugin, type SiteRuntimeConfig } from './site/virtual-config.ts';
import { virtualSiteIndexPlugin } from './site/virtual-site-index.ts';

export interface WaymarkIntegrationOptions {
	/** Guidebook root; else `WAYMARK_ROOT`, else `root` in waymark.config.yaml, else `guidebooks`. */
	root?: string;
	/** A config file other than `waymark.config.yaml` in the working directory. */
	configFile?: string;
}

/**
 * The Astro integration: points the site at a guidebook tree and wires Waymark's Markdown
 * pipeline. `waymark build` and a plain `astro build` both go through here, so they run the same
 * checks and fail with the same messages.
 */
export default function waymark(options: WaymarkIntegrationOptions = {}): AstroIntegration {
	let loaded: LoadedConfig;
	let assets: string[] = [];
	let status: Awaited<ReturnType<typeof buildStatusSnapshot>> | undefined;
	const diagrams = diagramsHooks();
	return {
		name: 'waymark',
		hooks: {
			'astro:config:setup': async ({ updateConfig, config: astroConfig, command, logger }) => {
				const configFile = options.configFile ?? process.env.WAYMARK_CONFIG;
				loaded = await loadConfig({
					...(process.env.WAYMARK_CWD && { cwd: process.env.WAYMARK_CWD }),
					...(options.root && { root: options.root }),
					...(configFile && { configFile }),
				}).catch(rethrowForAstro);
				const runtime: SiteRuntimeConfig = {
					root: loaded.root,
					title: loaded.config.site.title,
					// An Astro `base` set in astro.config wins; else `site.base` from waymark.config.yaml.
					base: astroConfig.base && astroConfig.base !== '/' ? astroConfig.base : loaded.config.site.base,
					editUrl: loaded.config.site.editUrl ?? null,
				};
				const [tree, gitDates] = await Promise.all([loadGuidebookTree(loaded.root).catch(rethrowForAstro), readLastCommitDates(loaded.root)]);
				// Same engine and messages as `waymark check`; in dev, findings go to the overlay instead.
				// Diagrams first: the checks' `mermaid-render` rule then reads every drawing from the cache.
				await diagrams.prerender({ loaded, tree, command, logger }).catch(rethrowForAstro);
				if (command === 'build') await checkTreeForBuild(tree, loaded, logger).catch(rethrowForAstro);
				assets = tree.files.assets;
				status = await buildStatusSnapshot(tree, loaded.config);
				runtime.status = status.snapshot;
				const files = { pages: new Set(tree.files.pages), assets: new Set(tree.files.assets), folders: new Set(tree.files.folders) };
				const refresh = command === 'dev' ? async () => buildSiteIndex(await loadGuidebookTree(loaded.root), gitDates) : undefined;
				updateConfig({
					...(loaded.config.site.url && { site: loaded.config.site.url }),
					base: runtime.base,
					markdown: {
						processor: unified(diagrams.withRehypePlugin(siteMarkdownPlugins({ ...runtime, status: markdownSnapshot(status.snapshot) }, files))),
						shikiConfig: siteShikiConfig,
					},
					vite: {
						plugins: [
							virtualConfigPlugin(runtime),
							virtualSiteIndexPlugin(buildSiteIndex(tree, gitDates), refresh),
							treeAssetsPlugin(loaded.root, runtime.base),
							diagrams.vitePlugin(),
							...(command === 'dev' ? [devChecksPlugin(loaded, logger)] : []),
						],
					},
				});
			},
			'astro:build:done': async ({ dir, logger }) => {
				await diagrams.close();
				const outDir = fileURLToPath(dir);
				await copyTreeAssets(loaded.root, assets, outDir);
				if (status) await writeStatusFiles(outDir, status.snapshot, status.probes);
				const pages = await writeSearchIndex(outDir);
				logger.info(`Copied ${assets.length} files from the tree; indexed ${pages} pages for search.`);
			},
			'astro:server:done': () => diagrams.close(),
		},
	};
}

/** Astro shows `message` and `hint` in its error overlay and build output. */
async function rethrowForAstro(error: unknown): Promise<never> {
	if (error instanceof WaymarkError) {
		const { AstroError } = await import('astro/errors');
		throw new AstroError(error.message, error.hint);
	}
	throw error;
}

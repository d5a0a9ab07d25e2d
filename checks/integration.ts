import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { unified } from '@astrojs/markdown-remark';
import { loadGuidebookTree } from './collect/load-tree.ts';
import { loadConfig, type LoadedConfig } from './config.ts';
import { FrontmatterInvalid, WaymarkError, raise } from './errors.ts';
import { siteMarkdownPlugins } from '../src/markdown/plugins.ts';
import { readLastCommitDates } from './site/git-dates.ts';
import { writeSearchIndex } from './site/pagefind-index.ts';
import { buildSiteIndex } from './site/site-index.ts';
import { copyTreeAssets, treeAssetsPlugin } from './site/tree-assets.ts';
import { formatFrontmatterProblem, validateFrontmatter } from './site/validate-frontmatter.ts';
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
	return {
		name: 'waymark',
		hooks: {
			'astro:config:setup': async ({ updateConfig, config: astroConfig, command }) => {
				loaded = await loadConfig({
					...(options.root && { root: options.root }),
					configFile: options.configFile ?? process.env.WAYMARK_CONFIG,
				}).catch(rethrowForAstro);
				const runtime: SiteRuntimeConfig = {
					root: loaded.root,
					title: loaded.config.site.title,
					base: astroConfig.base ?? loaded.config.site.base,
					editUrl: loaded.config.site.editUrl ?? null,
				};
				const [tree, gitDates] = await Promise.all([loadGuidebookTree(loaded.root).catch(rethrowForAstro), readLastCommitDates(loaded.root)]);
				const problems = validateFrontmatter(tree);
				if (problems.length > 0) {
					const cwd = process.env.WAYMARK_CWD ?? process.cwd();
					await rethrowForAstro(raise(FrontmatterInvalid, problems.map((p) => formatFrontmatterProblem(p, loaded.root, cwd))));
				}
				assets = tree.files.assets;
				const files = { pages: new Set(tree.files.pages), assets: new Set(tree.files.assets), folders: new Set(tree.files.folders) };
				const refresh = command === 'dev' ? async () => buildSiteIndex(await loadGuidebookTree(loaded.root), gitDates) : undefined;
				updateConfig({
					...(loaded.config.site.url && { site: loaded.config.site.url }),
					markdown: {
						processor: unified(siteMarkdownPlugins(runtime, files)),
						shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false },
					},
					vite: {
						plugins: [
							virtualConfigPlugin(runtime),
							virtualSiteIndexPlugin(buildSiteIndex(tree, gitDates), refresh),
							treeAssetsPlugin(loaded.root, runtime.base),
						],
					},
				});
			},
			'astro:build:done': async ({ dir, logger }) => {
				const outDir = fileURLToPath(dir);
				await copyTreeAssets(loaded.root, assets, outDir);
				const pages = await writeSearchIndex(outDir);
				logger.info(`Copied ${assets.length} files from the tree; indexed ${pages} pages for search.`);
			},
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

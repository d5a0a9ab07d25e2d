import type { AstroIntegration } from 'astro';
import { unified } from '@astrojs/markdown-remark';
import { loadConfig, type LoadedConfig } from './config.ts';
import { WaymarkError } from './errors.ts';
import { siteMarkdownPlugins } from '../src/markdown/plugins.ts';
import { virtualConfigPlugin, type SiteRuntimeConfig } from './site/virtual-config.ts';

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
	return {
		name: 'waymark',
		hooks: {
			'astro:config:setup': async ({ updateConfig, config: astroConfig }) => {
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
				updateConfig({
					...(loaded.config.site.url && { site: loaded.config.site.url }),
					markdown: { processor: unified(siteMarkdownPlugins(runtime)) },
					vite: { plugins: [virtualConfigPlugin(runtime)] },
				});
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

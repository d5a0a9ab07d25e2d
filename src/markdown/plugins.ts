import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { SiteRuntimeConfig } from '../../checks/site/virtual-config.ts';

/** The remark and rehype plugins that turn forge-written Markdown into Waymark pages. */
export function siteMarkdownPlugins(_config: SiteRuntimeConfig): UnifiedProcessorOptions {
	return { remarkPlugins: [], rehypePlugins: [] };
}

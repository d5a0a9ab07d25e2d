import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import type { SiteRuntimeConfig } from '../lib/site-config.ts';
import type { TreeFiles } from './link-target.ts';
import { rehypeAlerts } from './rehype-alerts.ts';
import { rehypeCodeCopy } from './rehype-code-copy.ts';
import { rehypeTables } from './rehype-tables.ts';
import { remarkDirectiveFallback } from './remark-directive-fallback.ts';
import { remarkHeadingIds } from './remark-heading-ids.ts';
import { remarkLinks } from './remark-links.ts';
import { remarkNativeParser } from './remark-native-parser.ts';
import { remarkPageMeta } from './remark-page-meta.ts';
import { remarkRestoreDirectives } from './remark-restore-directives.ts';
import { remarkStatusDirective } from './status-directive.ts';

/**
 * Shiki's settings for the site (on top of Astro's defaults): both GitHub themes, emitted as CSS
 * variables (`defaultColor: false`) so the theme toggle switches code colours too.
 */
export const siteShikiConfig = { themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false } as const;

/**
 * The remark and rehype plugins that turn forge-written Markdown into Waymark pages; the same list
 * serves `.md` and `.mdx`. `files` (the tree's pages, assets and folders) lets links to folders
 * and non-Markdown files resolve the way a forge resolves them.
 */
export function siteMarkdownPlugins(config: SiteRuntimeConfig, files?: TreeFiles): UnifiedProcessorOptions {
	const repository = { ...(config.place && { place: config.place }), ...(config.repo && { repo: config.repo }) };
	const where = { root: config.root, base: config.base, repository, ...(files && { files }) };
	return {
		// Smart quotes would turn `--force` in prose into an en dash and break copied commands.
		smartypants: false,
		remarkPlugins: [
			remarkNativeParser,
			remarkDirective,
			remarkRestoreDirectives,
			[remarkStatusDirective, { snapshot: config.status }],
			// Ids before the H1 is lifted out, so later headings count it the way GitHub does.
			remarkHeadingIds,
			[remarkPageMeta, where],
			[remarkLinks, where],
			remarkDirectiveFallback,
		],
		rehypePlugins: [rehypeAlerts, rehypeTables, rehypeCodeCopy],
	};
}

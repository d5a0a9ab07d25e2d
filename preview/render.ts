import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	markdownConfigDefaults,
	parseFrontmatter,
	unified,
	type ShikiConfig,
} from '@astrojs/markdown-remark';
import {
	siteMarkdownPlugins,
	siteShikiConfig,
	siteSyntaxHighlight,
	type HtmlSafety,
} from '../markdown/plugins.ts';
import type { MarkdownParser } from '../core/environment.ts';
import type { TreeFiles } from '../markdown/link-target.ts';
import type { DiagramsConfig } from '../config/diagrams.ts';
import type { SiteRuntimeConfig } from '../markdown/site-config.ts';
import { withCachedDiagrams } from './cached-diagrams.ts';

/** Renders one page's Markdown to the HTML the site puts in its content area. */
export type PageRenderer = (markdown: string, path: string) => Promise<string>;

/**
 * The site's own Markdown pipeline (the processor `integration/index.ts` hands to Astro, with
 * Astro's defaults: GFM, SmartyPants, Shiki, heading ids), so a diff shows what readers see.
 * Frontmatter is removed first, as Astro's content loader does. With `diagrams`, mermaid blocks
 * become the drawn SVGs found in the diagram cache.
 */
export async function createPageRenderer(
	runtime: SiteRuntimeConfig,
	safety: HtmlSafety,
	files?: TreeFiles,
	diagrams?: { config: DiagramsConfig; cacheDir: string },
	parser: MarkdownParser = 'native',
): Promise<PageRenderer> {
	const plugins = siteMarkdownPlugins(runtime, safety, files, parser);
	const processor = unified(diagrams ? withCachedDiagrams(plugins, diagrams) : plugins);
	const shikiConfig: ShikiConfig = { ...markdownConfigDefaults.shikiConfig, ...siteShikiConfig };
	const renderer = await processor.createRenderer({
		...markdownConfigDefaults,
		shikiConfig,
		syntaxHighlight: siteSyntaxHighlight,
	});
	return async (markdown, path) => {
		const { content, frontmatter } = parseFrontmatterSafely(markdown);
		const result = await renderer.render(content, {
			fileURL: pathToFileURL(join(runtime.root, path)),
			frontmatter,
		});
		return result.code;
	};
}

function parseFrontmatterSafely(markdown: string): {
	content: string;
	frontmatter: Record<string, unknown>;
} {
	try {
		return parseFrontmatter(markdown, { frontmatter: 'remove' });
	} catch {
		// Invalid YAML is reported by the frontmatter check; the diff still shows the body.
		return { content: markdown.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, ''), frontmatter: {} };
	}
}

import {
	markdownConfigDefaults,
	rehypeShiki,
	syntaxHighlightDefaults,
	type ShikiConfig,
	type UnifiedProcessorOptions,
} from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import type { Element, Root } from 'hast';
import type { Processor } from 'unified';
import { runOnParts } from './tree-parts.ts';
import type { StatusSnapshot } from '../core/status-snapshot.ts';
import type { SiteRuntimeConfig } from './site-config.ts';
import type { Trust } from '../core/trust.ts';
import { codeThemeNames, compactCodeColours } from './code-colours.ts';
import { nameFenceLanguage } from './fence-language-class.ts';
import { promqlGrammar } from './promql-grammar.ts';
import { definitionListHandlers } from './definition-lists.ts';
import { siteToolOf, type TreeFiles } from './link-target.ts';
import { rehypeAlerts } from './rehype-alerts.ts';
import { rehypeBrokenLinks } from './rehype-broken-links.ts';
import { rehypeCodeCopy } from './rehype-code-copy.ts';
import { placeholderDecorations } from './placeholder-decorations.ts';
import { rehypePlaceholders } from './rehype-placeholders.ts';
import { rehypeSafeHtml } from './rehype-safe-html.ts';
import { rehypeTables } from './rehype-tables.ts';
import { remarkCallouts } from './remark-callouts.ts';
import { remarkDialectSource } from './remark-dialect-source.ts';
import { remarkDirectiveFallback } from './remark-directive-fallback.ts';
import { remarkGemojiText } from './remark-gemoji-text.ts';
import { remarkHeadingIds } from './remark-heading-ids.ts';
import { remarkLinks } from './remark-links.ts';
import { remarkMdxInert, remarkMdxParser } from './remark-mdx-inert.ts';
import type { MarkdownParser } from '../core/environment.ts';
import { remarkNativeParser } from './remark-native-parser.ts';
import { remarkPageMeta } from './remark-page-meta.ts';
import { remarkRestoreDirectives } from './remark-restore-directives.ts';
import { remarkStatusDirective } from './status-directive.ts';
import { remarkToc } from './remark-toc.ts';

/**
 * Shiki's settings for the site (on top of Astro's defaults): both GitHub themes, emitted as CSS
 * variables (`defaultColor: false`) so the theme toggle switches code colours too, and carried by
 * classes rather than inline styles (`code-colours.ts`).
 */
export const siteShikiConfig = {
	themes: codeThemeNames,
	defaultColor: false,
	transformers: [compactCodeColours, placeholderDecorations],
} satisfies ShikiConfig;

/**
 * Astro's own highlighting is off (`markdown.syntaxHighlight: false`): Shiki runs among the
 * site's rehype plugins, after the HTML sanitiser, so its styled output is never filtered.
 */
export const siteSyntaxHighlight = false;

/**
 * Astro's Shiki step with the site's themes and Astro's default exclusions (`math`), run on the
 * page's code blocks only (`runOnParts`): it looks for them with a walk of every node. Each block's
 * language is first named as Shiki knows it (`fence-language-class.ts`: GitHub's names, PromQL).
 */
export function rehypeSiteShiki(this: Processor) {
	// A transform that highlights in place and resolves when it is done.
	const astro = rehypeShiki.call(
		this,
		{ ...markdownConfigDefaults.shikiConfig, ...siteShikiConfig, langs: [promqlGrammar] },
		syntaxHighlightDefaults.excludeLangs,
	) as (tree: Root) => Promise<void>;
	return (tree: Root): void | Promise<void> =>
		runOnParts(tree, isCodeBlock, (blocks) => {
			for (const block of blocks.children)
				nameFenceLanguage(block as Element, syntaxHighlightDefaults.excludeLangs);
			return astro(blocks as Root);
		});
}

/** What Astro highlights: a `pre` whose one child is a `code`. */
function isCodeBlock(node: unknown): boolean {
	const { type, tagName, children } = node as Partial<Element>;
	return (
		type === 'element' &&
		tagName === 'pre' &&
		children?.length === 1 &&
		children[0]?.type === 'element' &&
		children[0].tagName === 'code'
	);
}

/** How a page's HTML is made safe: by trust (`untrusted` always sanitises) and `site.allowRawHtml`. */
export interface HtmlSafety {
	trust: Trust;
	allowRawHtml: boolean;
}

/**
 * The remark and rehype plugins that turn a tree's Markdown into Waymark pages; the same list
 * serves `.md` and `.mdx`. `files` (the tree's pages, assets and folders, and its tool) lets links
 * to folders and non-Markdown files resolve the way the tool's site resolves them, and the tool's
 * own syntax render as there, with the plugins the tool adds (`SiteTool.plugins`).
 */
export function siteMarkdownPlugins(
	config: SiteRuntimeConfig & { status?: StatusSnapshot | undefined },
	safety: HtmlSafety,
	files?: TreeFiles,
	parser: MarkdownParser = 'native',
): UnifiedProcessorOptions {
	const repository = {
		...(config.place && { place: config.place }),
		...(config.repo && { repo: config.repo }),
	};
	const where = { root: config.root, base: config.base, repository, ...(files && { files }) };
	const tool = siteToolOf(files);
	const { plugins, markdown } = tool;
	// An untrusted tree's `.mdx` renders as Markdown: read with MDX's grammar, made inert.
	const inertMdx = safety.trust === 'untrusted';
	return {
		// Smart quotes would turn `--force` in prose into an en dash and break copied commands.
		smartypants: false,
		...(markdown.definitionLists && { remarkRehype: { handlers: definitionListHandlers() } }),
		remarkPlugins: [
			// A page read as MDX (Docusaurus) has no indented code; the tool's definition lists.
			[
				remarkNativeParser,
				{
					parser,
					...(!markdown.indentedCode && { indentedCode: false }),
					...(markdown.definitionLists && { definitionLists: true }),
				},
			],
			...(inertMdx ? [remarkMdxParser] : []),
			// After the parser is chosen: it rewrites the text that parser gets.
			[remarkDialectSource, where],
			remarkDirective,
			remarkRestoreDirectives,
			// Before heading ids: an icon adds nothing to an id, as on MkDocs.
			...(plugins.beforeHeadingIds ?? []),
			[remarkStatusDirective, { snapshot: config.status }],
			// Ids before the H1 is lifted out, so later headings count it the way GitHub does.
			[remarkHeadingIds, { tool, root: config.root }],
			// After heading ids: tab slugs are made unique against them.
			...(plugins.afterHeadingIds ?? []),
			[remarkPageMeta, where],
			// After the title H1 is lifted out, so the table of contents lists the page's sections.
			remarkToc,
			[remarkLinks, where],
			...(inertMdx ? [remarkMdxInert] : []),
			remarkCallouts,
			// After the ids: a heading's id keeps the shortcode's name (`:warning:` → `warning`), as on the forge.
			...(markdown.emoji ? [remarkGemojiText] : []),
			remarkDirectiveFallback,
			...(plugins.lastRemark ?? []),
		],
		// The sanitiser first: what follows is Waymark's own markup. Diagrams go in after
		// highlighting (`withEarlyRehypePlugin`), where Astro's own Shiki step would have left them.
		rehypePlugins: [
			[rehypeSafeHtml, safety],
			// Waymark's own markup from the sanitised placeholders: the tool's (tabs, icons from the sets it ships), broken links marked.
			...(plugins.rehype ?? []),
			rehypeBrokenLinks,
			rehypeSiteShiki,
			// After highlighting, which marks the placeholders of code blocks (`placeholderDecorations`).
			rehypePlaceholders,
			rehypeAlerts,
			rehypeTables,
			rehypeCodeCopy,
		],
	};
}

/** `options` with the remark `plugin` right before links are rewritten: it sees links and images as written. */
export function withRemarkPluginBeforeLinks(
	options: UnifiedProcessorOptions,
	plugin: NonNullable<UnifiedProcessorOptions['remarkPlugins']>[number],
): UnifiedProcessorOptions {
	const list = [...(options.remarkPlugins ?? [])];
	const at = list.findIndex((entry) => (Array.isArray(entry) ? entry[0] : entry) === remarkLinks);
	list.splice(at, 0, plugin);
	return { ...options, remarkPlugins: list };
}

/**
 * `options` with `plugin` right after the HTML sanitiser and code highlighting, before callouts,
 * table wrappers and copy buttons: it sees safe, highlighted HTML, and what it adds is not filtered.
 */
export function withEarlyRehypePlugin(
	options: UnifiedProcessorOptions,
	plugin: NonNullable<UnifiedProcessorOptions['rehypePlugins']>[number],
): UnifiedProcessorOptions {
	const list = [...(options.rehypePlugins ?? [])];
	const at = list.findIndex(
		(entry) => (Array.isArray(entry) ? entry[0] : entry) === rehypeSiteShiki,
	);
	list.splice(at + 1, 0, plugin);
	return { ...options, rehypePlugins: list };
}

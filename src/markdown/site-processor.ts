import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rehypeHeadingIds, remarkCollectImages, unified as astroUnified, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Pluggable, type Plugin } from 'unified';
import { VFile } from 'vfile';

type AstroProcessor = ReturnType<typeof astroUnified>;
type SharedOptions = Parameters<AstroProcessor['createRenderer']>[0];
type MarkdownRenderer = Awaited<ReturnType<AstroProcessor['createRenderer']>>;

// Astro's step that hands a page's images to its image service (`__ASTRO_IMAGE_`), run right
// after the site's rehype plugins as Astro runs it. The package does not export it; its own file
// is loaded, so a release that moves it fails here, loudly, not with images silently unoptimised.
const astroEntry = createRequire(import.meta.url).resolve('@astrojs/markdown-remark');
const { rehypeImages } = (await import(pathToFileURL(join(dirname(astroEntry), 'rehype-images.js')).href)) as { rehypeImages: Plugin<[], Root> };

/**
 * The Markdown processor Waymark hands Astro: Astro's own `unified()` processor (its options, so
 * `@astrojs/mdx` compiles `.mdx` with the same plugins), whose `.md` renderer runs the steps of
 * Astro's `createMarkdownProcessor` in the same order, but re-parses a page's HTML through parse5
 * (`rehype-raw`) only where raw HTML is left in it. Astro re-parses every page; a page Markdown
 * wrote is whole hast already, and re-parsing it cost 1.5 s of the benchmark's 11 s of build CPU
 * (bench/README.md). The HTML is the same byte for byte
 * (`test/site/processor-identical-html.test.ts` renders every fixture page both ways).
 *
 * Waymark highlights code itself (`rehypeSiteShiki`) and never asks for SmartyPants, so Astro's
 * own highlighting and typography steps are not here: a renderer asked for either refuses.
 */
export function siteProcessor(options: UnifiedProcessorOptions): AstroProcessor {
	const astro = astroUnified(options);
	return {
		...astro,
		// A renderer that cannot be made is a rejected promise, as from Astro's own (async) `createRenderer`.
		createRenderer: (shared) => new Promise((resolve) => resolve(siteRenderer(astro.options, shared))),
	};
}

function siteRenderer(options: AstroProcessor['options'], shared: SharedOptions): MarkdownRenderer {
	// Waymark's own configuration, never a reader's: a change to it that these steps do not follow fails the build at once.
	if (shared.syntaxHighlight) throw new Error('Unexpected `markdown.syntaxHighlight`: Waymark highlights code in its own rehype plugin, so Astro’s must be off.');
	if (options.smartypants !== false) throw new Error('Unexpected SmartyPants: the site’s processor runs without it (`smartypants: false`).');
	const pipeline = unified()
		.use(remarkParse)
		.use((options.gfm ?? shared.gfm ?? true) ? [remarkGfm] : [])
		.use(options.remarkPlugins as Pluggable[])
		.use(remarkCollectImages, shared.image)
		.use(remarkRehype, { allowDangerousHtml: true, passThrough: [], ...options.remarkRehype })
		.use(options.rehypePlugins as Pluggable[])
		.use(rehypeImages)
		.use(rehypeHeadingIds)
		.use(rehypeRawWhereRaw)
		.use(rehypeStringify, { allowDangerousHtml: true });
	return {
		async render(content, renderOptions) {
			const file = new VFile({ value: content, path: renderOptions?.fileURL, data: { astro: { frontmatter: renderOptions?.frontmatter ?? {} } } });
			const result = await pipeline.process(file).catch((error: unknown) => {
				// Astro's wording, which the content loader takes off again when it reports the page.
				if (error instanceof Error) error.message = `Failed to parse Markdown file "${file.path}":\n${error.message}`;
				throw error;
			});
			const astroData = result.data.astro;
			return {
				code: String(result.value),
				metadata: {
					headings: astroData?.headings ?? [],
					localImagePaths: astroData?.localImagePaths ?? [],
					remoteImagePaths: astroData?.remoteImagePaths ?? [],
					frontmatter: astroData?.frontmatter ?? {},
				},
			};
		},
	};
}

/** `rehype-raw` for a page that still holds raw HTML (a trusted tree's, unsanitised); the others are left as they are. */
function rehypeRawWhereRaw() {
	return (tree: Root, file: VFile): Root | undefined => (holdsRaw(tree) ? (raw(tree, { file }) as Root) : undefined);
}

function holdsRaw(node: Root | RootContent): boolean {
	return node.type === 'raw' || ('children' in node && node.children.some(holdsRaw));
}

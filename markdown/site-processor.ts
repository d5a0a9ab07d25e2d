import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified as astroUnified, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { Element, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { htmlVoidElements } from 'html-void-elements';
import { find, html, svg } from 'property-information';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Pluggable, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { rehypeHeadingIdsOnHeadings, remarkCollectImagesWhereImages } from './astro-steps.ts';
import { isRawAsParsed, takesRawAsParsed } from './raw-as-parsed.ts';

type AstroProcessor = ReturnType<typeof astroUnified>;
type SharedOptions = Parameters<AstroProcessor['createRenderer']>[0];
type MarkdownRenderer = Awaited<ReturnType<AstroProcessor['createRenderer']>>;

// Astro's step that hands a page's images to its image service (`__ASTRO_IMAGE_`), run right
// after the site's rehype plugins as Astro runs it. The package does not export it; its own file
// is loaded, so a release that moves or renames it fails here, loudly, not with images silently
// unoptimised.
const astroImagesFile = join(
	dirname(createRequire(import.meta.url).resolve('@astrojs/markdown-remark')),
	'rehype-images.js',
);
const astroImages = (await import(pathToFileURL(astroImagesFile).href)) as {
	rehypeImages?: Plugin<[], Root>;
};
if (typeof astroImages.rehypeImages !== 'function')
	throw new Error(
		`Unexpected @astrojs/markdown-remark: no \`rehypeImages\` in ${astroImagesFile}; Waymark's site processor needs a release it knows.`,
	);
const rehypeImages: Plugin<[], Root> = astroImages.rehypeImages;

/**
 * The Markdown processor Waymark hands Astro: Astro's own `unified()` processor (its options, so
 * `@astrojs/mdx` compiles `.mdx` with the same plugins), whose `.md` renderer runs the steps of
 * Astro's `createMarkdownProcessor` in the same order, with two changes. Its heading step runs on
 * the headings alone, and its image step only on a page with an image (`astro-steps.ts`). And
 * Astro re-parses every page through parse5 at the end (`rehype-raw`); here only a page that had
 * raw HTML, or whose elements parse5 would move, is re-parsed, as Astro does. Any other page is
 * whole, well-nested hast already: what the round trip would still change on it is done directly
 * (`likeParse5`). On the 500-page benchmark the re-parse cost about 1.5 s of the build's 11 s of
 * CPU (## build`). `test/site/processor-identical-html.test.ts`
 * renders every fixture and benchmark page both ways, edge cases included, and compares the HTML
 * and metadata byte for byte.
 *
 * Left out of Astro's renderer, on purpose: its Shiki and Prism steps and SmartyPants (Waymark
 * highlights code itself and turns SmartyPants off; a renderer asked for either refuses), plugins
 * named by string (Waymark's are functions), `ASTRO_PERFORMANCE_BENCHMARK`, and the
 * `console.error` of a failed page (the content loader reports it, as one line).
 */
export function siteProcessor(options: UnifiedProcessorOptions): AstroProcessor {
	const astro = astroUnified(options);
	return {
		...astro,
		// A renderer that cannot be made is a rejected promise, as from Astro's own (async) `createRenderer`.
		createRenderer: (shared) =>
			new Promise((resolve) => resolve(siteRenderer(astro.options, shared))),
	};
}

function siteRenderer(options: AstroProcessor['options'], shared: SharedOptions): MarkdownRenderer {
	// Waymark's own configuration, never a reader's: a change to it that these steps do not follow fails the build at once.
	if (shared.syntaxHighlight)
		throw new Error(
			'Unexpected `markdown.syntaxHighlight`: Waymark highlights code in its own rehype plugin, so Astro’s must be off.',
		);
	if (options.smartypants !== false)
		throw new Error(
			'Unexpected SmartyPants: the site’s processor runs without it (`smartypants: false`).',
		);
	const pipeline = unified()
		.use(remarkParse)
		.use((options.gfm ?? shared.gfm ?? true) ? [remarkGfm] : [])
		.use(options.remarkPlugins as Pluggable[])
		.use(remarkCollectImagesWhereImages, shared.image)
		.use(remarkRehype, { allowDangerousHtml: true, passThrough: [], ...options.remarkRehype })
		.use(rehypeNoteRawHtml)
		.use(options.rehypePlugins as Pluggable[])
		.use(rehypeImages)
		.use(rehypeHeadingIdsOnHeadings)
		.use(rehypeReparseWhereRaw)
		.use(rehypeStringify, { allowDangerousHtml: true });
	return {
		async render(content, renderOptions) {
			const file = new VFile({
				value: content,
				path: renderOptions?.fileURL,
				data: {
					astro: { frontmatter: renderOptions?.frontmatter ?? {} },
					[takesRawAsParsed]: true,
				},
			});
			const result = await pipeline.process(file).catch((error: unknown) => {
				// Astro's wording, which the content loader takes off again when it reports the page.
				if (error instanceof Error && Object.isExtensible(error))
					error.message = `Failed to parse Markdown file "${file.path}":\n${error.message}`;
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

/**
 * Pages that needed the re-parse when Markdown became hast: raw HTML, which the sanitiser then
 * parses and filters. Kept for them whatever the tree looks like at the end: what parse5 mends
 * after the sanitiser is not only the two moves `needsParse5` knows (it knows the one the
 * edge-case fixture shows, a `<div>` left inside a `<p>`).
 */
const reparse = new WeakSet<VFile>();

function rehypeNoteRawHtml() {
	return (tree: Root, file: VFile): void => {
		if (needsParse5(tree)) reparse.add(file);
	};
}

/**
 * Astro's last step where the page needed it when Markdown became hast (parse5 also mends what
 * the sanitiser left: an unwrapped `<object>` can leave a `<div>` inside a `<p>`, and the reader's
 * browser builds that mended tree) or needs it now. Elsewhere, what the round trip would change is
 * done in place.
 */
function rehypeReparseWhereRaw() {
	return (tree: Root, file: VFile): Root | undefined => {
		if (reparse.has(file) || needsParse5(tree)) return raw(tree, { file }) as Root;
		likeParse5(tree);
		return undefined;
	};
}

/**
 * Elements a `<p>` cannot hold: the HTML parser closes the paragraph before each. Markdown never
 * puts one there, but a plugin's markup might.
 */
const closesParagraph = new Set([
	'address',
	'article',
	'aside',
	'blockquote',
	'details',
	'dialog',
	'div',
	'dl',
	'fieldset',
	'figcaption',
	'figure',
	'footer',
	'form',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'header',
	'hgroup',
	'hr',
	'main',
	'menu',
	'nav',
	'ol',
	'p',
	'pre',
	'search',
	'section',
	'table',
	'ul',
]);

/**
 * Whether only parse5 gives this tree the HTML Astro's renderer would: it holds raw HTML (a
 * status sparkline is raw SVG in any tree) other than text already written as parsed (a drawn
 * diagram, `raw-as-parsed.ts`), or the parser would move elements, which
 * `likeParse5` does not do: a link inside a link (Markdown writes one for
 * `[<https://a.example>](https://b.example)`) or a block inside a paragraph. One walk, with the
 * ancestors that matter as flags.
 */
function needsParse5(tree: Root): boolean {
	const needs = (node: RootContent, inLink: boolean, inParagraph: boolean): boolean => {
		// Raw HTML already written as parsed (a drawn diagram) is left as it is.
		if (node.type === 'raw') return !isRawAsParsed(node);
		if (node.type !== 'element') return false;
		if ((inLink && node.tagName === 'a') || (inParagraph && closesParagraph.has(node.tagName)))
			return true;
		const link = inLink || node.tagName === 'a';
		const paragraph = node.tagName === 'p' || (inParagraph && node.tagName !== 'svg');
		return node.children.some((child) => needs(child, link, paragraph));
	};
	return tree.children.some((child) => needs(child, false, false));
}

/** Elements after whose start tag the HTML parser drops a newline, if one comes next. */
const newlineDropping = new Set(['pre', 'textarea', 'listing']);
/** Elements the round trip gives no end tag (`hast-util-raw`), so they do not end the above. */
const voidElements = new Set(htmlVoidElements);

/**
 * What the parse5 round trip changes on a tree that does not need it (`needsParse5`), done in place:
 * - An attribute that is not boolean reads back as `""` where a plugin wrote `true`
 *   (`data-footnotes`, `data-pagefind-ignore`).
 * - The first text after `<pre>`, `<textarea>` or `<listing>` loses a leading newline, also
 *   inside a `<code>` in between: hast-util-raw hands parse5 start tags that do not end its
 *   "skip the next newline" state, which only text, a comment or an end tag ends.
 */
function likeParse5(tree: Root): void {
	let dropNewline = false;
	const visit = (node: RootContent, inSvg: boolean): void => {
		if (node.type === 'text') {
			// An empty text is no token at all: the parser never sees it.
			if (node.value === '') return;
			if (dropNewline && node.value.startsWith('\n')) node.value = node.value.slice(1);
			dropNewline = false;
		} else if (node.type === 'comment') {
			dropNewline = false;
		} else if (node.type === 'element') {
			const inSvgHere = inSvg || node.tagName === 'svg';
			booleansAsParsed(node, inSvgHere);
			if (newlineDropping.has(node.tagName)) dropNewline = true;
			for (const child of node.children)
				visit(child, inSvgHere && node.tagName !== 'foreignObject');
			if (inSvgHere || !voidElements.has(node.tagName)) dropNewline = false;
		}
	};
	for (const child of tree.children) visit(child, false);
}

function booleansAsParsed(node: Element, inSvg: boolean): void {
	for (const [key, value] of Object.entries(node.properties)) {
		if (value !== true) continue;
		const info = find(inSvg ? svg : html, key);
		if (!info.boolean && !info.overloadedBoolean) node.properties[key] = '';
	}
}

import { rehypeHeadingIds, remarkCollectImages } from '@astrojs/markdown-remark';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import { runOnParts } from './tree-parts.ts';
import { walkMdast } from './walk-mdast.ts';

// Two of Astro's Markdown steps, run by the site's processor on only the nodes they act on:
// Astro's own code, the same result, without its walks of every node of every page.
// test/site/astro-steps.test.ts compares them with Astro's on generated pages.

type AstroData = { headings?: unknown[]; localImagePaths?: string[]; remoteImagePaths?: string[] };
/** What Astro's plugins return: a transform that changes the tree in place (`runOnParts` refuses a returned tree). */
type InPlace<T> = (tree: T, file: VFile) => unknown;

/**
 * Astro's `rehypeHeadingIds` (the page's headings for Astro, an id for a heading without one) on
 * the page's headings (`runOnParts`), lent in document order, so its slugger counts as before.
 */
export function rehypeHeadingIdsOnHeadings() {
	const astro = rehypeHeadingIds() as InPlace<HastRoot>;
	return (tree: HastRoot, file: VFile): void | Promise<void> =>
		runOnParts(tree, isHeading, (headings) => astro(headings as HastRoot, file));
}

/** Astro reads any tag with an `h` first and a digit 0–6 in it as a heading. */
function isHeading(node: unknown): boolean {
	const { type, tagName } = node as { type: string; tagName?: string };
	return type === 'element' && tagName?.[0] === 'h' && /h[0-6]/.test(tagName);
}

/**
 * Astro's `remarkCollectImages` (the page's image URLs, for its image service) where the page has
 * an image; on a page without one, the empty lists it would set.
 */
export function remarkCollectImagesWhereImages(
	options?: Parameters<typeof remarkCollectImages>[0],
) {
	const astro = remarkCollectImages(options) as InPlace<MdastRoot>;
	return (tree: MdastRoot, file: VFile): void => {
		if (hasImage(tree)) {
			astro(tree, file);
			return;
		}
		if (typeof file.path !== 'string') return;
		const data = (file.data.astro ??= {}) as AstroData;
		data.localImagePaths = [];
		data.remoteImagePaths = [];
	};
}

function hasImage(tree: MdastRoot): boolean {
	let found = false;
	// Once found, every node left is skipped unentered: the walk has no way to stop at once.
	walkMdast(tree, (node) => {
		if (node.type === 'image' || node.type === 'imageReference') found = true;
		return found ? 'skip' : undefined;
	});
	return found;
}

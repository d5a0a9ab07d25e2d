import type { Image, ImageReference, Nodes, Root } from 'mdast';
import { walkMdast } from '../src/lib/walk-mdast.ts';
import type { VFile } from 'vfile';
import { inspectImage, type ImageBounds, type ImageProblem } from '../tree/image-source.ts';
import { pagePathOf } from '../src/markdown/page-path.ts';

/**
 * Replaces each image the site cannot show (missing, outside the tree and unreadable, a broken
 * path) with a placeholder box saying so, before Astro's image step sees it: no image a page asks
 * for ever fails the bundler. Runs before links are rewritten, on the URLs as written; the checks
 * report the same images as findings.
 */
export function remarkImageGuard(options: { root: string; assets: ReadonlySet<string>; bounds: ImageBounds }) {
	const cache = new Map<string, Promise<ImageProblem | undefined>>();
	return async (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		// One walk: a reference may come before its definition, so references are resolved after it.
		const definitionUrls = new Map<string, string>();
		const found: Array<{ node: Image | ImageReference; parent: { children: Nodes[] }; index: number }> = [];
		walkMdast(tree, (node, parent, index) => {
			if (node.type === 'definition' && !definitionUrls.has(node.identifier)) definitionUrls.set(node.identifier, node.url);
			else if ((node.type === 'image' || node.type === 'imageReference') && parent && index !== undefined) found.push({ node, parent, index });
		});
		const images = found.flatMap((image) => {
			const url = image.node.type === 'image' ? image.node.url : definitionUrls.get(image.node.identifier);
			return url === undefined ? [] : [{ ...image, url }];
		});
		for (const { node, url, parent, index } of images) {
			const problem = await inspectImage(options.root, path, url, options.assets, options.bounds, cache);
			if (problem) parent.children[index] = placeholder(url, node.alt ?? '', problem);
		}
	};
}

const labels: Record<ImageProblem['kind'], string> = { missing: 'Image not found', unreadable: 'Image cannot be shown', outside: 'Image not published' };

/** An inline box read as one image ("Image not found: x.png"), styled by `.wm-image-missing`. */
function placeholder(url: string, alt: string, problem: ImageProblem): Nodes {
	const label = `${labels[problem.kind]}: ${url}`;
	return {
		type: 'emphasis',
		data: { hName: 'span', hProperties: { className: ['wm-image-missing'], role: 'img', ariaLabel: alt ? `${label} (${alt})` : label } },
		children: [{ type: 'text', value: `${labels[problem.kind]}: ` }, { type: 'inlineCode', value: url }, ...(alt ? [{ type: 'text' as const, value: ` (${alt})` }] : [])],
	};
}

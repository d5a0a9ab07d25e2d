import type { Image, ImageReference, Nodes, Root } from 'mdast';
import { walkMdast } from '../src/lib/walk-mdast.ts';
import type { VFile } from 'vfile';
import { inspectImage, type ImageProblem } from '../tree/image-source.ts';
import { pagePathOf } from '../src/markdown/page-path.ts';

/**
 * Replaces each image the site cannot show (missing, outside the tree and unreadable, a broken
 * path) with a placeholder box saying so, before Astro's image step sees it: no image a page asks
 * for ever fails the bundler. Runs before links are rewritten, on the URLs as written; the checks
 * report the same images as findings.
 */
export function remarkImageGuard(options: { root: string; assets: ReadonlySet<string> }) {
	const cache = new Map<string, Promise<ImageProblem | undefined>>();
	return async (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		const definitionUrls = new Map<string, string>();
		walkMdast(tree, (node) => void (node.type === 'definition' && !definitionUrls.has(node.identifier) && definitionUrls.set(node.identifier, node.url)));
		const images: Array<{ node: Image | ImageReference; url: string; parent: { children: Nodes[] }; index: number }> = [];
		walkMdast(tree, (node, parent, index) => {
			if (!parent || index === undefined) return;
			const url = node.type === 'image' ? node.url : node.type === 'imageReference' ? definitionUrls.get(node.identifier) : undefined;
			if (url !== undefined) images.push({ node: node as Image | ImageReference, url, parent: parent, index });
		});
		for (const { node, url, parent, index } of images) {
			const problem = await inspectImage(options.root, path, url, options.assets, cache);
			if (problem) parent.children[index] = placeholder(url, node.alt ?? '', problem);
		}
	};
}

/** An inline box read as one image ("Image not found: x.png"), styled by `.wm-image-missing`. */
function placeholder(url: string, alt: string, problem: ImageProblem): Nodes {
	const label = `${problem.kind === 'missing' ? 'Image not found' : 'Image cannot be shown'}: ${url}`;
	return {
		type: 'emphasis',
		data: { hName: 'span', hProperties: { className: ['wm-image-missing'], role: 'img', ariaLabel: alt ? `${label} (${alt})` : label } },
		children: [{ type: 'text', value: `${problem.kind === 'missing' ? 'Image not found' : 'Image cannot be shown'}: ` }, { type: 'inlineCode', value: url }, ...(alt ? [{ type: 'text' as const, value: ` (${alt})` }] : [])],
	};
}

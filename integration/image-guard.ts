import { dirname, join, resolve } from 'node:path';
import type { Definition, Image, ImageReference, Nodes, Parents, Root } from 'mdast';
import type { VFile } from 'vfile';
import { walkMdast } from '../markdown/walk-mdast.ts';
import { imagePlaceholder } from '../markdown/notice-nodes.ts';
import { pagePathOf } from '../markdown/page-path.ts';
import {
	inspectBundledImage,
	inspectImage,
	type ImageBounds,
	type ImageProblem,
} from '../tree/image-source.ts';
import type { LinkVerdict } from './link-verdicts.ts';

interface FoundImage {
	node: Image | ImageReference;
	parent: Parents;
	index: number;
	url: string;
	/** Where the URL is written: the image, or a reference's definition. */
	holder: Image | Definition;
}

/** Every image of a page with the URL it shows (a reference's from its definition, the first of a label as Astro reads it). */
function imagesOf(tree: Root): FoundImage[] {
	// One walk: a reference may come before its definition, so references are resolved after it.
	const definitions = new Map<string, Definition>();
	const found: Array<Omit<FoundImage, 'url' | 'holder'>> = [];
	walkMdast(tree, (node, parent, index) => {
		if (node.type === 'definition' && !definitions.has(node.identifier))
			definitions.set(node.identifier, node);
		else if (
			(node.type === 'image' || node.type === 'imageReference') &&
			parent &&
			index !== undefined
		)
			found.push({ node, parent, index });
	});
	return found.flatMap((image) => {
		const holder =
			image.node.type === 'image' ? image.node : definitions.get(image.node.identifier);
		return holder === undefined ? [] : [{ ...image, url: holder.url, holder }];
	});
}

/**
 * Replaces each image the site cannot show with a placeholder box saying so, on the URLs as
 * written (before links are rewritten): one `internal-links` reports (`verdict`, the rule's own
 * code, so `check` and the site agree), or one `inspectImage` finds missing, unreadable or outside
 * what the site may publish (`bounds`: the repository, and the root alone for an untrusted tree).
 */
export function remarkImageGuard(options: {
	root: string;
	assets: ReadonlySet<string>;
	verdict: LinkVerdict;
	bounds: ImageBounds;
}) {
	const cache = new Map<string, Promise<ImageProblem | undefined>>();
	return async (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		for (const { node, url, parent, index } of imagesOf(tree)) {
			const reported = options.verdict(path, url, 'image');
			// Found by the checks where the site serves it (a MkDocs page's address): shown, from there.
			if (reported?.works) continue;
			const problem = reported
				? ({ kind: 'missing', reason: reported.message } as const)
				: await inspectImage(options.root, path, url, options.assets, options.bounds, cache);
			if (problem)
				(parent.children as Nodes[])[index] = imagePlaceholder(url, node.alt ?? '', problem.kind);
		}
	};
}

/**
 * The last step before Astro collects a page's images (`remarkCollectImages`), on the URLs it
 * will import: each must be a file the bundler can read, wherever the earlier steps sent it, or
 * it becomes a placeholder. With this, no image a page names can fail the bundler: the guard
 * does not depend on every earlier step judging each URL right. The predicate is Astro's own
 * (`@astrojs/markdown-remark` `remark-collect-images.js`): `decodeURI` must succeed, and a URL
 * that parses (remote, `data:`) or starts with `/` is not imported.
 */
export function remarkBundledImageGuard(options: { root: string; bounds: ImageBounds }) {
	// Never a file beyond what the tree may publish, through a symbolic link or a path the earlier steps missed.
	const top =
		options.bounds.trust === 'untrusted'
			? options.root
			: (options.bounds.place?.top ?? options.root);
	const cache = new Map<string, Promise<ImageProblem | undefined>>();
	return async (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		for (const { node, url, parent, index, holder } of imagesOf(tree)) {
			const problem = await bundledImageProblem(join(options.root, path), url, top, cache);
			if (problem)
				(parent.children as Nodes[])[index] = imagePlaceholder(url, node.alt ?? '', problem.kind);
			// The bundler takes only `./` and `../` paths as relative to the page (`.attachments/a.png`,
			// `@img/a.png` would be package names to it): it imports the file judged here.
			else if (!URL.canParse(url) && !url.startsWith('/') && !/^\.\.?\//.test(url))
				holder.url = `./${url}`;
		}
	};
}

async function bundledImageProblem(
	pageFile: string,
	url: string,
	top: string,
	cache: Map<string, Promise<ImageProblem | undefined>>,
): Promise<ImageProblem | undefined> {
	let decoded: string;
	try {
		decoded = decodeURI(url);
	} catch {
		return {
			kind: 'missing',
			reason: `image path \`${url}\`, which is not valid percent-encoding`,
		};
	}
	if (URL.canParse(decoded) || decoded.startsWith('/')) return undefined;
	// The bundler would read `?x` as its own query and `#x` as part of the name.
	if (/[?#]/.test(decoded))
		return {
			kind: 'unreadable',
			reason: `image \`${url}\` outside the tree with a query or fragment, which the bundler cannot read`,
		};
	return inspectBundledImage(resolve(dirname(pageFile), decoded), url, cache, top);
}

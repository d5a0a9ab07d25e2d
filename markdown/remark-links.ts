import type { Definition, Image, ImageReference, LinkReference, Nodes, Parents, Root } from 'mdast';
import { pictureIdentifiers } from './picture-definitions.ts';
import type { VFile } from 'vfile';
import { pagePathOf } from './page-path.ts';
import { fromHtml } from 'hast-util-from-html';
import { readRawHtml } from './html-references.ts';
import { rewriteHref, type RepositoryLinks, type TreeFiles } from './link-target.ts';
import { walkMdast } from './walk-mdast.ts';

/** The part of an MDX JSX attribute this plugin reads (`<img src="a.png" />` in `.mdx`). */
interface JsxAttribute {
	type: string;
	name?: string;
	value?: unknown;
}

/**
 * Rewrites relative links and images the way a forge resolves them: `.md`/`.mdx` to routes (with
 * their `#anchor`), other files of the tree to where the site serves them. Definitions too, so
 * reference-style links and images follow, and URL attributes in raw HTML (`<img src="diagram.png" width=…>`,
 * every `srcset` candidate), found by an HTML parser.
 */
export function remarkLinks(options: {
	root: string;
	base: string;
	files?: TreeFiles;
	repository?: RepositoryLinks;
}) {
	return (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		const rewrite = (href: string, kind?: 'image' | 'source') =>
			rewriteHref(path, href, options.base, options.files, {
				...options.repository,
				...(kind && { kind }),
			});
		// Definitions are rewritten once the walk has seen every reference to them (`pictureIdentifiers`).
		const definitions: Definition[] = [];
		const references: Array<{
			node: ImageReference | LinkReference;
			parent: Parents | undefined;
			index: number | undefined;
		}> = [];
		walkMdast(tree, (node, parent, index) => {
			if (node.type === 'link' || node.type === 'image') {
				node.url = rewrite(node.url, node.type === 'image' ? 'image' : undefined);
			} else if (node.type === 'definition') {
				definitions.push(node);
			} else if (node.type === 'imageReference' || node.type === 'linkReference') {
				references.push({ node, parent, index });
			} else if (
				(node.type as string) === 'mdxJsxFlowElement' ||
				(node.type as string) === 'mdxJsxTextElement'
			) {
				for (const attribute of (node as unknown as { attributes: JsxAttribute[] }).attributes) {
					if (
						attribute.type === 'mdxJsxAttribute' &&
						(attribute.name === 'href' || attribute.name === 'src') &&
						typeof attribute.value === 'string'
					) {
						attribute.value = rewrite(
							attribute.value,
							attribute.name === 'src' ? 'source' : undefined,
						);
					}
				}
			} else if (node.type === 'html') {
				// A file the page shows (`<img src>`, `srcset`) links to its raw bytes on the forge.
				node.value = rewriteRawHtml(node.value, (url, attribute) =>
					rewrite(url, attribute === 'src' || attribute === 'srcset' ? 'source' : undefined),
				);
			}
		});
		const pictures = pictureIdentifiers(
			references.map(({ node }) => ({
				identifier: node.identifier,
				kind: node.type === 'imageReference' ? 'image' : 'link',
			})),
		);
		const byIdentifier = new Map<string, Definition>();
		for (const definition of definitions)
			if (!byIdentifier.has(definition.identifier))
				byIdentifier.set(definition.identifier, definition);
		// A picture behind a definition links use too (`[![x][d]][d]`, a picture that opens itself): an image of its own.
		for (const { node, parent, index } of references) {
			const definition = byIdentifier.get(node.identifier);
			if (
				node.type !== 'imageReference' ||
				!definition ||
				pictures.has(node.identifier) ||
				!parent ||
				index === undefined
			)
				continue;
			const image: Image = {
				type: 'image',
				url: rewrite(definition.url, 'image'),
				title: definition.title ?? null,
				alt: node.alt ?? null,
				...(node.position && { position: node.position }),
			};
			(parent.children as Nodes[])[index] = image;
		}
		for (const definition of definitions)
			definition.url = rewrite(
				definition.url,
				pictures.has(definition.identifier) ? 'image' : undefined,
			);
	};
}

/** `html` with every URL attribute value rewritten, the rest byte for byte as written. */
function rewriteRawHtml(html: string, rewrite: (url: string, attribute: string) => string): string {
	let out = html;
	// From the end, so earlier spans keep their offsets.
	for (const link of readRawHtml(html, fromHtml).links.reverse()) {
		let value = link.value;
		for (const { url, at } of [...link.urls].reverse())
			value = value.slice(0, at) + rewrite(url, link.attribute) + value.slice(at + url.length);
		if (value === link.value) continue;
		const quoted = html[link.valueStart - 1] === '"' || html[link.valueStart - 1] === "'";
		const escaped = value
			.replaceAll('&', '&amp;')
			.replaceAll('"', '&quot;')
			.replaceAll("'", '&#39;');
		out =
			out.slice(0, link.valueStart) +
			(quoted ? escaped : `"${escaped}"`) +
			out.slice(link.valueEnd);
	}
	return out;
}

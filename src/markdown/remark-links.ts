import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { pagePathOf } from './page-path.ts';
import { rewriteHref, type RepositoryLinks, type TreeFiles } from './link-target.ts';

/** The part of an MDX JSX attribute this plugin reads (`<img src="a.png" />` in `.mdx`). */
interface JsxAttribute {
	type: string;
	name?: string;
	value?: unknown;
}

const htmlUrl = /\b(href|src)=(["'])([^"']*)\2/gi;

/**
 * Rewrites relative links and images the way a forge resolves them: `.md`/`.mdx` to routes (with
 * their `#anchor`), other files of the tree to where the site serves them. Definitions too, so
 * reference-style links follow, and `href`/`src` in raw HTML (`<img src="diagram.png" width=…>`).
 */
export function remarkLinks(options: { root: string; base: string; files?: TreeFiles; repository?: RepositoryLinks }) {
	return (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		const rewrite = (href: string, kind?: 'image' | 'source') => rewriteHref(path, href, options.base, options.files, { ...options.repository, ...(kind && { kind }) });
		visit(tree, (node) => {
			if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
				node.url = rewrite(node.url, node.type === 'image' ? 'image' : undefined);
			} else if ((node.type as string) === 'mdxJsxFlowElement' || (node.type as string) === 'mdxJsxTextElement') {
				for (const attribute of (node as unknown as { attributes: JsxAttribute[] }).attributes) {
					if (attribute.type === 'mdxJsxAttribute' && (attribute.name === 'href' || attribute.name === 'src') && typeof attribute.value === 'string') {
						attribute.value = rewrite(attribute.value, attribute.name === 'src' ? 'source' : undefined);
					}
				}
			} else if (node.type === 'html') {
				node.value = node.value.replace(htmlUrl, (_match, name: string, quote: string, url: string) => `${name}=${quote}${rewrite(url, name.toLowerCase() === 'src' ? 'source' : undefined)}${quote}`);
			}
		});
	};
}

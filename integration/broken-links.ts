import type { Definition, Link, LinkReference, Root } from 'mdast';
import type { VFile } from 'vfile';
import { fromHtml } from 'hast-util-from-html';
import { readRawHtml } from '../markdown/html-references.ts';
import { walkMdast } from '../markdown/walk-mdast.ts';
import { brokenAttribute } from '../markdown/rehype-broken-links.ts';
import { pagePathOf } from '../markdown/page-path.ts';
import type { LinkVerdict } from './link-verdicts.ts';

/**
 * Notes on each link `internal-links` reports as an error why it is broken (a missing page, file
 * or heading, a name that differs in case, a path leaving the root), for `rehypeBrokenLinks` to
 * mark where it stands: Markdown links (a reference by its definition's URL) and the URL
 * attributes of raw HTML (`<a href>`, `<img src>`). Judged by the rule's own code on the URL as
 * written, before links are rewritten, so the page and `waymark check` give the same answer. A
 * warning (a link that works on the forge) is not marked.
 */
export function remarkBrokenLinks(options: { root: string; verdict: LinkVerdict }) {
	return (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root);
		if (path === undefined) return;
		const reasonFor = (url: string): string | undefined => {
			const problem = options.verdict(path, url, 'file');
			return problem && problem.severity !== 'warning' ? problem.message : undefined;
		};
		const definitions = new Map<string, Definition>();
		const links: Array<Link | LinkReference> = [];
		walkMdast(tree, (node) => {
			if (node.type === 'definition' && !definitions.has(node.identifier))
				definitions.set(node.identifier, node);
			else if (node.type === 'link' || node.type === 'linkReference') links.push(node);
			else if (node.type === 'html') node.value = withBrokenAttributes(node.value, reasonFor);
		});
		for (const link of links) {
			const url = link.type === 'link' ? link.url : definitions.get(link.identifier)?.url;
			const reason = url === undefined ? undefined : reasonFor(url);
			if (reason !== undefined)
				link.data = {
					...link.data,
					hProperties: { ...link.data?.hProperties, [brokenAttribute.property]: reason },
				};
		}
	};
}

/** `html` with the reason on each element whose URL attribute is broken, the rest byte for byte as written. */
function withBrokenAttributes(
	html: string,
	reasonFor: (url: string) => string | undefined,
): string {
	let out = html;
	// From the end, so earlier offsets hold.
	for (const link of readRawHtml(html, fromHtml).links.sort(
		(a, b) => b.attributeStart - a.attributeStart,
	)) {
		const reason = link.urls.map(({ url }) => reasonFor(url)).find((found) => found !== undefined);
		if (reason === undefined) continue;
		const escaped = reason
			.replaceAll('&', '&amp;')
			.replaceAll('"', '&quot;')
			.replaceAll('<', '&lt;');
		out = `${out.slice(0, link.attributeStart)}${brokenAttribute.name}="${escaped}" ${out.slice(link.attributeStart)}`;
	}
	return out;
}

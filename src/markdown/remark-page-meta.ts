import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { headingText, splitExplicitId } from '../lib/anchors.ts';
import { findBreadcrumbLine } from '../lib/breadcrumb-line.ts';
import { findHeaderBlock, type HeaderLink } from '../lib/header-block.ts';
import type { PageMeta } from '../lib/page-meta.ts';
import { astroFrontmatter, pagePathOf } from './page-path.ts';
import { rewriteHref, type TreeFiles } from './link-target.ts';

/**
 * Lifts what the page header shows out of the Markdown body: the hand-written breadcrumb line
 * (the site draws its own trail), the `> **Status:**` header block and the leading H1 (the page
 * header shows the title). Their content reaches the page as `remarkPluginFrontmatter.waymark`.
 */
export function remarkPageMeta(options: { root: string; base: string; files?: TreeFiles }) {
	return (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root) ?? '';
		const meta: PageMeta = {};
		const breadcrumb = findBreadcrumbLine(tree);
		if (breadcrumb) remove(tree, breadcrumb.node);
		const header = findHeaderBlock(tree);
		if (header) {
			const links = (list: HeaderLink[]) => list.map((link) => ({ text: link.text, href: rewriteHref(path, link.url, options.base, options.files) }));
			meta.header = {
				...(header.status && { status: header.status }),
				...(header.statusLabel && { statusLabel: header.statusLabel }),
				...(header.lastUpdated && { lastUpdated: header.lastUpdated }),
				...(header.owner && { owner: header.owner }),
				upstream: links(header.upstream),
				downstream: links(header.downstream),
				related: links(header.related),
				extra: header.extra,
			};
			remove(tree, header.node);
		}
		const first = tree.children.find((node) => node.type !== 'yaml' && node.type !== 'html' && !isImport(node));
		if (first?.type === 'heading' && first.depth === 1) {
			meta.h1 = splitExplicitId(headingText(first)).text.trim();
			const id = first.data?.hProperties?.['id'];
			if (typeof id === 'string') meta.h1Id = id;
			remove(tree, first);
		}
		astroFrontmatter(file)['waymark'] = meta;
	};
}

function isImport(node: Root['children'][number]): boolean {
	return (node.type as string) === 'mdxjsEsm';
}

function remove(tree: Root, node: Root['children'][number]): void {
	const index = tree.children.indexOf(node);
	if (index !== -1) tree.children.splice(index, 1);
}

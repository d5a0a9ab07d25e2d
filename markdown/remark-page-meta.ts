import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { findBreadcrumbLine } from './breadcrumb-line.ts';
import { findHeaderBlock, type HeaderLink } from './header-block.ts';
import type { PageMeta } from './page-meta.ts';
import { firstH1, headingTitle } from './page-title.ts';
import { astroFrontmatter, pagePathOf, tabTitleOf } from './page-path.ts';
import { rewriteHref, type RepositoryLinks, type TreeFiles } from './link-target.ts';

/**
 * Lifts what the page header shows out of the Markdown body: the hand-written breadcrumb line
 * (the site draws its own trail), the `> **Status:**` header block and the first H1 wherever it
 * stands (the page header shows it, once). Their content reaches the page as
 * `remarkPluginFrontmatter.waymark`.
 */
export function remarkPageMeta(options: {
	root: string;
	base: string;
	files?: TreeFiles;
	repository?: RepositoryLinks;
}) {
	return (tree: Root, file: VFile) => {
		const path = pagePathOf(file, options.root) ?? '';
		const meta: PageMeta = {};
		const breadcrumb = findBreadcrumbLine(tree);
		if (breadcrumb) remove(tree, breadcrumb.node);
		const header = findHeaderBlock(tree);
		if (header) {
			const links = (list: HeaderLink[]) =>
				list.map((link) => ({
					text: link.text,
					href: rewriteHref(path, link.url, options.base, options.files, options.repository),
				}));
			meta.header = {
				...(header.status && { status: header.status }),
				...(header.statusLabel && { statusLabel: header.statusLabel }),
				...(header.lastUpdated && { lastUpdated: header.lastUpdated }),
				...(header.owner && { owner: header.owner }),
				...(header.reviewed && { reviewed: header.reviewed }),
				upstream: links(header.upstream),
				downstream: links(header.downstream),
				related: links(header.related),
				extra: header.extra,
			};
			remove(tree, header.node);
		}
		const h1 = firstH1(tree);
		if (h1) {
			meta.h1 = headingTitle(h1);
			const id = h1.data?.hProperties?.['id'];
			if (typeof id === 'string') meta.h1Id = id;
			remove(tree, h1);
		}
		const tabTitle = tabTitleOf(file);
		if (tabTitle !== undefined) meta.tabTitle = tabTitle;
		// The page shows one <h1>, its title; later H1s read as the sections they are.
		for (const node of tree.children)
			if (node.type === 'heading' && node.depth === 1) node.depth = 2;
		astroFrontmatter(file)['waymark'] = meta;
	};
}

function remove(tree: Root, node: Root['children'][number]): void {
	const index = tree.children.indexOf(node);
	if (index !== -1) tree.children.splice(index, 1);
}

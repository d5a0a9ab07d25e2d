import type { GuidebookTree } from '../tree/load-tree.ts';
import type { IndexedPage, SiteIndex } from '../src/lib/site-index.ts';
import { waymarkFrontmatter } from '../tree/tool-frontmatter.ts';
import { pageStatus } from '../src/lib/page-meta.ts';

/** Titles, statuses and descriptions of every page, for navigation; built once from the parsed tree. */
export function buildSiteIndex(tree: GuidebookTree, gitDates: Map<string, string>): SiteIndex {
	const pages: IndexedPage[] = [];
	for (const page of tree.pages.values()) {
		if (tree.unpublished.has(page.path)) continue;
		const data = waymarkFrontmatter(page.frontmatter);
		const { status, statusLabel } = pageStatus(data.status, page.headerBlock);
		// MkDocs titles a page with its own `nav` title, mdBook with its summary's link text; front
		// matter's `title` first (`resolvePageHeader`).
		const navTitle = page.nav?.titled && data.title === undefined ? page.nav.label : undefined;
		const navNamed = navTitle !== undefined && navTitle !== page.title;
		pages.push({
			path: page.path,
			route: page.route,
			title: navNamed ? navTitle : page.title,
			...(navNamed && { namedByNav: true as const }),
			...(data.description && { description: data.description }),
			...(status && { status }),
			...(statusLabel && { statusLabel }),
			...(page.nav?.order !== undefined && { order: page.nav.order }),
			...(page.nav?.label && { navTitle: page.nav.label }),
			...(page.nav?.hidden && { hidden: true }),
			...(page.nav?.sortKey !== undefined && { sortKey: page.nav.sortKey }),
		});
	}
	for (const folder of tree.generatedFolders.values()) {
		pages.push({
			path: `${folder.path}/index.md`,
			route: folder.route,
			title: folder.title,
			...(folder.description && { description: folder.description }),
			...(folder.order !== undefined && { order: folder.order }),
			...(folder.sortKey !== undefined && { sortKey: folder.sortKey }),
			generated: { files: folder.files },
		});
	}
	return { pages, gitDates: Object.fromEntries(gitDates), dialect: tree.dialect.name, ...(tree.menus && tree.menus.length > 0 && { menus: tree.menus }) };
}

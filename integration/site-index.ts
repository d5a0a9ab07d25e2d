import type { GuidebookTree } from '../tree/load-tree.ts';
import type { IndexedPage, SiteIndex } from '../markdown/site-index.ts';
import { waymarkFrontmatter } from '../tree/tool-frontmatter.ts';
import { pageStatus } from '../markdown/page-meta.ts';
import { relationHrefs } from '../tree/parse-page.ts';
import { treeReading } from '../tools/index.ts';
import type { LinkRules } from '../markdown/site-tool.ts';

/** Titles, statuses and descriptions of every page, for navigation; built once from the parsed tree. */
export function buildSiteIndex(
	tree: GuidebookTree,
	gitDates: ReadonlyMap<string, string>,
): SiteIndex {
	const pages: IndexedPage[] = [];
	const reading = treeReading(tree);
	const files = { pages: new Set(tree.files.pages), assets: new Set<string>(), place: tree.place };
	for (const page of tree.pages.values()) {
		if (tree.unpublished.has(page.path)) continue;
		const data = waymarkFrontmatter(page.frontmatter);
		const { status, statusLabel } = pageStatus(data.status, page.headerBlock);
		// MkDocs titles a page with its own `nav` title, mdBook with its summary's link text; front
		// matter's `title` first (`resolvePageHeader`).
		const navTitle = page.nav?.titled && data.title === undefined ? page.nav.label : undefined;
		const navNamed = navTitle !== undefined && navTitle !== page.title;
		const hrefs = relationHrefsAsRead(
			page.path,
			relationHrefs(page.frontmatter?.data),
			reading.links.written,
			files,
		);
		pages.push({
			path: page.path,
			route: page.route,
			...(reading.isFolderPage(page.path) && { folderPage: true as const }),
			...(hrefs && { hrefs }),
			title: navNamed ? navTitle : page.title,
			...(navNamed && { namedByNav: true as const }),
			...(data.description && { description: data.description }),
			...(status && { status }),
			...(statusLabel && { statusLabel }),
			...(page.nav?.order !== undefined && { order: page.nav.order }),
			...(page.nav?.label && { navTitle: page.nav.label }),
			...(page.nav?.hidden && { hidden: true }),
			...(page.nav?.sortKey !== undefined && { sortKey: page.nav.sortKey }),
			...(page.nav?.parent !== undefined && { parent: page.nav.parent }),
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
			folderPage: true,
			generated: { files: folder.files },
		});
	}
	return {
		pages,
		gitDates: Object.fromEntries(gitDates),
		...(tree.menus && tree.menus.length > 0 && { menus: tree.menus }),
	};
}

/** The relation hrefs the tree's tool reads otherwise (`LinkRules.written`), as it reads them; none when it reads each as written. */
function relationHrefsAsRead(
	path: string,
	hrefs: string[],
	written: LinkRules['written'],
	files: Parameters<NonNullable<LinkRules['written']>>[2],
): Record<string, string> | undefined {
	if (!written) return undefined;
	const read = hrefs.flatMap((href) => {
		const asRead = written(path, href, files);
		return asRead === href ? [] : [[href, asRead] as const];
	});
	return read.length > 0 ? Object.fromEntries(read) : undefined;
}

import { routeForPath } from '../src/lib/routes.ts';
import type { TreeFiles } from '../src/markdown/link-target.ts';
import type { GuidebookTree } from './load-tree.ts';

/** What the site's Markdown plugins need of a tree: its files, its dialect, moved routes, Hugo params and heading ids, the tool's static files, Docusaurus's, Hugo's and mdBook's link rules and what MkDocs and mdBook pages pull in. */
export function siteFilesOf(tree: GuidebookTree): TreeFiles {
	const routes = new Map<string, string>();
	for (const page of tree.pages.values()) if (page.route !== routeForPath(page.path, tree.dialect.name)) routes.set(page.path, page.route);
	return {
		pages: new Set(tree.files.pages),
		assets: new Set(tree.files.assets),
		folders: new Set(tree.files.folders),
		dialect: tree.dialect.name,
		...(routes.size > 0 && { routes }),
		...(tree.hugoParams && { params: tree.hugoParams }),
		...(tree.gitlabDocs && { gitlabDocs: true }),
		...(tree.headingIds && { headingIds: tree.headingIds }),
		...(tree.staticFiles && { staticFiles: tree.staticFiles.files }),
		...(tree.docusaurus && { docusaurus: tree.docusaurus }),
		...(tree.hugoLinks && { hugoLinks: tree.hugoLinks }),
		...(tree.mdbook && { mdbook: true }),
		...(tree.mkdocs && { mkdocs: tree.mkdocs }),
		...(tree.mdbookIncludes && { mdbookIncludes: tree.mdbookIncludes }),
	};
}

import { routeForPath } from '../src/lib/routes.ts';
import type { TreeFiles } from '../markdown/link-target.ts';
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
		...(tree.definitionLists && { definitionLists: true }),
		...(tree.staticFiles && { staticFiles: tree.staticFiles.files }),
		...(tree.docusaurus && { docusaurus: tree.docusaurus }),
		...(tree.hugoLinks && { hugoLinks: tree.hugoLinks }),
		...(tree.mdbook && { mdbook: true }),
		...(tree.mkdocs && { mkdocs: withUnlisted(tree.mkdocs, ['snippets', 'includes', 'markdownIncludes', 'icons', 'pageBudget']) }),
		...(tree.mdbookIncludes && { mdbookIncludes: withUnlisted(tree.mdbookIncludes, ['files', 'pageBudget']) }),
	};
}

/**
 * `record` with `keys` kept but not listed: Astro's content store is cleared whole when its config
 * digest changes, and the digest reads the listed keys of the Markdown plugins' options. What pages
 * pull in is each page's own (its entry's digest covers it, `live-pulls.ts`), so a changed snippet
 * renders the pages that pull it in, not every page. The objects stay the record's own:
 * `waymark dev` puts new answers into them.
 */
function withUnlisted<T extends object>(record: T, keys: ReadonlyArray<keyof T>): T {
	const shown = { ...record };
	for (const key of keys) if (key in record) Object.defineProperty(shown, key, { value: record[key], enumerable: false, writable: true });
	return shown;
}

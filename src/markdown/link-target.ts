import type { Dialect } from '../lib/dialect.ts';
import { hrefForRoute, isFolderPage, isPageFile, resolveRelativeHref, routeForPath, safeDecode } from '../lib/routes.ts';

/** What the plugins know of the tree: which relative paths are pages, assets and folders, and how it is written. */
export interface TreeFiles {
	pages: ReadonlySet<string>;
	assets: ReadonlySet<string>;
	folders: ReadonlySet<string>;
	/** @default 'github' */
	dialect?: Dialect;
	/** Pages whose route is not the one their path gives (Docusaurus `slug`). */
	routes?: ReadonlyMap<string, string>;
	/** Hugo: the site config's `params`, for `{{< param >}}`. */
	params?: Readonly<Record<string, unknown>>;
}

/** The route of a page of the tree: its `slug` route, else the one its path gives in the dialect. */
function routeOfPage(path: string, files?: TreeFiles): string {
	return files?.routes?.get(path) ?? routeForPath(path, files?.dialect);
}

/**
 * The served href of a relative link written in `fromPath`, the way a forge resolves it:
 * `ops.md#restore` → `/erp/ops/#restore`, `checklist.txt` → `/erp/checklist.txt`, a folder with a
 * README → its route. External, site-absolute and same-page (`#x`) hrefs come back unchanged.
 */
export function rewriteHref(fromPath: string, href: string, base: string, files?: TreeFiles): string {
	if (href === '' || href.startsWith('#')) return href.startsWith('#') ? encodeHash(safeDecode(href.slice(1))) : href;
	const resolved = resolveRelativeHref(fromPath, href);
	if (!resolved || resolved.escapesRoot) return href;
	const hash = resolved.hash ? encodeHash(resolved.hash) : '';
	if (isPageFile(resolved.path)) return hrefForRoute(routeOfPage(resolved.path, files), base) + hash;
	if (files?.assets.has(resolved.path)) return hrefForRoute(`/${resolved.path}`, base) + hash;
	const folder = resolved.path;
	if (folder === '' || files?.folders.has(folder)) {
		const page = folderPage(folder, files);
		if (page) return hrefForRoute(routeOfPage(page, files), base) + hash;
		return hrefForRoute(folder === '' ? '/' : `/${folder}/`, base) + hash;
	}
	// Unknown target: serve it where the forge would (the checks report it as broken).
	return hrefForRoute(`/${resolved.path}`, base) + hash;
}

function folderPage(folder: string, files?: TreeFiles): string | undefined {
	const prefix = folder === '' ? '' : `${folder}/`;
	for (const name of ['README.md', 'readme.md', 'index.md', 'index.mdx', 'README.mdx', '_index.md', 'index.html.md']) {
		if (files?.pages.has(prefix + name) && isFolderPage(prefix + name, files.dialect)) return prefix + name;
	}
	return undefined;
}

function encodeHash(hash: string): string {
	return `#${encodeURIComponent(hash)}`;
}

import { generatedRouteOf, hrefForRoute, isPageFile, resolveRelativeHref, routeForPath, safeDecode } from '../lib/routes.ts';

/** What the plugins know of the tree: which relative paths are pages, assets and folders. */
export interface TreeFiles {
	pages: ReadonlySet<string>;
	assets: ReadonlySet<string>;
	folders: ReadonlySet<string>;
}

/**
 * The served href of a link written in `fromPath`, the way a forge resolves it:
 * `ops.md#restore` → `/erp/ops/#restore`, `checklist.txt` → `/erp/checklist.txt`, a folder with a
 * README → its route; a root-absolute `/erp/ops.md` resolves from the tree's root the same way,
 * and `/status/` is the site's own status page. External and same-page (`#x`) hrefs come back
 * unchanged.
 */
export function rewriteHref(fromPath: string, href: string, base: string, files?: TreeFiles): string {
	if (href === '' || href.startsWith('#')) return href.startsWith('#') ? encodeHash(safeDecode(href.slice(1))) : href;
	const resolved = resolveRelativeHref(fromPath, href);
	if (!resolved || resolved.escapesRoot) return href;
	const hash = resolved.hash ? encodeHash(resolved.hash) : '';
	const generated = generatedRouteOf(href);
	if (generated) return hrefForRoute(generated, base) + hash;
	if (isPageFile(resolved.path)) return hrefForRoute(routeForPath(resolved.path), base) + hash;
	if (files?.assets.has(resolved.path)) return hrefForRoute(`/${resolved.path}`, base) + hash;
	const folder = resolved.path;
	if (folder === '' || files?.folders.has(folder)) {
		const page = folderPage(folder, files);
		if (page) return hrefForRoute(routeForPath(page), base) + hash;
		return hrefForRoute(folder === '' ? '/' : `/${folder}/`, base) + hash;
	}
	// Unknown target: serve it where the forge would (the checks report it as broken).
	return hrefForRoute(`/${resolved.path}`, base) + hash;
}

function folderPage(folder: string, files?: TreeFiles): string | undefined {
	const prefix = folder === '' ? '' : `${folder}/`;
	for (const name of ['README.md', 'readme.md', 'index.md', 'index.mdx', 'README.mdx']) {
		if (files?.pages.has(prefix + name)) return prefix + name;
	}
	return undefined;
}

function encodeHash(hash: string): string {
	return `#${encodeURIComponent(hash)}`;
}

import { isFolderPage, routeForPath } from '../../markdown/routes.ts';

/**
 * Hugo's folder pages are its bundles' index files only (gohugo.io "Page bundles": `_index.md` a
 * branch bundle's, `index.md` a leaf bundle's); `README.md` is an ordinary page there
 * (`api/README.md` → `/api/readme/`), beside the section's `_index.md` or not.
 */
const folderPageNames: ReadonlySet<string> = new Set(['index', '_index']);

export function isHugoFolderPage(path: string): boolean {
	return isFolderPage(path, folderPageNames);
}

/** The route Hugo gives a page by its path under `content/`: `docs/_index.md` → `/docs/`, `docs/backup.md` → `/docs/backup/`. */
export function hugoRouteForPath(path: string): string {
	return routeForPath(path, isHugoFolderPage(path));
}

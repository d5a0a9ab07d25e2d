/**
 * Names the site never publishes, wherever they are in the tree: dot names (`.git`, `.github/`,
 * `.gitlab-ci.yml`, `.env`, drafts such as `.notes.md`) and build or dependency folders. The tree
 * walk skips them (`tree/walk-files.ts`); a link into them is to a repository file the forge shows
 * (`forge-links.ts`). Pure, like `routes.ts`: the checks and the site's link rewriting share it.
 */
const skippedFolders = new Set(['node_modules', 'dist']);

/** True for a file or folder name the walk skips. */
export function isSkippedName(name: string): boolean {
	return name.startsWith('.') || skippedFolders.has(name);
}

/** True for a path (relative to the root, `/`-separated, normalised) through a name the walk skips. */
export function isUnpublishedPath(path: string): boolean {
	return path.split('/').some((segment) => segment !== '' && isSkippedName(segment));
}

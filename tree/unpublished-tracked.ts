import { listWorkTreeFiles } from '../core/git-changes.ts';
import { isUnpublishedPath } from '../markdown/unpublished-names.ts';
import type { RootLocation } from './repository.ts';

/** A repository path (from its top) and whether it is a file or a folder above one. */
export type TrackedEntries = ReadonlyMap<string, 'file' | 'folder'>;

/**
 * The files of the root that git tracks or would track (not ignored), as paths from the
 * repository's top, each ending in `\0` as git printed them: one `git ls-files`, read with the
 * tree. Kept on the tree (`gitFiles`) as that one string rather than a string per path (a root at
 * the top of a large repository holds hundreds of thousands): the cited-changes judgement compares
 * the same listing with HEAD rather than asking git again. `undefined` outside git or when git
 * cannot list.
 */
export async function listRootFiles(place: RootLocation | undefined): Promise<string | undefined> {
	if (!place?.inRepository || !place.repository) return undefined;
	try {
		return await listWorkTreeFiles(place.repository, [rootPathspec(place.rootPath)]);
	} catch {
		return undefined;
	}
}

/** The pathspec of the root's files for git, from the repository's top. */
function rootPathspec(rootPath: string): string {
	return rootPath === '' ? '.' : `:(literal)${rootPath}/`;
}

/**
 * Of the root's files (`listRootFiles`), those through a name the site never publishes
 * (`.github/workflows/ci.yml`, `.gitlab-ci.yml`), with the folders above them, as paths from the
 * repository's top: what a link into such a place reaches on the forge. An ignored file (`dist/`,
 * `.env.local`) is on disk but not on the forge, so a link to it is missing. `undefined` outside
 * git or when git cannot list, and the checks look on disk.
 */
export function trackedUnpublished(
	place: RootLocation | undefined,
	listing: string | undefined,
): TrackedEntries | undefined {
	if (!place || listing === undefined) return undefined;
	const prefix = place.rootPath === '' ? '' : `${place.rootPath}/`;
	const entries = new Map<string, 'file' | 'folder'>();
	for (const path of listing.split('\0')) {
		if (!path.startsWith(prefix) || !isUnpublishedPath(path.slice(prefix.length))) continue;
		entries.set(path, 'file');
		for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1))
			entries.set(path.slice(0, at), 'folder');
	}
	return entries;
}

import { git } from '../core/git.ts';
import { isUnpublishedPath } from '../markdown/unpublished-names.ts';
import type { RootLocation } from './repository.ts';

/** A repository path (from its top) and whether it is a file or a folder above one. */
export type TrackedEntries = ReadonlyMap<string, 'file' | 'folder'>;

/**
 * The files of the root that git tracks or would track (not ignored) through a name the site never
 * publishes (`.github/workflows/ci.yml`, `.gitlab-ci.yml`), with the folders above them, as paths
 * from the repository's top: what a link into such a place reaches on the forge. An ignored file
 * (`dist/`, `.env.local`) is on disk but not on the forge, so a link to it is missing. One
 * `git ls-files`; `undefined` outside git or when git cannot list, and the checks look on disk.
 */
export async function trackedUnpublished(
	place: RootLocation | undefined,
): Promise<TrackedEntries | undefined> {
	if (!place?.inRepository || !place.repository) return undefined;
	const prefix = place.rootPath === '' ? '' : `${place.rootPath}/`;
	let listing: string;
	try {
		listing = await git(place.repository, [
			'ls-files',
			'-z',
			'--cached',
			'--others',
			'--exclude-standard',
			'--',
			prefix ? `:(literal)${prefix}` : '.',
		]);
	} catch {
		return undefined;
	}
	const entries = new Map<string, 'file' | 'folder'>();
	for (const path of listing.split('\0')) {
		if (!path.startsWith(prefix) || !isUnpublishedPath(path.slice(prefix.length))) continue;
		entries.set(path, 'file');
		for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1))
			entries.set(path.slice(0, at), 'folder');
	}
	return entries;
}

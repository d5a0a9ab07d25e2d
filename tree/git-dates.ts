import { git, unquotePath } from '../core/git.ts';
import type { RootLocation } from './repository.ts';

/**
 * The last commit date (ISO 8601) of every file under the root that git knows, from one
 * `git log` over the whole tree instead of one process per page, keyed by the path relative to
 * the root. Empty outside a git work tree or without git; a page without a date simply shows none.
 */
export async function readLastCommitDates(place: RootLocation | undefined): Promise<Map<string, string>> {
	const dates = new Map<string, string>();
	if (!place?.repository) return dates;
	const prefix = place.rootPath === '' ? '' : `${place.rootPath}/`;
	let stdout: string;
	try {
		stdout = await git(place.repository, ['log', '--format=%x00%cI', '--name-only', '--no-renames', '--end-of-options', 'HEAD', '--', prefix ? `:(literal)${prefix}` : '.']);
	} catch {
		return dates;
	}
	// Newest commit first, so the first date seen for a path is its last change.
	for (const chunk of stdout.split('\0')) {
		const [date, ...files] = chunk.split('\n');
		if (!date) continue;
		for (const file of files) {
			const path = file && unquotePath(file);
			if (!path?.startsWith(prefix)) continue;
			const inRoot = path.slice(prefix.length);
			if (!dates.has(inRoot)) dates.set(inRoot, date.trim());
		}
	}
	return dates;
}

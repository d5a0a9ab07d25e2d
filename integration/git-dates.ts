import { git, unquotePath } from '../core/git.ts';

/**
 * The last commit date (ISO 8601) of every file under `root` that git knows, from one
 * `git log` over the whole tree instead of one process per page. Empty when `root` is not in a
 * git work tree or git is missing; a page without a date simply shows none.
 */
export async function readLastCommitDates(root: string): Promise<Map<string, string>> {
	const dates = new Map<string, string>();
	let stdout: string;
	try {
		stdout = await git(root, ['log', '--format=%x00%cI', '--name-only', '--relative', '--no-renames', '--', '.']);
	} catch {
		return dates;
	}
	// Newest commit first, so the first date seen for a path is its last change.
	for (const chunk of stdout.split('\0')) {
		const [date, ...files] = chunk.split('\n');
		if (!date) continue;
		for (const file of files) {
			const path = file && unquotePath(file);
			if (path && !dates.has(path)) dates.set(path, date.trim());
		}
	}
	return dates;
}

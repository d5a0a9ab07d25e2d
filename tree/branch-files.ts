import { git } from '../core/git.ts';
import type { RootLocation } from './repository.ts';
import type { GuidebookFiles } from './walk-files.ts';

/**
 * What an untrusted build (a branch under review) may show of the files on the machine: a page
 * links or shows a file, and a committed symbolic link leads to one, so a branch could name what
 * the runner holds beside its checkout (a key an earlier CI step wrote, a git-ignored build
 * output). Left out, and reported at their place:
 * - a file git ignores, however a page reaches it;
 * - a symbolic link, of a page, a file or a folder, that leads to anything git does not track
 *   (`GuidebookFiles.linked`): the branch holds the link, not what it leads to.
 * Files the author has not committed yet and git does not ignore stay, so a preview of work in
 * progress shows it. One `git ls-files`; outside git, or where git holds no file of the root yet,
 * nothing changes.
 */
export async function keepBranchFiles(files: GuidebookFiles, place: RootLocation | undefined): Promise<void> {
	if (!place?.inRepository || !place.repository) return;
	const prefix = place.rootPath === '' ? '' : `${place.rootPath}/`;
	let listing: string;
	try {
		// `-t`: `H ` before a tracked file, `? ` before one git would track (not ignored).
		listing = await git(place.repository, ['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard', '--', prefix ? `:(literal)${prefix}` : '.']);
	} catch {
		// Held to nothing it can list, the build would publish no page: the walk's own rules stand.
		return;
	}
	const tracked = new Set<string>();
	const notIgnored = new Set<string>();
	for (const entry of listing.split('\0')) {
		const path = entry.slice(2);
		if (!path.startsWith(prefix)) continue;
		notIgnored.add(path.slice(prefix.length));
		if (entry.startsWith('H ')) tracked.add(path.slice(prefix.length));
	}
	// Nothing under the root committed or staged: a tree not yet in git, with no branch to hold it to.
	if (tracked.size === 0) return;
	const assets = new Set(files.assets);
	const problem = (path: string): string | undefined => {
		const real = files.linked?.get(path);
		if (real !== undefined) return tracked.has(real) ? undefined : `symbolic link to \`${real}\`, which the branch does not hold (git does not track it)`;
		return assets.has(path) && !notIgnored.has(path) ? 'file git ignores, which the branch does not hold' : undefined;
	};
	const left = new Set<string>();
	for (const path of [...files.pages, ...files.assets]) {
		const reason = problem(path);
		if (!reason) continue;
		left.add(path);
		files.problems.push({ path, severity: 'warning', reason, fix: 'Commit what it should show: a branch under review is built from its own files, never from what else is on the machine.', always: true });
	}
	files.pages = files.pages.filter((path) => !left.has(path));
	files.assets = files.assets.filter((path) => !left.has(path));
}

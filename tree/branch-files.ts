import { git } from '../core/git.ts';
import type { RootLocation } from './repository.ts';
import type { GuidebookFiles } from './walk-files.ts';
import { errorLine } from '../core/error-line.ts';

/**
 * What an untrusted build (a branch under review) may show of the files on the machine. A page
 * links or shows a file, and a committed symbolic link leads to one, so a branch could name what
 * the runner holds beside its checkout: a key an earlier CI step wrote, a git-ignored build
 * output. Only files git tracks are published: the branch's `.gitignore` is the branch's to
 * write, so "not ignored" would be the branch's say. Left out, and reported at their place:
 * - every file (not a page) git does not track, however a page reaches it;
 * - a symbolic link, of a page, a file or a folder, that leads to anything git does not track
 *   (`GuidebookFiles.linked`): the branch holds the link, not what it leads to.
 * A page not committed yet stays, so a preview of work in progress shows its text. A file inside a
 * submodule is not held: the branch names a commit, not the files on disk, and can add a submodule
 * entry over any folder the runner fills. Outside git nothing
 * changes; where git cannot list the files, every file and link is left out. Returns whether the
 * branch holds a path of the root, for what is read later (`GuidebookTree.branchHolds`).
 */
export async function keepBranchFiles(
	files: GuidebookFiles,
	place: RootLocation | undefined,
): Promise<((path: string) => boolean) | undefined> {
	if (!place?.inRepository || !place.repository) return undefined;
	const prefix = place.rootPath === '' ? '' : `${place.rootPath}/`;
	let tracked: (path: string) => boolean;
	try {
		// `--stage`: `<mode> <object> <stage>\t<path>`; mode 160000 is a submodule.
		const listing = await git(place.repository, [
			'ls-files',
			'-z',
			'--stage',
			'--',
			prefix ? `:(literal)${prefix}` : '.',
		]);
		tracked = trackedUnder(listing, prefix);
	} catch (error) {
		files.problems.push({
			path: '.',
			severity: 'warning',
			reason: `list of the branch's files that git could not give (${errorLine(error)})`,
			fix: 'Run the build where git can read the repository (`git status` says why not): until then an untrusted build publishes pages only, no file or symbolic link.',
			always: true,
		});
		tracked = () => false;
	}
	const assets = new Set(files.assets);
	const problem = (path: string): string | undefined => {
		const real = files.linked?.get(path);
		if (real !== undefined)
			return tracked(real)
				? undefined
				: `symbolic link to \`${real}\`, which the branch does not hold (git does not track it)`;
		return assets.has(path) && !tracked(path)
			? 'file the branch does not hold (git does not track it)'
			: undefined;
	};
	const left = new Set<string>();
	for (const path of [...files.pages, ...files.assets]) {
		const reason = problem(path);
		if (!reason) continue;
		left.add(path);
		files.problems.push({
			path,
			severity: 'warning',
			reason,
			fix: 'Commit what it should show: a branch under review is built from its own files, never from what else is on the machine.',
			always: true,
			notHeld: true,
		});
	}
	files.pages = files.pages.filter((path) => !left.has(path));
	files.assets = files.assets.filter((path) => !left.has(path));
	// For what is read later from the root (static folders, MkDocs snippets): whether the branch holds it.
	return tracked;
}

/** Whether a path of the root is tracked, by `git ls-files --stage` output: listed as a file (a submodule's entry, mode 160000, holds no file). */
function trackedUnder(listing: string, prefix: string): (path: string) => boolean {
	const paths = new Set<string>();
	for (const entry of listing.split('\0')) {
		const tab = entry.indexOf('\t');
		const path = entry.slice(tab + 1);
		if (tab === -1 || !path.startsWith(prefix) || entry.startsWith('160000 ')) continue;
		paths.add(path.slice(prefix.length));
	}
	return (path) => paths.has(path);
}

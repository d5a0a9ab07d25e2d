import { isPageFile, routeForPath } from '../markdown/routes.ts';
import { GitRefUnknown, NoDefaultBase, raise } from '../core/errors.ts';
import { mergeBase, requireRepository, resolveCommit } from '../core/git.ts';
import { listWorkTreeChanges } from '../core/git-changes.ts';
import { readBlobs } from '../tree/git-blobs.ts';
import { fromRootOf, fromTopOf, locateRoot } from '../tree/repository.ts';
import { isUnpublishedPath } from '../markdown/unpublished-names.ts';
import { settingsFolderOf } from '../tree/settings-files.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { pagesReached } from '../checks/changed-since.ts';
import { ownPathTest } from '../tree/own-changes.ts';
import { join } from 'node:path';
import { defaultBaseCandidates } from './base-candidates.ts';

/** How a page differs between the base and the working tree; a closed set. */
export type PageChangeStatus = 'added' | 'changed' | 'removed' | 'renamed';

export interface PageChange {
	status: PageChangeStatus;
	/** Path relative to the guidebook root in the working tree; for `removed`, the path it had. */
	path: string;
	/** Route of `path` (`erp/ops.md` → `/erp/ops/`). */
	route: string;
	/** For `renamed`: the path and route before. */
	from?: { path: string; route: string };
	/**
	 * For a page whose own file did not change: the changed files that reach it (a snippet or
	 * include it pulls in, a picture or file it links to), from the root.
	 */
	through?: string[];
}

export interface PageChanges {
	/** The ref as the user wrote it. */
	ref: string;
	/** The commit compared with: where HEAD left `ref` (`git merge-base`), like a pull request shows. */
	commit: string;
	changes: PageChange[];
	/**
	 * Files that changed and are not pages, from the repository's top: the root's other files (a
	 * snippet, an include, a picture) and the tools' settings in the root or above it
	 * (`mkdocs.yml`, `hugo.toml`, `waymark.config.yaml`); not those a listed page is changed
	 * `through`. A page that reads one another way (a variable of the settings) reads differently
	 * with no change of its own, which the list of pages cannot show.
	 */
	others: string[];
}

export { defaultBaseCandidates };

/** The first of `defaultBaseCandidates` that exists; `NoDefaultBase` when none does. */
export async function defaultBase(root: string): Promise<string> {
	const repo = await requireRepository(root);
	for (const ref of defaultBaseCandidates) if (await resolveCommit(repo, ref)) return ref;
	throw raise(NoDefaultBase, defaultBaseCandidates);
}

/**
 * Pages added, changed, removed and renamed under `root` between `ref` and the working tree
 * (uncommitted and untracked files included). Compares with the merge base of `ref` and HEAD, so
 * work merged into `ref` after the branch started does not show up as removed. Given the `tree`,
 * a page whose file is the same but that pulls in or shows a file that changed is changed too,
 * `through` those files.
 */
export async function listPageChanges(
	root: string,
	ref: string,
	tree?: GuidebookTree,
): Promise<PageChanges> {
	const place = await locateRoot(root);
	place.repository ??= await requireRepository(root);
	const target = await resolveCommit(place.repository, ref);
	if (!target) throw raise(GitRefUnknown, ref);
	const commit = (await mergeBase(place.repository, target)) ?? target;
	// Waymark's own state and output are never the branch's changes, wherever they are.
	const ownAtTop = ownPathTest(tree?.files.own, place.repository.workTree);
	const ownInRoot = ownPathTest(tree?.files.own, join(place.repository.workTree, place.rootPath));
	const listed = await listWorkTreeChanges(
		place.repository,
		commit,
		place.rootPath,
		(path) => isPublished(path) && !ownInRoot(path),
	);
	const changes = listed
		.map((change): PageChange =>
			change.status === 'R' && change.from
				? {
						...entry('renamed', change.path),
						from: { path: change.from, route: routeForPath(change.from) },
					}
				: entry(statusNames[change.status], change.path),
		)
		.map(normaliseAcrossPages)
		.sort((a, b) => a.path.localeCompare(b.path));
	const prefix = place.rootPath === '' ? '' : `${place.rootPath}/`;
	// Under the root: every file but a page, dot folders included (`.snippets/`). Above it: the tools'
	// settings of a folder on the way to the root (by name, or in a tool's settings folder beside it).
	const settingsAbove = (path: string) => {
		const folder = settingsFolderOf(path);
		return folder !== undefined && prefix.startsWith(folder);
	};
	// And files a trusted build's pages pull in from elsewhere in the repository (`../../examples/a.toml`).
	const pulledOutside = new Set(
		[...(tree?.pages.values() ?? [])]
			.flatMap((page) => page.pulled ?? [])
			.filter((path) => path.startsWith('../'))
			.flatMap((path) => fromTopOf(place.rootPath, path) ?? []),
	);
	const isOther = (path: string) =>
		!ownAtTop(path) &&
		(path.startsWith(prefix)
			? !isPublished(path.slice(prefix.length))
			: settingsAbove(path) || pulledOutside.has(path));
	const others = [
		...new Set(
			(await listWorkTreeChanges(place.repository, commit, '', isOther)).flatMap((change) => [
				change.path,
				...(change.from ? [change.from] : []),
			]),
		),
	].sort();
	if (tree)
		changes.push(
			...reachedChanges(
				tree,
				changes,
				others
					.filter((path) => path.startsWith(prefix) || pulledOutside.has(path))
					.map((path) => fromRootOf(place.rootPath, path)),
			),
		);
	// A file a listed page is changed through is named there; the others are those no page is known to read.
	const reached = new Set(
		changes
			.flatMap((change) => change.through ?? [])
			.flatMap((path) => fromTopOf(place.rootPath, path) ?? []),
	);
	return {
		ref,
		commit,
		changes: changes.sort((a, b) => a.path.localeCompare(b.path)),
		others: others.filter((path) => !reached.has(path)),
	};
}

/**
 * Pages not in `changes` whose rendering the branch changed all the same: through a snippet or
 * include they pull in (a page or another file), or a picture or file they link to (a link to a
 * changed page changes only where it leads).
 */
function reachedChanges(
	tree: GuidebookTree,
	changes: PageChange[],
	otherFiles: string[],
): PageChange[] {
	const listed = new Set(changes.map((change) => change.path));
	const changedFiles = new Set([
		...otherFiles,
		...changes.flatMap((change) => [change.path, ...(change.from ? [change.from.path] : [])]),
	]);
	const reached = pagesReached(tree, changedFiles, new Set(otherFiles));
	return [...reached]
		.filter(([path]) => !listed.has(path))
		.map(([path, through]) => ({ ...entry('changed', path), through }));
}

const statusNames = { A: 'added', M: 'changed', D: 'removed', R: 'renamed' } as const;

/** A rename from or to a non-page file (`notes.txt` → `notes.md`) is an addition or removal of a page. */
function normaliseAcrossPages(change: PageChange): PageChange {
	if (change.status !== 'renamed' || !change.from) return change;
	if (!isPublished(change.from.path)) return entry('added', change.path);
	if (!isPublished(change.path)) return entry('removed', change.from.path);
	return change;
}

function entry(status: PageChangeStatus, path: string): PageChange {
	return { status, path, route: routeForPath(path) };
}

function isPublished(path: string): boolean {
	return isPageFile(path) && !isUnpublishedPath(path);
}

/** A file's text at `commit`, `path` relative to `root`; `undefined` when it did not exist there. */
export async function readBaseFile(
	root: string,
	commit: string,
	path: string,
): Promise<string | undefined> {
	return (await readBaseFiles(root, commit, [path])).get(path);
}

/**
 * Several files' text at `commit` through one `git cat-file --batch`, rather than a `git show` per
 * page. Paths are relative to `root` (`../../examples/a.toml` is elsewhere in its repository); paths
 * missing at `commit`, or leaving the repository, are missing from the map.
 */
export async function readBaseFiles(
	root: string,
	commit: string,
	paths: string[],
): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	if (paths.length === 0) return found;
	const place = await locateRoot(root);
	place.repository ??= await requireRepository(root);
	const target = await resolveCommit(place.repository, commit);
	if (!target) throw raise(GitRefUnknown, commit);
	// A path may leave the root for elsewhere in the repository (`../../examples/a.toml`), never the repository.
	const named = paths.flatMap((path) => {
		const fromTop = fromTopOf(place.rootPath, path);
		return fromTop === undefined ? [] : [{ path, object: `${target}:${fromTop}` }];
	});
	const blobs = await readBlobs(
		place.repository,
		named.map(({ object }) => object),
	);
	for (const { path, object } of named) {
		const text = blobs.get(object);
		if (text !== undefined) found.set(path, text);
	}
	return found;
}

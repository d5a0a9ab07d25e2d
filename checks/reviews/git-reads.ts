import { listWorkTreeChanges } from '../../core/git-changes.ts';
import type { Repository } from '../../core/git.ts';
import { readLastCommitDates } from '../../tree/git-dates.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { Citation, Source } from './citations.ts';
import { readFileChanges, type FileChange } from './git-history.ts';

// What `find-changes.ts` reads of git to judge cited changes: the pages' last commits, the work
// tree against HEAD, and the history of the cited files the root's log does not date. The rule
// (`cited-changes`) and the site's review list judge one tree in one run: when they cite the same
// files from the same pages (no unpublished or ignored page cites anything), git is read once for
// both. Within one run the work tree is taken as read the first time, as each part of a build
// already took it before; a later run loads a new tree and reads it again.

/** What the judgement reads of git for one set of citations; shared by every caller, so read-only. */
export interface GitReads {
	/** Each page's last commit date, by path from the root. */
	readonly pageDates: ReadonlyMap<string, string>;
	/** How the work tree differs from HEAD, for the cited files and the citing pages. */
	readonly work: Readonly<Awaited<ReturnType<typeof listWorkTreeChanges>>>;
	/** The commits that changed each file in `logged`. */
	readonly history: ReadonlyMap<string, readonly FileChange[]>;
}

/** The files a judgement needs read, relative to the repository's top. */
export interface CitedFiles {
	/** The citing pages. */
	pagePaths: Set<string>;
	/** The cited files. */
	files: Set<string>;
	/** The cited folders, each ending in `/`. */
	folders: string[];
	/** Cited files whose changes the root's log does not date (items, folders, files outside the root). */
	logged: string[];
	/** What git lists for the work tree's changes (`listWorkTreeChanges`' `within`); all of it when absent. */
	scope?: string[];
}

/** What must be read for the pages of `cited` (from the root) and their `sources`, with the root at `rootPrefix` in its repository. */
export function citedFiles(
	cited: ReadonlyMap<string, readonly Citation[]>,
	sources: Iterable<Source>,
	rootPrefix: string,
): CitedFiles {
	const all = [...sources];
	const files = new Set(all.map((source) => source.file));
	const scope = scopeOf(rootPrefix, files);
	return {
		pagePaths: new Set([...cited.keys()].map((path) => rootPrefix + path)),
		files,
		folders: all.filter((source) => source.folder).map((source) => `${source.file}/`),
		logged: [
			...new Set(
				all.filter((source) => !datedByRootLog(source, rootPrefix)).map((source) => source.file),
			),
		],
		...(scope && { scope }),
	};
}

/**
 * What git needs to list for the work tree's changes: the root, and the cited files and folders
 * outside it (a folder's path names it without its `/`). `undefined` (the whole repository) for a
 * root at the top, or when so many cited paths lie outside it that one listing is cheaper than
 * naming them all.
 */
function scopeOf(rootPrefix: string, files: ReadonlySet<string>): string[] | undefined {
	if (rootPrefix === '') return undefined;
	const outside = [...files].filter((path) => !path.startsWith(rootPrefix));
	return outside.length > 200 ? undefined : [rootPrefix, ...outside];
}

/** Whether `scope` (`listWorkTreeChanges`' `within`) is the root alone, as `tree.gitFiles` lists it. */
function listsRootOnly(tree: GuidebookTree, scope: readonly string[] | undefined): boolean {
	const rootPath = tree.place?.rootPath;
	if (rootPath === undefined) return false;
	return rootPath === '' ? scope === undefined : scope?.length === 1 && scope[0] === `${rootPath}/`;
}

/** Whether the root's log (`pageDates`) dates `source`: a whole file in the root. Items, folders and files outside the root need a log of their own (`logged`). */
export function datedByRootLog(source: Source, rootPrefix: string): boolean {
	return !source.item && !source.folder && source.file.startsWith(rootPrefix);
}

const readsByTree = new WeakMap<GuidebookTree, Map<string, Promise<GitReads>>>();

/** What git says of `cited` in `tree`'s repository at `head`: read on the first call for them, then shared. */
export function readCitedHistory(
	tree: GuidebookTree,
	repo: Repository,
	head: string,
	cited: CitedFiles,
): Promise<GitReads> {
	const key = JSON.stringify([
		head,
		[...cited.pagePaths].sort(),
		[...cited.files].sort(),
		[...cited.folders].sort(),
		[...cited.logged].sort(),
	]);
	const reads = readsByTree.get(tree) ?? new Map<string, Promise<GitReads>>();
	readsByTree.set(tree, reads);
	let reading = reads.get(key);
	if (!reading) {
		reading = read(tree, repo, head, cited);
		reads.set(key, reading);
	}
	return reading;
}

async function read(
	tree: GuidebookTree,
	repo: Repository,
	head: string,
	{ pagePaths, files, folders, logged, scope }: CitedFiles,
): Promise<GitReads> {
	const [pageDates, work, history] = await Promise.all([
		readLastCommitDates(tree.place),
		listWorkTreeChanges(
			repo,
			head,
			'',
			(path) =>
				pagePaths.has(path) || files.has(path) || folders.some((folder) => path.startsWith(folder)),
			scope,
			// Nothing cited outside the root: git would list what it listed for the tree.
			listsRootOnly(tree, scope) ? tree.gitFiles?.split('\0') : undefined,
		),
		readFileChanges(repo, logged),
	]);
	return { pageDates, work, history };
}

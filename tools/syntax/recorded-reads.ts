import { resolve } from 'node:path';
import { replaceEntries } from '../shown-data.ts';
import type { Puller } from '../tool.ts';
import { pulledBudget, type PulledFile } from './pulled-file.ts';

/**
 * What a tree's pages read beyond themselves (an mdBook's includes, MyST's `{include}`, VitePress'
 * snippets), as plain data for the site: each answer by its path from the root, and each page's
 * budget. The tree reads through the puller once (`readThrough`); the site answers from the record
 * (`readFromRecord`), so both read the same files the same way.
 */
export interface RecordedReads {
	files: Record<string, PulledFile>;
	pageBudget: number;
}

/** A file by its path from the root (`../x` when it leads out), and the characters such files may add to one page. */
export interface Reads {
	read(path: string): PulledFile;
	readonly pageBudget: number;
}

/**
 * Reads through `puller` (`tree/pull-file.ts`: inside the boundary only, never under `.git`, never
 * a secret, never one too large, in an untrusted build never one git does not track; a place out of
 * the boundary is refused before anything there is looked at), each answer recorded once, with the
 * budget of each of the `pages` that may pull files in (`pulledBudget`).
 */
export function readThrough(
	root: string,
	pages: number,
	puller: Puller,
): { reads: Reads; recorded: RecordedReads } {
	const recorded: RecordedReads = { files: {}, pageBudget: pulledBudget(pages) };
	const read = (path: string): PulledFile => {
		if (Object.hasOwn(recorded.files, path)) return recorded.files[path] as PulledFile;
		// A missing file's place is part of what the page pulls in (`tried`): one added there changes the page.
		return (recorded.files[path] = puller.pull(resolve(root, path), path));
	};
	return { reads: { read, pageBudget: recorded.pageBudget }, recorded };
}

/** Reads that answer from what a run recorded; a path the run never asked for reads as missing. */
export function readFromRecord(recorded: RecordedReads): Reads {
	return {
		read: (path) =>
			Object.hasOwn(recorded.files, path)
				? (recorded.files[path] ?? { problem: 'not found' })
				: { problem: 'not found' },
		// Read when a page is: `waymark dev` puts a tree's new answers into the record it was given.
		get pageBudget() {
			return recorded.pageBudget;
		},
	};
}

/** `reads` under the name an include reader calls them by (mdBook's links, MyST's `{include}`); the budget read when a page is. */
export function includesOf(reads: Reads): {
	include(path: string): PulledFile;
	readonly pageBudget: number;
} {
	return {
		include: (path) => reads.read(path),
		get pageBudget() {
			return reads.pageBudget;
		},
	};
}

/** Puts a fresh run's answers into the record a site holds, in place (`waymark dev`: a file pulled in changed). */
export function refreshRecord(
	held: RecordedReads | undefined,
	fresh: RecordedReads | undefined,
): void {
	if (!held || !fresh) return;
	replaceEntries(held.files, fresh.files);
	held.pageBudget = fresh.pageBudget;
}

/** Reads that answer from `recorded`, each answer passed through `through` (a later build's check of what it reads). */
export function readsThrough(
	recorded: RecordedReads,
	through: (file: PulledFile) => PulledFile,
): Reads {
	const held = readFromRecord(recorded);
	return { read: (path) => through(held.read(path)), pageBudget: held.pageBudget };
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { git, unquotePath, type Repository } from '../core/git.ts';
import type { RootLocation } from './repository.ts';

/** The pages' last commit dates, and those the history cannot tell (a shallow clone); shared by every reader of one tree, so read-only. */
export interface CommitDates {
	/** The last commit date (ISO 8601) of every file whose last change the history holds, by path from the root. */
	readonly dates: ReadonlyMap<string, string>;
	/**
	 * Files whose last change is at or before the cut of a shallow clone: the oldest commit there
	 * lists every file as added, so its date is only the day the history was cut, not when the file
	 * changed. They get no date. Empty in a whole clone.
	 */
	readonly cutOff: readonly string[];
	/** In a shallow clone: the date of its oldest commit, where the history stops. */
	readonly shallowSince?: string;
}

/**
 * The last commit date (ISO 8601) of every file under the root that git knows, from one
 * `git log` over the whole tree instead of one process per page, keyed by the path relative to
 * the root. Empty outside a git work tree or without git; a page without a date simply shows none.
 */
export async function readLastCommitDates(
	place: RootLocation | undefined,
): Promise<ReadonlyMap<string, string>> {
	return (await readCommitDates(place)).dates;
}

// The site's dates and the checks' cited changes read the same log within one run: once per
// place, which each load of a tree finds anew (a tree is never changed once loaded).
const readings = new WeakMap<RootLocation, Promise<CommitDates>>();

/** {@link readLastCommitDates}, and which files a shallow clone leaves without a date it can prove. */
export function readCommitDates(place: RootLocation | undefined): Promise<CommitDates> {
	if (!place) return readDates(place);
	let reading = readings.get(place);
	if (!reading) {
		reading = readDates(place);
		readings.set(place, reading);
	}
	return reading;
}

async function readDates(place: RootLocation | undefined): Promise<CommitDates> {
	const dates = new Map<string, string>();
	const cutOff: string[] = [];
	if (!place?.repository) return { dates, cutOff };
	const prefix = place.rootPath === '' ? '' : `${place.rootPath}/`;
	let stdout: string;
	let grafted: Set<string>;
	try {
		[stdout, grafted] = await Promise.all([
			git(place.repository, [
				'log',
				'--format=%x00%H %cI',
				'--name-only',
				'--no-renames',
				'--end-of-options',
				'HEAD',
				'--',
				prefix ? `:(literal)${prefix}` : '.',
			]),
			shallowCommits(place.repository),
		]);
	} catch {
		return { dates, cutOff };
	}
	let shallowSince: string | undefined;
	const seen = new Set<string>();
	// Newest commit first, so the first date seen for a path is its last change.
	for (const chunk of stdout.split('\0')) {
		const [head, ...files] = chunk.split('\n');
		if (!head) continue;
		const [commit = '', date = ''] = head.trim().split(' ');
		// A commit whose parents the clone does not have shows every file as added in it.
		const cut = grafted.has(commit);
		if (cut && (!shallowSince || date < shallowSince)) shallowSince = date;
		for (const file of files) {
			const path = file && unquotePath(file);
			if (!path?.startsWith(prefix)) continue;
			const inRoot = path.slice(prefix.length);
			if (seen.has(inRoot)) continue;
			seen.add(inRoot);
			if (cut) cutOff.push(inRoot);
			else dates.set(inRoot, date);
		}
	}
	return { dates, cutOff, ...(shallowSince && { shallowSince }) };
}

/**
 * The commits a shallow clone's history stops at (git's `shallow` file) whose parents it lacks;
 * none in a whole clone. A clone as deep as the history lists its root commit there too, whose
 * files really were added in it.
 */
async function shallowCommits(repo: Repository): Promise<Set<string>> {
	const file =
		repo.found?.shallow ??
		resolve(repo.workTree, (await git(repo, ['rev-parse', '--git-path', 'shallow'])).trim());
	const listed = (await readFile(file, 'utf8').catch(() => ''))
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => /^[0-9a-f]{40,64}$/.test(line));
	if (listed.length === 0) return new Set();
	// The commit objects still name their parents; only the clone's view of them is cut.
	const objects = await git(repo, ['cat-file', '--batch'], {
		input: listed.map((id) => `${id}\n`).join(''),
	});
	return new Set(
		listed.filter((id) =>
			new RegExp(`^${id} commit \\d+\\n(?:tree [0-9a-f]+\\n)parent `, 'm').test(objects),
		),
	);
}

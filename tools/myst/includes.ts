/**
 * What a MyST page's `{include}` and `{literalinclude}` read beyond the page, by path from the
 * root: read through the tree's `Puller` (inside the boundary only, never `.git`, never a secret,
 * never a file too large, in an untrusted build only files the branch holds) while the tree is
 * read, and recorded for the site to read the same answers.
 */
import type { PulledFile } from '../syntax/pulled-file.ts';
import {
	includesOf,
	readFromRecord,
	readThrough,
	type RecordedReads,
} from '../syntax/recorded-reads.ts';
import type { Puller } from '../tool.ts';

/** The files includes read, by path from the root (`../x` when it leads out). */
export interface MystIncludes {
	include(path: string): PulledFile;
	/** Characters included files may add to one page (`pulledBudget`). @default 4 MB */
	pageBudget?: number;
}

/** `MystIncludes` as plain data, for the site. */
export type MystIncludesRecord = RecordedReads;

/**
 * The mark of a directive that pulls a file in: a page without one is read as it always was. Only
 * the fence's last three characters are looked at: a run of any length, tried at every length from
 * every place in it, cost a line of backticks its length squared, and this reads every page.
 */
const includeMark = /[`~:]{3}\{(?:literal)?include\}/;

/** Whether a page may include a file, so only those share the tree's budget and are parsed every run. */
export const mayInclude = (text: string): boolean => includeMark.test(text);

/** The marks `waymark dev` looks for to read a page again when a file changes. */
export const includeMarks = ['{include}', '{literalinclude}'];

/** Inputs that read through `puller` and record each answer, with the budget of each of the `including` pages. */
export function mystIncludeRun(
	root: string,
	including: number,
	puller: Puller,
): { inputs: MystIncludes; recorded: MystIncludesRecord } {
	const { reads, recorded } = readThrough(root, including, puller);
	return { inputs: includesOf(reads), recorded };
}

/** Inputs that answer from what a run recorded; a path the run never asked for reads as missing. */
export function mystIncludesFromRecord(recorded: MystIncludesRecord): MystIncludes {
	return includesOf(readFromRecord(recorded));
}

/**
 * The file an include names, from the root: relative to the including file's folder, or, written
 * from `/`, to the project's source folder (Sphinx's `relfn2path`), which is `rootPath` above the
 * root's. `..` is kept where it climbs above the root: the puller decides whether that is inside
 * the boundary.
 */
export function includedPath(from: string, written: string, rootPath = ''): string {
	if (!written.startsWith('/'))
		return joined([...from.split('/').slice(0, -1), ...written.split('/')]);
	const inProject = joined(written.split('/'));
	const rootIn = rootPath.replace(/\/+$/, '');
	if (rootIn === '') return inProject;
	if (inProject.startsWith(`${rootIn}/`)) return inProject.slice(rootIn.length + 1);
	return joined([...rootIn.split('/').map(() => '..'), ...inProject.split('/')]);
}

/** Path parts joined with `.` and `..` resolved, a `..` above the top kept. */
function joined(parts: readonly string[]): string {
	const kept: string[] = [];
	for (const part of parts) {
		if (part === '' || part === '.') continue;
		if (part === '..' && kept.length > 0 && kept.at(-1) !== '..') kept.pop();
		else kept.push(part);
	}
	return kept.join('/');
}

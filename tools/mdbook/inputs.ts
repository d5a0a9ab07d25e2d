import { resolve } from 'node:path';
import type { MdbookInputs, MdbookRecorded } from './includes.ts';
import { pulledBudget, type PulledFile } from '../syntax/pulled-file.ts';
import type { Puller } from '../tool.ts';

/** The inputs an mdBook's pages read their `{{#include}}` files through, and what they read (for the site). */
export interface MdbookRun {
	inputs: MdbookInputs;
	recorded: MdbookRecorded;
}

/**
 * Inputs that read the files mdBook's links include, as MkDocs snippets are read (`puller`: inside
 * the repository that holds the root when `top` is given, a trusted build's, else inside the root;
 * never outside that, through a symbolic link or not, never under `.git`, never a secret by name or
 * content, never one too large, in an untrusted build never one git does not track). A path that
 * leads out is refused before anything looks at it, so a page cannot learn which files exist
 * elsewhere. Each answer is recorded for the site, with the budget of each of the `including`
 * pages that may include files (`pulledBudget`).
 */
export function mdbookRun(root: string, including: number, puller: Puller): MdbookRun {
	const recorded: MdbookRecorded = { files: {}, pageBudget: pulledBudget(including) };
	const include = (path: string): PulledFile => {
		if (Object.hasOwn(recorded.files, path)) return recorded.files[path] as PulledFile;
		// `..` as the path reads it (`../docs/x` from a root named `docs` is the root's `x`); out of the boundary, nothing is looked at.
		// A missing file's place is part of what the page pulls in (`tried`): one added there changes the page.
		return (recorded.files[path] = puller.pull(resolve(root, path), path));
	};
	return { inputs: { include, pageBudget: recorded.pageBudget }, recorded };
}

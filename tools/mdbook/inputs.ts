import type { MdbookInputs, MdbookRecorded } from './includes.ts';
import { includesOf, readThrough } from '../syntax/recorded-reads.ts';
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
	// `..` as the path reads it (`../docs/x` from a root named `docs` is the root's `x`).
	const { reads, recorded } = readThrough(root, including, puller);
	return { inputs: includesOf(reads), recorded };
}

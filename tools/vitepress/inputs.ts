import type { Puller } from '../tool.ts';
import { readThrough } from '../syntax/recorded-reads.ts';
import type { VitepressInputs, VitepressRecorded } from './pulls.ts';

/**
 * Inputs that read the files VitePress pages import (`<<<`) and include (`@include`) through
 * `puller` (`readThrough`), each answer recorded for the site, with the budget of each of the
 * `pulling` pages that may pull files in.
 */
export function vitepressRun(
	root: string,
	pulling: number,
	puller: Puller,
): { inputs: VitepressInputs; recorded: VitepressRecorded } {
	const { reads, recorded } = readThrough(root, pulling, puller);
	return { inputs: reads, recorded };
}

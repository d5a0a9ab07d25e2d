import { resolve } from 'node:path';
import { pulledBudget, type PulledFile } from '../syntax/pulled-file.ts';
import type { Puller } from '../tool.ts';
import type { VitepressInputs, VitepressRecorded } from './pulls.ts';

/**
 * Inputs that read the files VitePress pages import (`<<<`) and include (`@include`) through
 * `puller` (`tree/pull-file.ts`: inside the boundary only, never under `.git`, never a secret,
 * never one too large, in an untrusted build never one git does not track), each answer recorded
 * for the site, with the budget of each of the `pulling` pages that may pull files in.
 */
export function vitepressRun(
	root: string,
	pulling: number,
	puller: Puller,
): { inputs: VitepressInputs; recorded: VitepressRecorded } {
	const recorded: VitepressRecorded = { files: {}, pageBudget: pulledBudget(pulling) };
	const read = (path: string): PulledFile => {
		if (Object.hasOwn(recorded.files, path)) return recorded.files[path] as PulledFile;
		return (recorded.files[path] = puller.pull(resolve(root, path), path));
	};
	return { inputs: { read, pageBudget: recorded.pageBudget }, recorded };
}

import {
	budgetText,
	pulledBudget,
	pulledProblem,
	sharedBudget,
	type PulledFile,
} from '../syntax/pulled-file.ts';
import { readFromRecord, type RecordedReads } from '../syntax/recorded-reads.ts';
import type { SourceNote } from '../syntax/source-note.ts';

/** What a VitePress page may read beyond itself (code snippets, included Markdown): a file, by its path from the root (`../x` when it leads out). */
export interface VitepressInputs {
	read(path: string): PulledFile;
	/** Characters pulled files may add to one page (`pulledBudget`). @default 4 MB */
	pageBudget?: number;
}

/** `VitepressInputs` as plain data, for the site. */
export type VitepressRecorded = RecordedReads;

/** Inputs that answer from what a run recorded. */
export const vitepressInputsFromRecord: (recorded: VitepressRecorded) => VitepressInputs =
	readFromRecord;

/** Whether a page may import a snippet or include a file, so most pages skip the work (and share no budget). */
export function mayPullFiles(text: string): boolean {
	return text.includes('<<<') || text.includes('@include');
}

/** What one page's rewrite reads files through: the inputs, the source root from the root, what is left of its budget. */
export interface PullState {
	inputs: VitepressInputs;
	/** `srcDir` from the root (`pulled-paths.ts`' `sourceFromRoot`). */
	source: string;
	budget: { chars: number; total: number };
}

export function pullState(inputs: VitepressInputs | undefined, source: string): PullState {
	const budget = inputs?.pageBudget ?? pulledBudget(1);
	return {
		inputs: inputs ?? { read: () => ({ problem: 'not found' }) },
		source,
		budget: { chars: budget, total: budget },
	};
}

/** A file's text, or why it is not shown: the finding's text after `Unexpected \`…\``, and its severity. */
export type PullAnswer = { text: string } | { why: string; severity: SourceNote['severity'] };

/** Reads `path` for a page through `state`, its text counted against the page's budget; `shown` is what the page shows instead when it cannot. */
export function pullFile(state: PullState, path: string, shown: string): PullAnswer {
	const read = state.inputs.read(path);
	if ('problem' in read) {
		const { severity, advice } = pulledProblem(
			read.problem,
			'a file inside the root',
			'VitePress',
			shown,
		);
		return { why: `${read.problem}; ${advice}`, severity };
	}
	if (read.text.length > state.budget.chars)
		return {
			why: `past ${budgetText(state.budget.total)} of pulled files on one page (${sharedBudget}), expected fewer or smaller files. ${shown}`,
			severity: 'warning',
		};
	state.budget.chars -= read.text.length;
	return { text: read.text };
}

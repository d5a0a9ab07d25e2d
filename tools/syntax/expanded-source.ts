/**
 * A page whose tool pastes files into it before any Markdown is read (VitePress' `@include`, a
 * Hugo `readfile`), and whose syntax is then rewritten as a whole: the rewrite's lines traced back
 * through the pasting to the page's lines (`origins`), and to the included files' lines where they
 * were pasted (`pasted`), so a finding on a pasted line is the file's (`checks/included-files.ts`).
 */
import { sortNotes, type RewrittenSource } from '../rewrite.ts';
import { movedOrigins, rewrittenLineOf, sourceLineOf } from './line-origins.ts';
import { pastedRuns, type PastedPlaces, type PastedRun } from './pasted-lines.ts';
import type { SourceNote } from './source-note.ts';

/** The page with files pasted in, before its syntax is rewritten. */
export interface Expansion {
	text: string;
	/** The page's line (1-based) of each line of `text`: a pasted line is its include's. */
	origins: number[];
	/** Where each line of `text` was pasted from, when some was. */
	pasted?: PastedPlaces | undefined;
	/** On `text`'s lines. */
	notes: SourceNote[];
}

/** `rewritten` (the rewrite of `expanded.text`) with its lines, notes and pasted lines on the page's file. */
export function afterExpansion(expanded: Expansion, rewritten: RewrittenSource): RewrittenSource {
	const origins = rewritten.origins
		? rewritten.origins.map((line) => expanded.origins[line - 1] ?? line)
		: expanded.origins;
	const notes = expanded.notes.map((note) => ({
		...note,
		line: rewrittenLineOf(note.line, rewritten.origins),
	}));
	const places = expanded.pasted;
	const lines = rewritten.text.split('\n');
	const fromExpansion = places
		? pastedRuns(
				lines,
				lines.map((_, i) => places[sourceLineOf(i + 1, rewritten.origins) - 1]),
			)
		: undefined;
	const pasted = mergedRuns(rewritten.pasted, fromExpansion);
	const moved = movedOrigins(origins);
	const result: RewrittenSource = {
		...rewritten,
		notes: sortNotes([...rewritten.notes, ...notes]),
	};
	delete result.origins;
	delete result.pasted;
	if (moved) result.origins = moved;
	if (pasted) result.pasted = pasted;
	return result;
}

/** Both sets of runs, in line order; where they overlap the rewrite's own stand (it pasted those lines last). */
function mergedRuns(
	own: readonly PastedRun[] | undefined,
	expansion: readonly PastedRun[] | undefined,
): PastedRun[] | undefined {
	if (!own?.length) return expansion ? [...expansion] : undefined;
	if (!expansion?.length) return [...own];
	const overlaps = (run: PastedRun) =>
		own.some((mine) => run.at < mine.at + mine.count && mine.at < run.at + run.count);
	return [...own, ...expansion.filter((run) => !overlaps(run))].sort((a, b) => a.at - b.at);
}

/**
 * The rewrite of a tool's own syntax into the Markdown and directives the site renders
 * (`ToolReading.rewrite`): text in, text out, before any parser runs, so the checks (`tree/`) and
 * the site (`markdown/remark-dialect-source.ts`) read the same page. Lines keep their numbers,
 * except where a tool pulls in other files or gives a tag line a blank line beside it (`origins`
 * then maps them back, `syntax/line-origins.ts`).
 */
import type { ColumnMove } from './syntax/line-origins.ts';
import type { PastedRun } from './syntax/pasted-lines.ts';
import type { SourceNote } from './syntax/source-note.ts';

/** A page's rewritten Markdown, what it could not render, and where its lines come from. */
export interface RewrittenSource {
	text: string;
	/** On the rewritten text's lines. */
	notes: SourceNote[];
	/** The file's line (1-based) of each rewritten line, when snippets or includes moved some; see `line-origins.ts`. */
	origins?: number[];
	/** Where text pulled in stands on the rewritten lines, for the file's columns (`ColumnMove`). */
	columns?: ColumnMove[];
	/** The browser tab's title the page's own syntax gives (mdBook's `{{#title}}`), in place of the page's and the site's. */
	tabTitle?: string;
	/** Lines pasted from other files, where they come from (`pasted-lines.ts`): findings there are the file's. */
	pasted?: PastedRun[];
	/** Files the page pulled in (snippets, includes) and the places looked in for them first, from the root: a change to one changes the page. */
	pulled?: string[];
}

/**
 * What each output of the rewrite is to the site. A `shown` output makes the page's HTML (the
 * site's renderer reads it, `markdown/remark-dialect-source.ts`): the page keeps it under the
 * same name and `readPageDigest` (integration/page-entry.ts) digests it, so a build renders a page
 * again when one changes, even one that leaves the text as it was (a title from an included file).
 * A `placed` output feeds only the checks (the rewrite's own findings, and where findings point
 * on the file), which every run works out afresh. A new output is a type error here until it says
 * which it is.
 */
export const rewriteOutputs = {
	text: 'shown',
	tabTitle: 'shown',
	notes: 'placed',
	origins: 'placed',
	columns: 'placed',
	pulled: 'placed',
	pasted: 'placed',
} as const satisfies Record<keyof RewrittenSource, 'shown' | 'placed'>;

/** The outputs of the rewrite that make a page's HTML. */
export type ShownOutput = {
	[K in keyof typeof rewriteOutputs]: (typeof rewriteOutputs)[K] extends 'shown' ? K : never;
}[keyof typeof rewriteOutputs];

export const shownOutputs = (
	Object.keys(rewriteOutputs) as Array<keyof typeof rewriteOutputs>
).filter((key): key is ShownOutput => rewriteOutputs[key] === 'shown');

/** The page as written: what a tool without syntax of its own (or a page without any) gives. */
export function unchanged(text: string): RewrittenSource {
	return { text, notes: [] };
}

/** Notes in the order of the page. */
export function sortNotes(notes: SourceNote[]): SourceNote[] {
	return notes.sort((a, b) => a.line - b.line || a.column - b.column);
}

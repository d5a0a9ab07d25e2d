import type { PastedLine } from '../syntax/pasted-lines.ts';

/** A line of the page as the rewrite builds it: its text, the page line it comes from, and fences around it. */
export interface Entry {
	text: string;
	origin: number;
	/** The line of an include it was pasted from. */
	place?: PastedLine;
	literal?: boolean;
	before?: string[];
	after?: string[];
}

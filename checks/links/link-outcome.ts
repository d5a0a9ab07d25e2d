/**
 * What checking one URL can end in: a closed union, so "skipped" and "unreachable" are outcomes,
 * never absences. `observed` is what came back; `expected` what would have been alive.
 */
export type LinkOutcome =
	| { kind: 'ok'; observed: string }
	| { kind: 'dead'; observed: string; expected: string }
	| { kind: 'unreachable'; observed: string; expected: string }
	| { kind: 'blocked'; observed: string; expected: string }
	| { kind: 'rate-limited'; observed: string; expected: string }
	| { kind: 'redirected'; observed: string; expected: string; target: string }
	| { kind: 'skipped'; observed: string }
	| { kind: 'invalid'; observed: string; expected: string };

/** Where a URL occurs: relative page path (or site route) and 1-based position. */
export interface UrlOccurrence {
	url: string;
	file: string;
	position: { line: number; column: number };
	/** On a line a page pasted from `file` (a snippet, an include): the page and its line that pulled it in. */
	including?: { page: string; line: number };
}

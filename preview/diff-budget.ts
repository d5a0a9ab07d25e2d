/**
 * The work one page's diff may do, so a page rewritten whole costs a second, not minutes: jsdiff's
 * Myers algorithm takes about (tokens × edits) steps, quadratic when most of a large page changed
 * (5,000 words rewritten took 20 s, 320 KB took gigabytes). Every diff and block comparison spends
 * from it; past it the page is shown whole with a notice (`ChangedTooMuch`).
 */
export interface DiffBudget {
	/** The most edits a diff of `tokens` tokens (both sides) may find within what is left. */
	maxEdits(tokens: number): number;
	/** Spends `units` steps; throws `ChangedTooMuch` when more was spent than the page may. */
	spend(units: number): void;
}

/** About a second of jsdiff's steps on the 2-core machine of bench/README.md (`node bench/pathological.mjs`). */
const pageSteps = 2_000_000;

/** The page changed too much to diff word by word. */
export class ChangedTooMuch extends Error {
	constructor() {
		super('The page changed too much to diff word by word');
	}
}

export function createDiffBudget(steps = pageSteps): DiffBudget {
	let left = steps;
	return {
		maxEdits: (tokens) => Math.floor(Math.max(left, 0) / Math.max(tokens, 1)),
		spend(units) {
			left -= units;
			if (left < 0) throw new ChangedTooMuch();
		},
	};
}

/**
 * The fewest edits that can turn `a` into `b`: every token one side holds more often than the
 * other is inserted or deleted at least once. Counted in linear time, it tells a rewrite from an
 * edit before Myers is asked.
 */
export function editLowerBound(a: readonly string[], b: readonly string[]): number {
	const counts = new Map<string, number>();
	for (const token of a) counts.set(token, (counts.get(token) ?? 0) + 1);
	for (const token of b) counts.set(token, (counts.get(token) ?? 0) - 1);
	let edits = 0;
	for (const count of counts.values()) edits += Math.abs(count);
	return edits;
}

/**
 * Where each inline code span of `text` starts and ends (its backticks included), as CommonMark
 * pairs backtick runs: a run opens a span closed by the next run of the same length; a run with no
 * such closer is text. Linear: each run's only possible closer is found in one pass from the end.
 */
export function codeSpanRanges(text: string): Array<[number, number]> {
	const runs = [...text.matchAll(/`+/g)].map((m) => ({ at: m.index, length: m[0].length }));
	// For each run, the next run of its length: the only one that can close it.
	const closer: number[] = [];
	const lastOfLength = new Map<number, number>();
	for (let i = runs.length - 1; i >= 0; i--) {
		const { length } = runs[i] as { length: number };
		closer[i] = lastOfLength.get(length) ?? -1;
		lastOfLength.set(length, i);
	}
	const spans: Array<[number, number]> = [];
	for (let i = 0; i < runs.length; i++) {
		const close = closer[i] as number;
		if (close < 0) continue;
		const end = runs[close] as { at: number; length: number };
		spans.push([(runs[i] as { at: number }).at, end.at + end.length]);
		i = close;
	}
	return spans;
}

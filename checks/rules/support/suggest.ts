import { distance } from 'fastest-levenshtein';

/**
 * How many strings a "did you mean" may measure: a floor, plus a share for every candidate and
 * every question, so the work stays linear in what the tree holds. Measuring every heading of a
 * page for every broken link to it is quadratic: 60,000 headings and 15,000 such links took 151 s.
 * Past the budget a question gets no suggestion; trees of ordinary size never reach it.
 */
const budget = { floor: 500_000, perCandidate: 16, perQuestion: 64 };

/** What is left to measure; each question adds its share before it spends. */
export interface SuggestBudget {
	/** Spends `measures` when they fit in what is left (with this question's share), else spends nothing and answers false. */
	afford(measures: number): boolean;
}

export function createSuggestBudget(candidates: number): SuggestBudget {
	let left = budget.floor + budget.perCandidate * candidates;
	return {
		afford(measures) {
			left += budget.perQuestion;
			if (measures > left) return false;
			left -= measures;
			return true;
		},
	};
}

/** The first of `candidates` closest to `asked` (Levenshtein), as fastest-levenshtein's `closest`; `undefined` for none, or past `spend`. */
export function closestWithin(
	asked: string,
	candidates: readonly string[],
	spend: SuggestBudget,
): string | undefined {
	if (candidates.length === 0 || !spend.afford(candidates.length)) return undefined;
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of candidates) {
		const d = distance(asked, candidate);
		if (d < bestDistance) [best, bestDistance] = [candidate, d];
	}
	return best;
}

/** "Did you mean" over one fixed list of names (a page's anchors, its definitions, the alert names). */
export interface Suggester {
	/** The first candidate closest to `asked`, when its distance is at most `limit(asked)`; answers are remembered. */
	suggest(asked: string): string | undefined;
}

/**
 * A suggester over `candidates` that measures only those whose length alone keeps them within the
 * limit (`|a| - |b|` is at most their distance), which gives the answer measuring all of them
 * gives, within a budget for the list (`createSuggestBudget`).
 */
export function createSuggester(
	candidates: readonly string[],
	limit: (asked: string) => number,
): Suggester {
	const byLength = new Map<number, number[]>();
	candidates.forEach((candidate, index) => {
		const same = byLength.get(candidate.length);
		if (same) same.push(index);
		else byLength.set(candidate.length, [index]);
	});
	const spend = createSuggestBudget(candidates.length);
	const answers = new Map<string, string | undefined>();
	return {
		suggest(asked) {
			if (answers.has(asked)) return answers.get(asked);
			const most = limit(asked);
			const buckets: number[][] = [];
			for (let length = Math.max(0, asked.length - most); length <= asked.length + most; length++) {
				const bucket = byLength.get(length);
				if (bucket) buckets.push(bucket);
			}
			const count = buckets.reduce((sum, bucket) => sum + bucket.length, 0);
			let answer: string | undefined;
			if (count > 0 && spend.afford(count)) {
				// Of equally close candidates, the first in the list wins.
				let [bestDistance, bestIndex] = [most, -1];
				for (const bucket of buckets) {
					for (const index of bucket) {
						const d = distance(asked, candidates[index]!);
						if (d < bestDistance || (d === bestDistance && (bestIndex === -1 || index < bestIndex)))
							[bestDistance, bestIndex] = [d, index];
					}
				}
				answer = bestIndex === -1 ? undefined : candidates[bestIndex];
			}
			answers.set(asked, answer);
			return answer;
		},
	};
}

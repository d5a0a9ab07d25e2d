import { expect, test } from 'vitest';
import { afterExpansion } from '../../tools/syntax/expanded-source.ts';

// A page with lines 2–3 pasted from `a.md` before its rewrite, and a rewrite that adds a line at
// the top and pastes line 5 from `b.md` itself: every line keeps where it comes from.
test("the expansion's pasted lines and the rewrite's own both stand, traced through the rewrite's lines", () => {
	const expanded = {
		text: 'own\nA2\nA3\nown',
		origins: [1, 2, 2, 3],
		pasted: [
			undefined,
			{ file: 'a.md', line: 2, text: 'A2' },
			{ file: 'a.md', line: 3, text: 'A3' },
			undefined,
		],
		notes: [{ line: 3, column: 1, message: 'in A3', severity: 'warning' as const }],
	};
	const rewritten = {
		text: 'added\nown\nA2\nA3\nown\nB5',
		origins: [1, 1, 2, 3, 4, 4],
		notes: [],
		pasted: [{ at: 6, count: 1, file: 'b.md', line: 5, shift: 0 }],
	};
	const out = afterExpansion(expanded, rewritten);
	expect(out.pasted).toEqual([
		{ at: 3, count: 2, file: 'a.md', line: 2, shift: 0 },
		{ at: 6, count: 1, file: 'b.md', line: 5, shift: 0 },
	]);
	expect(out.origins).toEqual([1, 1, 2, 2, 3, 3]);
	expect(out.notes).toEqual([{ line: 4, column: 1, message: 'in A3', severity: 'warning' }]);
});

import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { changedTooMuchNotice, diffRenderedHtml } from '../../preview/diff.ts';
import { createDiffBudget } from '../../preview/diff-budget.ts';
import { growthRatio } from '../helpers/growth.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

/** `count` words drawn from a vocabulary of 5,000 by a fixed sequence seeded with `seed`. */
function words(count: number, seed: number): string {
	const random = seededRandom(seed);
	return Array.from({ length: count }, () => `w${pick(random, 5000).toString(36)}`).join(' ');
}

const marks = (html: string) => {
	const { document } = parseHTML(`<body>${html}</body>`);
	const texts = (tag: string) =>
		[...document.querySelectorAll(tag)].map((e) => e.textContent ?? '');
	return {
		ins: texts('ins').length,
		del: texts('del').length,
		inserted: texts('ins').join(''),
		deleted: texts('del').join(''),
	};
};

test('diffs a paragraph rewritten whole in time that grows as its length does', () => {
	// Myers on a rewrite is quadratic: 1,000 words took 2.4 s and 4,000 took 52 s before the budget.
	const rewrite = (n: number) => diffRenderedHtml(`<p>${words(n, 1)}</p>`, `<p>${words(n, 2)}</p>`);
	expect(growthRatio(rewrite, 2_000, 16_000, 5)).toBeLessThan(20);
	// Still a diff: the old text deleted and the new inserted, in its block.
	const { inserted, deleted } = marks(rewrite(16_000).html);
	expect([inserted, deleted]).toEqual([words(16_000, 2), words(16_000, 1)]);
});

test('shows a page rewritten block by block whole, under a notice, in time that grows as the page does', () => {
	const page = (n: number, seed: number) =>
		Array.from({ length: n }, (_, i) => `<p>${words(17, seed + i)}</p>`).join('');
	const rewrite = (n: number) => diffRenderedHtml(page(n, 1), `${page(n, 100_000)}<h2>Added</h2>`);
	expect(growthRatio(rewrite, 250, 2_000, 2)).toBeLessThan(20);
	const large = rewrite(2_000);
	expect(large.whole).toBe(true);
	expect(large.html.startsWith(changedTooMuchNotice)).toBe(true);
	expect(large.counts).toEqual({ inserted: 2_001, deleted: 2_000, changed: 0 });
	expect(marks(large.html)).toMatchObject({ ins: 0, del: 0 });
});

test('diffs a large page with a few edits word by word, as before', () => {
	const paragraphs = Array.from({ length: 3_000 }, (_, i) => `<p>${words(17, i + 1)}</p>`);
	const edited = paragraphs.map((p, i) => (i % 300 === 0 ? p.replace('</p>', ' edited</p>') : p));
	const diff = diffRenderedHtml(paragraphs.join(''), edited.join(''));
	expect([diff.whole, diff.counts]).toEqual([undefined, { inserted: 0, deleted: 0, changed: 10 }]);
	expect(marks(diff.html)).toMatchObject({ ins: 10, del: 0 });
});

test('shows a block too different for what is left deleted whole, then inserted whole', () => {
	const base = '<p>alpha beta gamma delta</p><p>one two three four five six seven</p>';
	const head = '<p>alpha beta gamma epsilon</p><p>uno dos tres cuatro cinco seis siete</p>';
	// Room for the first paragraph's edit, not for Myers on the second.
	const diff = diffRenderedHtml(base, head, createDiffBudget(400));
	expect(diff.whole).toBeUndefined();
	expect(diff.html).toBe(
		'<p>alpha beta gamma <del>delta</del><ins>epsilon</ins></p><p><del>one two three four five six seven</del><ins>uno dos tres cuatro cinco seis siete</ins></p>',
	);
	// The control: with the page's whole budget, the second paragraph is diffed word by word.
	expect(marks(diffRenderedHtml(base, head).html).del).toBeGreaterThan(2);
});

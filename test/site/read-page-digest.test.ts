import { expect, test } from 'vitest';
import { readPageDigest } from '../../integration/page-entry.ts';
import { rewriteOutputs, shownOutputs, type ShownOutput } from '../../src/lib/dialect-source/rewrite-source.ts';
import type { PageModel } from '../../tree/parse-page.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

type Shown = Pick<PageModel, ShownOutput>;

// Values close to one another: empty, missing, the same characters split differently between two
// outputs, the separators the digest writes, and one character apart.
const pieces = ['', 'a', ':', '\0', '-', 'a:1\0', 'Failover', 'Failover: paged', ' ', 'é', '{{#title x}}'];

function randomValue(random: () => number): string | undefined {
	if (random() < 0.2) return undefined;
	return Array.from({ length: pick(random, 3) }, () => pickItem(random, pieces)).join('');
}

function randomPage(random: () => number): Shown {
	const page: Record<string, string | undefined> = {};
	for (const key of shownOutputs) {
		// The text is always there; another output may be missing.
		const value = randomValue(random);
		if (key === 'text') page[key] = value ?? '';
		else if (value !== undefined) page[key] = value;
	}
	return page as unknown as Shown;
}

const same = (a: Shown, b: Shown) => shownOutputs.every((key) => a[key] === b[key]);

test('every output of the dialect rewrite says whether the site shows it, and the digest holds each shown one', () => {
	expect(shownOutputs).toEqual(Object.keys(rewriteOutputs).filter((key) => rewriteOutputs[key as keyof typeof rewriteOutputs] === 'shown'));
	expect(shownOutputs).toContain('text');
	expect(shownOutputs).toContain('tabTitle');
});

test('on generated pages, two digests are equal exactly when every shown output is', () => {
	for (let seed = 1; seed <= 40; seed++) {
		const random = seededRandom(seed);
		const pages = Array.from({ length: 60 }, () => randomPage(random));
		for (const a of pages) {
			for (const b of pages) expect(readPageDigest(a) === readPageDigest(b), JSON.stringify([a, b])).toBe(same(a, b));
			// One shown output changed, the rest as they were: always a new digest.
			for (const key of shownOutputs) {
				const changed = { ...a, [key]: `${a[key] ?? ''}x` };
				expect(readPageDigest(changed), `${key} of ${JSON.stringify(a)}`).not.toBe(readPageDigest(a));
			}
		}
	}
});

test('a title the page does not set and a blank one are different pages', () => {
	expect(readPageDigest({ text: 'a' })).not.toBe(readPageDigest({ text: 'a', tabTitle: '' }));
});

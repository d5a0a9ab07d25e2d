import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { readPageDigest } from '../../integration/page-entry.ts';
import { mdbookInputsFromRecord } from '../../tools/mdbook/includes.ts';
import { shownOutputs, type ShownOutput } from '../../tools/rewrite.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { parsePage } from '../../tree/parse-page.ts';
import type { PageModel } from '../../tree/parse-page.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

type Shown = Pick<PageModel, ShownOutput>;

// Values close to one another: empty, missing, the same characters split differently between two
// outputs, the separators the digest writes, and one character apart.
const pieces = [
	'',
	'a',
	':',
	'\0',
	'-',
	'a:1\0',
	'Failover',
	'Failover: paged',
	' ',
	'é',
	'{{#title x}}',
];

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

// The digest reads the page: each shown output must be kept on it under its own name, as the rewrite gave it.
test('a parsed page keeps every shown output of its rewrite; an included title alone changes its digest (generated)', () => {
	const random = seededRandom(29);
	const titles = [undefined, 'Failover: paged', 'Failover: on call', 'Calm', 'Ops &amp; more'];
	for (let round = 0; round < 60; round++) {
		const title = pickItem(random, titles);
		const files = { 'samples/tab.txt': title === undefined ? '\n' : `{{#title ${title}}}\n` };
		const text = `# Calm\n\n${pickItem(random, ['', 'Breathe.\n\n', '- one\n- two\n\n'])}{{#include samples/tab.txt}}\n`;
		const mdbook = mdbookInputsFromRecord({
			pageBudget: 1024 * 1024,
			files: Object.fromEntries(
				Object.entries(files).map(([path, value]) => [path, { text: value, file: path }]),
			),
		});
		const rewritten = rewriteAs(text, {
			dialect: 'mdbook',
			path: 'calm.md',
			pages: new Set(['calm.md']),
			mdbook,
		});
		const page = parsePage('calm.md', text, { dialect: 'mdbook', inputs: mdbook });
		for (const key of shownOutputs) expect(page[key], key).toBe(rewritten[key]);
		const other = title === 'Calm' ? 'Storm' : 'Calm';
		const retitled = parsePage('calm.md', text, {
			dialect: 'mdbook',
			inputs: mdbookInputsFromRecord({
				pageBudget: 1024 * 1024,
				files: { 'samples/tab.txt': { text: `{{#title ${other}}}\n`, file: 'samples/tab.txt' } },
			}),
		});
		expect(retitled.text).toBe(page.text);
		expect(readPageDigest(retitled)).not.toBe(readPageDigest(page));
	}
});

test('on generated pages, two digests are equal exactly when every shown output is', () => {
	for (let seed = 1; seed <= 40; seed++) {
		const random = seededRandom(seed);
		const pages = Array.from({ length: 60 }, () => randomPage(random));
		const digests = pages.map((page) => readPageDigest(page));
		pages.forEach((a, i) => {
			pages.forEach((b, j) =>
				expect(digests[i] === digests[j], JSON.stringify([a, b])).toBe(same(a, b)),
			);
			// One shown output changed, the rest as they were: always a new digest.
			for (const key of shownOutputs) {
				const changed = { ...a, [key]: `${a[key] ?? ''}x` };
				expect(readPageDigest(changed), `${key} of ${JSON.stringify(a)}`).not.toBe(digests[i]);
			}
		});
	}
});

test('a title the page does not set and a blank one are different pages', () => {
	expect(readPageDigest({ text: 'a' })).not.toBe(readPageDigest({ text: 'a', tabTitle: '' }));
});

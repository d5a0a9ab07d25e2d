import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { parsePage } from '../../tree/parse-page.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A site's own shortcode that names a URL (`button`, `card`) is shown as that link. Its URL went
// into `<…>` as written: `{{< button text="Go" link="https://x/?a=<b>" >}}` gave
// `[Go](<https://x/?a=<b>>)`, which is no link. Generated URLs and labels holding what ends a
// destination or reads as syntax: each becomes one link to the URL, percent-encoded, labelled as written.

const urlParts = [
	'https://dl.example.invalid/x',
	'?a=<b>',
	'&q=a b',
	'/path with spaces',
	'#frag>',
	'?t=\u00a0x',
	'/ok',
];
const labels = ['Go', 'Get *started*', '<b>Bold</b>', 'a [b] c', 'under_score `code`', 'A & B!'];

test.each(Array.from({ length: 40 }, (_, n) => n))(
	'generated button %i: one link to its URL, percent-encoded, labelled by its text',
	(n) => {
		const random = seededRandom(3100 + n);
		let url = urlParts[0] as string;
		for (let i = pick(random, 4); i > 0; i--) url += pickItem(random, urlParts.slice(1));
		const label = random() < 0.8 ? pickItem(random, labels) : undefined;
		const attribute = pickItem(random, ['link', 'href', 'url']);
		const text = `# Start\n\n${label === undefined ? '' : `Then {{< button text="${label}" ${attribute}="${url}" >}} now.`}${label === undefined ? `{{< card ${attribute}="${url}" >}}` : ''}\n`;
		const page = parsePage('ops/start.md', text, { dialect: 'hugo' });
		const encoded = url.replace(/[<>\s]/g, encodeURIComponent);
		expect(
			page.links.map((link) => ({ url: link.url, text: link.text })),
			page.text,
		).toEqual([{ url: encoded, text: label ?? url }]);
		expect(page.text.split('\n')).toHaveLength(text.split('\n').length);
	},
);

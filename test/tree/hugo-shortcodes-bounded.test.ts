import '../helpers/load-tools.ts';
import { expect, test, vi } from 'vitest';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { growthRatio } from '../helpers/growth.ts';

// Pages of 2 MB, each size tried in turn until the ratio is clear: seconds of CPU, which the whole
// suite's load can stretch past the unit project's 20 s (the ratio itself is CPU time, unaffected).
vi.setConfig({ testTimeout: 90_000 });

// Every check and build rewrites a Hugo page's shortcodes, a branch under review's included. The
// first version placed each shortcode by a scan of every line start, looked for each one among all
// escapes, searched from every `{{</*` to the end of the page for its close, gathered each set's
// tabs from every shortcode of the page, and compared every pair of wrappers for their depth (and
// spread them into `Math.max`, which throws past about 100,000), and fenced every level of
// wrappers one colon longer than the one inside it, n² colons for n levels; the shortcode pattern
// tried a run of blanks from each of its characters, and each tag on a long line searched back
// to the line's start. Each shape at n and 8n: linear work
// grows about 8-fold, quadratic work 64-fold; and a page of about 2 MB of each is rewritten.
const shapes: Record<string, (n: number) => string> = {
	'sets of tabs': (n) =>
		Array.from(
			{ length: n },
			(_, i) =>
				`{{< tabpane text=true >}}\n{{% tab header="Linux" %}}\nUse apt ${i}.\n{{% /tab %}}\n{{% tab header="macOS" %}}\nUse brew.\n{{% /tab %}}\n{{< /tabpane >}}\n`,
		).join(''),
	'one set of many tabs': (n) =>
		`{{< tabs >}}\n${Array.from({ length: n }, (_, i) => `{{< tab "T${i}" >}}\nText ${i} and more.\n{{< /tab >}}\n`).join('')}{{< /tabs >}}\n`,
	'plain shortcodes': (n) =>
		Array.from({ length: n }, (_, i) => `{{< youtube v${i} >}}\n`).join(''),
	'escapes never closed': (n) =>
		Array.from({ length: n }, (_, i) => `Write {{</* ref "p${i}" >}} here.\n`).join(''),
	'a run of blanks after an unclosed shortcode': (n) =>
		`# Page\n{{< youtube${' '.repeat(10 * n)}\n`,
	'shortcodes on one long line': (n) =>
		`# Page\n${Array.from({ length: n }, (_, i) => `{{< youtube v${i} >}} `).join('')}\n`,
	'wrappers nested n deep': (n) =>
		`${Array.from({ length: n }, () => '{{< hint >}}\n').join('')}Inside.\n${Array.from({ length: n }, () => '{{< /hint >}}\n').join('')}`,
	'wrappers never closed, then closings of another name': (n) =>
		`${Array.from({ length: n }, () => '{{< hint >}}\n').join('')}${Array.from({ length: n }, () => '{{< /details >}}\n').join('')}`,
};

const rewrite = (text: string) =>
	rewriteAs(text, {
		dialect: 'hugo',
		path: 'ops/page.md',
		pages: new Set(['ops/page.md']),
		params: {},
	});

/** How many units of each shape make a page of at least 2 MB. */
const twoMegabytes = (shape: (n: number) => string): number =>
	Math.ceil(2_000_000 / ((shape(200).length - shape(100).length) / 100));

// Placing a shortcode by its line is cheap beside rewriting it: a scan of the line starts shows
// only on a page of many lines, so that shape is measured larger. So is a page of escapes: at 1,000
// its rewrite takes 0.3 ms and stays in the processor's caches, which 8,000 does not (ratios of
// 19 to 38 on a 2-core machine where 8,000 to 64,000 gives 13 to 14: the edits' sort, and the collector).
const sizes: Record<string, number> = { 'plain shortcodes': 8_000, 'escapes never closed': 8_000 };

test.each(Object.entries(shapes))(
	'rewrites shortcodes in time linear in the page: %s',
	(shape, page) => {
		const small = sizes[shape] ?? 1_000;
		expect(growthRatio((n) => rewrite(page(n)), small, 8 * small)).toBeLessThan(20);
	},
);

test.each(Object.entries(shapes))(
	'rewrites a page of 2 MB, keeping its lines: %s',
	(_shape, page) => {
		const text = page(twoMegabytes(page));
		expect(text.length).toBeGreaterThanOrEqual(2_000_000);
		expect(rewrite(text).text.split('\n')).toHaveLength(text.split('\n').length);
	},
);

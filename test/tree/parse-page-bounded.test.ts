import { expect, test } from 'vitest';
import { parsePage } from '../../tree/parse-page.ts';
import { growthRatio } from '../helpers/growth.ts';

// A raw HTML table of linked rows is one HTML block: each link's line was found by splitting the
// block's text up to it, so a table of 16,000 rows took 2.4 s in that alone. At n and 8n rows:
// linear work grows about 8-fold, quadratic work 64-fold.
const table = (n: number) =>
	`# Home\n\n<table>\n${Array.from({ length: n }, (_, i) => `<tr><td>${i}</td><td><a href="#home">row ${i}</a></td></tr>\n`).join('')}</table>\n`;

test('reads the links of one large HTML block in time linear in it', () => {
	expect(growthRatio((n) => parsePage('README.md', table(n)), 500, 4_000)).toBeLessThan(20);
});

test('places each link of the block at its line and column', () => {
	const page = parsePage('README.md', table(3));
	expect(
		page.links.filter((link) => link.kind === 'html').map((link) => [link.url, link.position]),
	).toEqual([
		['#home', { line: 4, column: 28 }],
		['#home', { line: 5, column: 28 }],
		['#home', { line: 6, column: 28 }],
	]);
});

import { expect, test, vi } from 'vitest';
import { separateMdxFlowLines } from '../../tools/docusaurus/mdx-flow-lines.ts';
import { growthRatio } from '../helpers/growth.ts';

// Pages of 2 MB, each size tried in turn until the ratio is clear: seconds of CPU, which the whole
// suite's load can stretch past the unit project's 20 s (the ratio itself is CPU time, unaffected).
vi.setConfig({ testTimeout: 90_000 });

// A Docusaurus page is rewritten on every check and build, a branch under review's included. The
// first version looked back to the start of the paragraph for every tag line and forward to the
// next block for every block tag: a table of 20,000 rows written without blank lines took 24 s.
// Each shape at n and 8n lines: linear work grows about 8-fold, quadratic work 64-fold.
const shapes: Record<string, (n: number) => string[]> = {
	'a table of rows, no blank line': (n) => [
		'<table>',
		...Array.from({ length: n }, (_, i) => `<tr><td>${i}</td></tr>`),
		'</table>',
	],
	'block tags with text, no blank line': (n) =>
		Array.from({ length: n }, (_, i) => `<div>step ${i}`),
	'a list item going on with tags': (n) => [
		'- item',
		...Array.from({ length: n }, (_, i) => (i % 2 ? `text ${i}` : '<br />')),
	],
};

test.each(Object.entries(shapes))(
	'adds blank lines in time linear in the page: %s',
	(_shape, lines) => {
		expect(growthRatio((n) => separateMdxFlowLines(lines(n)), 1_000, 8_000)).toBeLessThan(20);
	},
);

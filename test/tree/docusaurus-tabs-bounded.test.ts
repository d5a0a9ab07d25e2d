import { expect, test, vi } from 'vitest';
import { literalLines } from '../../tools/syntax/code-lines.ts';
import { dropUnusedTabImports } from '../../tools/docusaurus/tab-imports.ts';
import { rewriteDocusaurusTabs } from '../../tools/docusaurus/tabs.ts';
import { growthRatio } from '../helpers/growth.ts';

// Pages of 2 MB, each size tried in turn until the ratio is clear: seconds of CPU, which the whole
// suite's load can stretch past the unit project's 20 s (the ratio itself is CPU time, unaffected).
vi.setConfig({ testTimeout: 90_000 });

// Every check and build rewrites a Docusaurus page's tabs, a branch under review's included. Shapes
// that would make a naive reader look ahead from every tag (sets never closed, items never closed,
// sets nested thousands deep, admonitions never closed around them), each at n and 8n sets: linear
// work grows about 8-fold, quadratic work 64-fold. None may throw either (a stack or an argument
// list overflowed by the page's size).
const shapes: Record<string, (n: number) => string[]> = {
	'sets never closed': (n) =>
		Array.from({ length: n }, (_, i) => [`<Tabs>`, `<TabItem value="v${i}">`, `text ${i}`]).flat(),
	'items never closed in one set': (n) => [
		'<Tabs>',
		...Array.from({ length: n }, (_, i) => [`<TabItem value="v${i}">`, `text ${i}`]).flat(),
		'</Tabs>',
	],
	'sets nested n deep': (n) => [
		...Array.from({ length: n }, (_, i) => ['<Tabs>', `<TabItem value="v${i}">`]).flat(),
		'text',
		...Array.from({ length: n }, () => ['</TabItem>', '</Tabs>']).flat(),
	],
	'many sets in one item': (n) => [
		'<Tabs>',
		'<TabItem value="a">',
		...Array.from({ length: n }, (_, i) => [
			'<Tabs>',
			`<TabItem value="v${i}">`,
			'text',
			'</TabItem>',
			'</Tabs>',
		]).flat(),
		'</TabItem>',
		'</Tabs>',
	],
	'long admonitions never closed around sets': (n) =>
		Array.from({ length: n }, (_, i) => [
			`::::::::::note`,
			'<Tabs>',
			`<TabItem value="v${i}">`,
			'text',
			'</TabItem>',
			'</Tabs>',
			':::',
		]).flat(),
};

test.each(Object.entries(shapes))(
	'rewrites tabs in time linear in the page: %s',
	(_shape, lines) => {
		const rewrite = (n: number) => {
			const page = lines(n);
			rewriteDocusaurusTabs(page, literalLines(page));
		};
		expect(growthRatio(rewrite, 1_000, 8_000)).toBeLessThan(20);
		expect(() => rewrite(100_000)).not.toThrow();
	},
);

test('drops unused tab imports in time linear in the page, however many there are', () => {
	const drop = (n: number) => {
		const page = Array.from({ length: n }, (_, i) =>
			i % 2 ? "import Tabs from '@theme/Tabs';" : `text ${i}`,
		);
		dropUnusedTabImports(page, literalLines(page));
	};
	expect(growthRatio(drop, 2_000, 16_000)).toBeLessThan(20);
});

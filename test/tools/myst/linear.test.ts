import '../../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { growthRatio } from '../../helpers/growth.ts';
import { rewriteAs } from '../../helpers/tool-reading.ts';

// Blocks of more than one line, which the shared growth test (one line repeated) never writes: a
// run of `(label)=` targets, each looking for the heading after it, and of directives whose `---`
// options never close, each looking for its closing `---`. Each must cost the page's length.
const shapes = {
	'labels each before a blank line': (i: number) => `(label-${i})=\n\n`,
	'labels glued': (i: number) => `(label-${i})=\n`,
	'directives with options never closed': () => '```{note}\n---\n',
	'colon directives with options never closed': () => ':::{note}\n---\nclass: x\n',
	'closed directives whose options never close': () => ':::{note}\n---\nclass: x\n:::\n',
	'directives with options closed': () => ':::{note}\n---\nclass: x\n---\nBody.\n:::\n',
};

const rewrite = (text: string) =>
	rewriteAs(`# Page\n\n${text}`, {
		dialect: 'myst',
		path: 'ops/page.md',
		pages: new Set(['ops/page.md']),
	});

test.each(Object.entries(shapes))(
	'%s: 8 times the blocks cost about 8 times as much',
	(_name, block) => {
		const page = (n: number) => Array.from({ length: n }, (_, i) => block(i)).join('');
		// Quadratic work grows about 64-fold; 30 leaves room for cache effects.
		expect(growthRatio((n) => rewrite(page(n)), 1_000, 8_000, 2)).toBeLessThan(30);
	},
);

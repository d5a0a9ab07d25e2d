import { expect, test } from 'vitest';
import { splitExplicitId } from '../../markdown/anchors.ts';
import { splitAttrList } from '../../tools/mkdocs/attr-lists.ts';
import { growthRatio } from '../helpers/growth.ts';

// Every heading of a page is split on every check and build, a branch under review's included. The
// expressions for `{#id}` and an attr_list, retried at every start, took 10 s on a 160 KB heading
// of ` {` and 11 s on one with a long run of spaces. Each shape at n/8 and n characters: linear work
// grows about 8-fold, quadratic work 64-fold.
const shapes: Record<string, (n: number) => string> = {
	'a run of ` {`': (n) => `Title${' {'.repeat(n / 2)}`,
	'a run of spaces, then text': (n) => `Title${' '.repeat(n)}x`,
	'a run of spaces, then `{`': (n) => `Title${' '.repeat(n)}{`,
	'a run of ` {#`, then `}`': (n) => `Title${' {#'.repeat(n / 3)} }`,
	'a run of spaces inside the braces': (n) => `Title {${' '.repeat(n)}}`,
};
const splitters = { splitExplicitId, splitAttrList };

/** The same text as one flat string: reading a character flattens a rope. */
function flat(text: string): string {
	return text.charCodeAt(text.length - 1) >= 0 ? text : text;
}

test.each(
	Object.entries(splitters).flatMap(([name, split]) =>
		Object.entries(shapes).map(([shape, text]) => [name, shape, split, text] as const),
	),
)('%s splits a heading in time linear in its length: %s', (_name, _shape, split, text) => {
	// Made and flattened before the clock starts: V8 leaves a long concatenation as a rope, which
	// the first read flattens (linear in it, but skipped at the small size), so timing its making
	// measured V8's strings, not the split.
	const inputs = new Map([20_000, 160_000].map((n) => [n, flat(text(n))]));
	expect(growthRatio((n) => split(inputs.get(n) as string), 20_000, 160_000)).toBeLessThan(20);
});

test('splits the id off a long heading as before', () => {
	const title = `Title${' '.repeat(160_000)}`;
	expect(splitExplicitId(`${title}{#restore}`)).toEqual({ text: 'Title', id: 'restore' });
	expect(splitAttrList(`${title}{: #restore .wide }`)).toEqual({ text: 'Title', id: 'restore' });
	expect(splitAttrList(`Title${' {'.repeat(80_000)} #restore }`)).toEqual({
		text: 'Title',
		id: 'restore',
	});
});

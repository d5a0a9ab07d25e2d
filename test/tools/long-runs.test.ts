import { expect, test } from 'vitest';
import { gitbookSpaceTitle } from '../../tools/gitbook/space-title.ts';
import { mayInclude } from '../../tools/myst/includes.ts';
import { atxHeading } from '../../tools/syntax/atx-heading.ts';
import { regionLines } from '../../tools/vitepress/regions.ts';
import { growthRatio } from '../helpers/growth.ts';

// Lines a branch writes may hold a run of one character as long as it likes: blanks inside a
// heading or a region marker, a fence of any length. A pattern that tries every split of such a
// run (`(.*?)\s*$`, `` `{3,}\{ `` from every place) costs the run's length squared, and these run
// on every page, included file or snippet. Each reader below, fed every shape of run at n and 8n
// characters, must grow about 8-fold.

const run = (char: string, n: number) => char.repeat(n);
const blanks = [' ', '\t'];

/** Region markers of every comment style VitePress reads, with a run after the name. */
const markers = [
	'// #region',
	'# region',
	'#pragma region',
	'<!-- #region',
	'/* #region',
	'(* #region',
	'"// #region',
];

const readers: Record<string, Array<(n: number) => unknown>> = {
	'an ATX heading': blanks.flatMap((blank) => [
		(n) => atxHeading(`# a${run(blank, n)}b`),
		(n) => atxHeading(`# a${run(blank, n)}`),
		(n) => atxHeading(`#${run(blank, n)}#${run(blank, n)}x`),
		(n) => atxHeading(`## ${run('#', n)} x`),
	]),
	"a GitBook space's title": blanks.flatMap((blank) => [
		(n) => gitbookSpaceTitle(`# a${run(blank, n)}b\n`, undefined),
		(n) => gitbookSpaceTitle(undefined, `# Ops${run(blank, n)}x ##\n`),
	]),
	'a VitePress region': markers.flatMap((marker) =>
		blanks.map(
			(blank) => (n: number) =>
				regionLines(
					[`${marker} a${run(blank, n)}b`, 'x', `${marker.replace('region', 'endregion')}`],
					'a',
					true,
				),
		),
	),
	'a MyST include mark': ['`', '~', ':'].flatMap((fence) => [
		(n: number) => mayInclude(run(fence, n)),
		(n: number) => mayInclude(`${run(fence, n)}{includ`),
	]),
};

test.each(Object.entries(readers))(
	'%s costs the length of a long run, not its square',
	(_name, reads) => {
		for (const read of reads) expect(growthRatio(read, 5_000, 40_000, 2)).toBeLessThan(30);
	},
);

test('the readers still read what they read', () => {
	expect(atxHeading('## Restore the backup ##  ')).toEqual({
		level: 2,
		text: 'Restore the backup',
	});
	expect(atxHeading('# C#')).toEqual({ level: 1, text: 'C#' });
	expect(atxHeading('#5 bolt')).toBeUndefined();
	expect(atxHeading('    # code')).toBeUndefined();
	expect(atxHeading('#')).toEqual({ level: 1, text: '' });
	expect(atxHeading('### ###')).toEqual({ level: 3, text: '' });
	expect(regionLines(['<!-- #region a -->', 'x', '<!-- #endregion a -->'], 'a', true)).toEqual([
		'x',
	]);
	expect(regionLines(['"// #region a": "",', 'x', '"// #endregion a": "",'], 'a', true)).toEqual([
		'x',
	]);
	expect(regionLines(['<!-- #region a', 'x'], 'a', true)).toBeUndefined();
	expect(mayInclude('```{include} a.md')).toBe(true);
	expect(mayInclude(':::{literalinclude} a.py')).toBe(true);
	expect(mayInclude('{include} a.md')).toBe(false);
});

import { expect, test } from 'vitest';
import { shardGlobs } from '../../integration/pagefind-index.ts';

const counts = (entries: Array<[string, number]>) => new Map(entries);

test('indexes a site within the limit in one index, with Pagefind’s own glob', () => {
	expect(shardGlobs(counts([['', 3], ['ops', 4000 - 3]]), 4000)).toEqual([undefined]);
});

test('packs whole top-level folders in name order, the top pages in the first shard', () => {
	const globs = shardGlobs(counts([['', 2], ['storage', 3000], ['billing', 2500], ['edge', 1000], ['network', 500]]), 4000);
	expect(globs).toEqual(['{*.html,billing/**/*.html,edge/**/*.html}', '{network/**/*.html,storage/**/*.html}']);
});

test('gives a folder larger than the limit a shard of its own', () => {
	expect(shardGlobs(counts([['', 1], ['big', 9000], ['small', 10]]), 4000)).toEqual(['*.html', 'big/**/*.html', 'small/**/*.html']);
});

test('writes a folder name with glob characters as a literal', () => {
	expect(shardGlobs(counts([['a{b}', 3], ['c*', 3]]), 4)).toEqual(['a\\{b\\}/**/*.html', 'c\\*/**/*.html']);
});

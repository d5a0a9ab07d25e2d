import { describe, expect, test } from 'vitest';
import { planShards, shardLimit } from '../../integration/search-shard-plan.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

const pages = (folder: string, n: number) =>
	Array.from({ length: n }, (_, i) => `${folder}p${i}/index.html`);

test('indexes a site within the limit as one shard', () => {
	expect(planShards(['index.html', ...pages('ops/', 3)], 4)).toEqual([
		['index.html', ...pages('ops/', 3)],
	]);
});

test('keeps whole folders together, packed in path order, the top page in the first shard', () => {
	const files = [
		'index.html',
		...pages('billing/', 3),
		...pages('edge/', 2),
		...pages('network/', 4),
	];
	expect(planShards(files, 6)).toEqual([
		['index.html', ...pages('billing/', 3), ...pages('edge/', 2)],
		pages('network/', 4),
	]);
});

test('cuts a folder larger than the limit along its subfolders', () => {
	const files = [
		'index.html',
		'big/index.html',
		...pages('big/a/', 3),
		...pages('big/b/', 3),
		...pages('small/', 1),
	];
	expect(planShards(files, 4)).toEqual([
		['index.html', 'big/index.html'],
		pages('big/a/', 3),
		[...pages('big/b/', 3), ...pages('small/', 1)],
	]);
});

test('grows shards with the site, between 100 and 4,000 pages', () => {
	expect([500, 3000, 20_000, 100_000, 200_000].map(shardLimit)).toEqual([
		100, 100, 667, 3334, 4000,
	]);
});

describe('on generated sites', () => {
	test.each(Array.from({ length: 30 }, (_, seed) => [seed]))(
		'puts every page in exactly one shard within the limit, the same way twice (seed %i)',
		(seed) => {
			const random = seededRandom(seed);
			const folders = [''];
			for (let i = 0; i < 12; i++) folders.push(`${folders[pick(random, folders.length)]}f${i}/`);
			const files = [
				...new Set(
					Array.from(
						{ length: 200 },
						(_, i) =>
							`${folders[pick(random, folders.length)]}${random() < 0.2 ? '' : `p${i}/`}index.html`,
					),
				),
			];
			const limit = 5 + pick(random, 40);
			const shards = planShards(files, limit);
			expect(shards.flat().sort()).toEqual([...files].sort());
			// A folder's own page can stand alone, but no shard outgrows the limit.
			for (const shard of shards) expect(shard.length).toBeLessThanOrEqual(limit);
			if (files.includes('index.html')) expect(shards[0]).toContain('index.html');
			expect(planShards([...files].reverse(), limit)).toEqual(shards);
		},
	);

	test('keeps the shards before a folder that gained a page', () => {
		const files = [
			'index.html',
			...['a', 'b', 'c', 'd', 'e', 'f'].flatMap((folder) => pages(`${folder}/`, 5)),
		];
		const before = planShards(files, 10);
		const after = planShards([...files, 'd/new/index.html'], 10);
		const edited = before.findIndex((shard) => shard.some((file) => file.startsWith('d/')));
		expect(edited).toBeGreaterThan(0);
		expect(after.slice(0, edited)).toEqual(before.slice(0, edited));
		expect(after).not.toEqual(before);
	});
});

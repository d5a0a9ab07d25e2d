import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeSearchIndex } from '../../integration/pagefind-index.ts';
import { repoRoot } from '../helpers/fixture.ts';
import { copyOfSite, sharedSite } from '../helpers/shared-build.ts';

// Every file of a built site is loaded by something in it (a page, a stylesheet, a script, a JSON
// file names it), whatever wrote the file: the tree, Astro, Pagefind or Waymark. Pagefind's
// ready-made interfaces were published in every shard for nobody; the next file of that kind fails here.
const { filesUsedByNothing } = (await import(
	pathToFileURL(join(repoRoot, 'bench/lib/unused-output.mjs')).href
)) as { filesUsedByNothing: (outDir: string) => Promise<string[]> };
const fixture = resolve(repoRoot, 'test/fixtures/site-basic');
let tmp: string;

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/used-by-nothing-'));
}, 60_000);

afterAll(async () => {
	await rm(tmp, { recursive: true, force: true });
});

test('a built site publishes no file that nothing in it loads, its search index in shards too', async () => {
	const built = await sharedSite([
		'--root',
		join(fixture, 'guidebooks'),
		'--config',
		join(fixture, 'waymark.config.yaml'),
	]);
	expect(built.code, built.stderr).toBe(0);
	// A copy: its index is made again below.
	const dist = await copyOfSite(built, join(tmp, 'dist'));
	expect(await filesUsedByNothing(dist)).toEqual([]);
	// Indexed again in shards of one page each, so every shard's folder is looked at too.
	await rm(join(dist, 'pagefind'), { recursive: true });
	expect((await writeSearchIndex(`${dist}/`, { pagesPerShard: 1 })).shards).toBeGreaterThan(1);
	expect(await filesUsedByNothing(dist)).toEqual([]);
}, 180_000);

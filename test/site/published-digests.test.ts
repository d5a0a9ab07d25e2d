import { randomBytes } from 'node:crypto';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishedDigests } from '../../integration/published-digests.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

// The files published beside the pages count by their bytes: a fresh checkout of the same commit
// (every file written again: new time, new inode) publishes the same files, and one changed byte
// is another file. Files unchanged on disk are not read again.

let dir: string;

beforeAll(async () => {
	dir = await writeFixture({ '.keep': '' });
});

afterAll(async () => {
	await removeFixture(dir);
});

test.each([1, 2, 3, 4, 5, 6])('by bytes, not by time or inode (files %i)', async (seed) => {
	const random = seededRandom(20261129 + seed);
	const files = Array.from({ length: 1 + pick(random, 20) }, (_, i) => ({
		from: join(dir, `${seed}-${i}.bin`),
	}));
	for (const { from } of files) await writeFile(from, randomBytes(pick(random, 70_000)));
	const first = await publishedDigests(files, undefined);

	// Checked out again: the same bytes in new files, with the time of the checkout. What the last
	// build knew of them says "stale", so a digest that matches was read again.
	for (const [i, { from }] of files.entries()) {
		const bytes = await readFile(from);
		await rm(from);
		await writeFile(from, bytes);
		await utimes(from, 1_700_000_000 + i, 1_700_000_000 + i);
	}
	const stale = Object.fromEntries(
		Object.entries(first).map(([from, entry]) => [from, { ...entry, digest: 'stale' }]),
	);
	const again = await publishedDigests(files, stale);
	for (const { from } of files) expect(again[from]?.digest).toBe(first[from]?.digest);

	// One byte changed in one file: that file's digest alone changes.
	const changed = files[pick(random, files.length)]?.from ?? '';
	const bytes = await readFile(changed);
	await writeFile(changed, Buffer.concat([bytes, Buffer.from([pick(random, 256)])]));
	const edited = await publishedDigests(files, again);
	for (const { from } of files)
		expect(edited[from]?.digest === again[from]?.digest, from).toBe(from !== changed);

	// Unchanged on disk: the digest the last build had, without reading the file.
	const known = Object.fromEntries(
		Object.entries(edited).map(([from, entry]) => [from, { ...entry, digest: `kept ${from}` }]),
	);
	const kept = await publishedDigests(files, known);
	for (const { from } of files) expect(kept[from]?.digest).toBe(`kept ${from}`);
});

test('a file that is gone is `missing`', async () => {
	const from = join(dir, 'gone.bin');
	expect((await publishedDigests([{ from }], undefined))[from]?.digest).toBe('missing');
});

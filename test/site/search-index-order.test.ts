import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeSearchIndex } from '../../integration/pagefind-index.ts';
import { walkOrder } from '../../integration/search-shard.ts';
import { repoRoot } from '../helpers/fixture.ts';

// On tmpfs a folder lists its entries in an order that follows when they were made, so Pagefind
// met a site's pages in the order the build wrote them (with Astro generating four pages at a time, two builds of
// the same pages gave different search files). The index must not follow the writer: the same
// pages, written in generated orders, give the same index, byte for byte, whole and in shards,
// indexed directly and through the store's cache of shards (the build's way).
// A page beside a folder of the same name (`svc-1.html`, `svc-1/`), as a tree's own HTML can be.
const pages = Array.from(
	{ length: 30 },
	(_, n) =>
		`${['ops', 'db', 'net'][n % 3]}/svc-${n % 5}${n % 7 === 0 ? '.html' : `/${n % 2 === 0 ? 'index.html' : `page-${n}/index.html`}`}`,
);
const files = [...new Set(['index.html', ...pages])];

// tmpfs lists a folder's entries by when they were made (ext4 in the order of their names'
// hashes, which hides the fault): the site goes there where the machine has it.
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** `files` in an order drawn from `seed`. */
function shuffled(seed: number): string[] {
	let state = seed;
	const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
	const order = [...files];
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[order[i], order[j]] = [order[j] as string, order[i] as string];
	}
	return order;
}

/** Every file under `dir`, by path, with its bytes in base64. */
async function contents(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile())
			out[relative(dir, join(entry.parentPath, entry.name))] = (
				await readFile(join(entry.parentPath, entry.name))
			).toString('base64');
	}
	return out;
}

async function indexWrittenInOrder(
	order: string[],
	pagesPerShard: number,
	cached: boolean,
	on = base,
): Promise<Record<string, string>> {
	const outDir = await mkdtemp(join(on, 'waymark-search-order-'));
	made.push(outDir, `${outDir}-cache`);
	for (const file of order) {
		const n = files.indexOf(file);
		await mkdir(join(outDir, file, '..'), { recursive: true });
		await writeFile(
			join(outDir, file),
			`<!doctype html><html lang="en"><head><title>Page ${n}</title></head><body><main data-pagefind-body><h1 id="h${n}">Page ${n}</h1><p>restart replica ${n} and word${n % 4}</p></main></body></html>`,
		);
	}
	await writeSearchIndex(outDir, { pagesPerShard, ...(cached && { cacheDir: `${outDir}-cache` }) });
	return contents(join(outDir, 'pagefind'));
}

test.each([
	[100, false],
	[6, false],
	[100, true],
	[6, true],
])(
	'the same index whatever order the pages were written in (%i pages a shard, through the cache: %s)',
	async (pagesPerShard, cached) => {
		const first = await indexWrittenInOrder(files, pagesPerShard, cached);
		expect(Object.keys(first).length).toBeGreaterThan(3);
		for (const seed of [1, 2, 3])
			expect(await indexWrittenInOrder(shuffled(seed), pagesPerShard, cached)).toEqual(first);
	},
	120_000,
);

// Each file system lists a folder's entries in its own order: the order they were made or newest
// first (tmpfs), by a hash of their names seeded per file system (ext4). The state folder's file
// system must not change the index: the same pages, through the cache on tmpfs and on the
// checkout's file system, give the same index.
const checkout = join(repoRoot, 'test/.tmp');

test.each([100, 6])(
	'the same index on any file system (%i pages a shard)',
	async (pagesPerShard) => {
		await mkdir(checkout, { recursive: true });
		const here = await indexWrittenInOrder(files, pagesPerShard, true, checkout);
		expect(Object.keys(here).length).toBeGreaterThan(3);
		expect(await indexWrittenInOrder(shuffled(4), pagesPerShard, true, base)).toEqual(here);
	},
	120_000,
);

test('walkOrder meets a folder’s pages where the folder is, in name order', () => {
	expect(
		walkOrder(['b.html', 'a.html', 'a/z.html', 'a/index.html', 'a-b/index.html', 'index.html']),
	).toEqual(['a/index.html', 'a/z.html', 'a-b/index.html', 'a.html', 'b.html', 'index.html']);
});

import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, expect, test } from 'vitest';
import { writeSearchIndex } from '../../integration/pagefind-index.ts';
import type { SearchShard } from '../../integration/search-shards.ts';

// Pagefind is handed the pages of each shard in one glob: every character a file name may hold
// (ASCII punctuation but `/`, spaces and Unicode, a backslash too) must reach its index, in
// folders of several shards, each result at its page's URL.
const punctuation = Array.from({ length: 0x7f - 0x21 }, (_, i) =>
	String.fromCharCode(0x21 + i),
).filter((c) => !/[\w/]/.test(c));
const characters = [
	...punctuation,
	' ',
	'é',
	'😀',
	'\u00a0',
	'\u200b',
	'\u0301',
	'\u202e',
	'\u3000',
];
const folders = characters.map((c, i) => `f${i}${c}/`);
const files = [
	'index.html',
	...folders.flatMap((folder, i) => [
		`${folder}index.html`,
		`${folder}p${characters[i]}q/index.html`,
	]),
];

let outDir: string;

afterAll(async () => {
	if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Every result URL of the index under `pagefind/`: each fragment's, behind its shard's base. */
async function resultUrls(site: string): Promise<string[]> {
	const shards = JSON.parse(
		await readFile(join(site, 'pagefind', 'waymark-shards.json'), 'utf8'),
	) as SearchShard[];
	const indexes = [{ index: '', base: '' }, ...shards];
	const urls: string[] = [];
	for (const { index, base } of indexes) {
		const fragments = join(site, 'pagefind', index, 'fragment');
		for (const name of await readdir(fragments)) {
			// A fragment is gzipped `pagefind_dcd` followed by its JSON.
			const fragment = JSON.parse(
				gunzipSync(await readFile(join(fragments, name)))
					.toString('utf8')
					.slice('pagefind_dcd'.length),
			) as { url: string };
			urls.push(decodeURIComponent(`/${base}${fragment.url.replace(/^\//, '')}`));
		}
	}
	return urls.sort();
}

test('indexes pages whose names hold any character, each at its URL, across shards', async () => {
	outDir = await mkdtemp(join(tmpdir(), 'waymark-pagefind-names-'));
	for (const [n, file] of files.entries()) {
		await mkdir(join(outDir, file, '..'), { recursive: true });
		await writeFile(
			join(outDir, file),
			`<!doctype html><html lang="en"><head><title>Page ${n}</title></head><body><main data-pagefind-body><h1>Page ${n}</h1><p>word${n}</p></main></body></html>`,
		);
	}
	const result = await writeSearchIndex(outDir, { pagesPerShard: 7 });
	expect(result.pages).toBe(files.length);
	// The positive control: the site was cut into shards, each from its own folder.
	expect(result.shards).toBeGreaterThan(5);
	expect(await resultUrls(outDir)).toEqual(
		files.map((file) => `/${file.replace(/index\.html$/, '')}`).sort(),
	);
}, 120_000);

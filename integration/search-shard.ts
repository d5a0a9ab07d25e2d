import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generatedRoutes } from '../markdown/routes.ts';
import { planShards, shardLimit } from './search-shard-plan.ts';
import { PagefindError, type PagefindModule } from './pagefind-process.ts';

// One shard of the search index as Pagefind makes it: which pages, handed over in which order,
// with which settings, and the name its index is kept under. `pagefind-index.ts` indexes shards
// once every page is written and `search-feed.ts` while they are written; both go through here,
// so the same pages give the same files either way.

/**
 * Left out of the index, so excerpts never show them: a diagram's mermaid source (the drawn
 * diagram's labels stay searchable), whether shown beside the drawing, drawn in the browser or
 * printed because it failed.
 */
const excludeSelectors = ['.wm-diagram__source', '.wm-diagram pre'];

type PagefindIndex = NonNullable<Awaited<ReturnType<PagefindModule['createIndex']>>['index']>;

/** An empty Pagefind index with the site's settings. The same pages added in the same order, from disk or handed over with their HTML, give the same files. */
export async function newSearchIndex(pagefind: PagefindModule): Promise<PagefindIndex> {
	const { index, errors } = await pagefind.createIndex({
		includeCharacters: '_',
		excludeSelectors,
	});
	if (!index) throw new PagefindError(`Pagefind could not start: ${errors.join('; ')}`);
	return index;
}

/** Writes `index` to `outputPath` without the ready-made interfaces; the pages it holds. */
export async function writeIndexFiles(index: PagefindIndex, outputPath: string): Promise<number> {
	const written = await index.writeFiles({ outputPath });
	if (written.errors.length > 0)
		throw new PagefindError(`Pagefind could not write its files: ${written.errors.join('; ')}`);
	await dropReadyMadeInterfaces(outputPath);
	// Pages without a `[data-pagefind-body]` are read but not indexed; the entry file counts those indexed.
	return indexedPages(outputPath);
}

/**
 * A shard's pages (relative to its folder) in the order they are handed to Pagefind, which numbers
 * them so: those a glob can name in `walkOrder`, then those it cannot, as listed.
 */
export function indexOrder(names: readonly string[]): string[] {
	return [...walkOrder(names.filter(globbable)), ...names.filter((name) => !globbable(name))];
}

/**
 * `names` (`/`-separated) in the order Pagefind indexes them: a page at a time, in the order a walk
 * meets them where every folder lists its entries by name (`a/index.html` before `a.html`).
 * Pagefind numbers pages in the order it meets them, and one walk of a folder meets them in the
 * order the file system lists its entries: the order they were made on one tmpfs, newest first on
 * another, by a hash of their names seeded per file system on ext4. The index followed the order the
 * build wrote the pages in and the file system the site was on. A page at a time (a literal glob
 * walks no other folder) it follows neither, for about 1 ms a page in messages to Pagefind.
 */
export function walkOrder(names: readonly string[]): string[] {
	const segments = new Map(names.map((name) => [name, name.split('/')]));
	return [...names].sort((a, b) =>
		compareSegments(segments.get(a) as string[], segments.get(b) as string[]),
	);
}

function compareSegments(a: string[], b: string[]): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		const [x, y] = [a[i] as string, b[i] as string];
		if (x !== y) return x < y ? -1 : 1;
	}
	return a.length - b.length;
}

/** Pagefind's ready-made search interfaces, which every index comes with: the site's search box uses none of them. */
const readyMadeInterface = /^pagefind-(?:ui|component-ui|modular-ui|highlight)\./;

/** Leaves out of a shard in the site what no page loads: 430 KiB a shard (3 MiB of 7 at 500 pages). */
export async function dropReadyMadeInterfaces(shard: string): Promise<void> {
	for (const name of await readdir(shard))
		if (readyMadeInterface.test(name)) await rm(join(shard, name), { force: true });
}

/**
 * The folder each shard's URLs are from: the site's top for the first (the index the search box
 * loads first), else the folder all its pages are in (`shardFolder`).
 */
export function shardFolders(shards: readonly string[][]): string[] {
	return shards.map((shard, n) => (n === 0 ? '' : shardFolder(shard)));
}

/** The folder every file of a shard is in, with its slash (`billing/crm-01/`), or `''`. */
function shardFolder(files: string[]): string {
	let common = (files[0] ?? '').split('/').slice(0, -1);
	for (const file of files) {
		const parts = file.split('/');
		let same = 0;
		while (same < common.length && same < parts.length - 1 && parts[same] === common[same]) same++;
		common = common.slice(0, same);
	}
	return common.map((part) => `${part}/`).join('');
}

/**
 * A file name as a literal in Pagefind's glob (the `wax` crate), which escapes its metacharacters
 * only: `\!` or `\#` is a glob it cannot parse, and a backslash of the name itself has no escape
 * that parses (`globbable`). Every ASCII punctuation and Unicode name is tested by
 * test/site/url-significant-names.build.test.ts.
 */
export function globEscape(name: string): string {
	return name.replace(/[*?[\]{},:<>()$]/g, (c) => `\\${c}`);
}

export function globbable(name: string): boolean {
	return !name.includes('\\');
}

/** A page's bytes, as one hex digest. */
export function pageDigest(bytes: Uint8Array | string): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A digest of a shard: the folder its URLs are from (`shardFolders`) and its pages, paths and
 * bytes (`pageDigest`), in the shard's order; the name its index is kept under. Two indexes of the
 * same digest are the same files.
 */
export function shardDigest(
	folder: string,
	pages: ReadonlyArray<{ path: string; digest: string }>,
): string {
	const hash = createHash('sha256').update(`${folder}\0`);
	for (const { path, digest } of pages) hash.update(`${path}\0${digest}\0`);
	return hash.digest('hex').slice(0, 32);
}

/** What names a shard among those planned: its pages, in order. */
export function shardKey(files: readonly string[]): string {
	return files.join('\n');
}

/** Pages in the index written to `outputPath`, over its languages. */
export async function indexedPages(outputPath: string): Promise<number> {
	const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
		languages: Record<string, { page_count: number }>;
	};
	return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/**
 * The site's own pages, which no file of the tree backs (the generated routes and the 404 page):
 * nothing to search, no `[data-pagefind-body]`. Pagefind leaves such a page out only when another
 * page of the same run has one: in a shard of their own, it would index their whole body,
 * navigation and all.
 */
const notSearched = new Set([
	'404.html',
	...[...generatedRoutes].map((route) => join(route, 'index.html').slice(1)),
]);

/** Whether the search index holds the site's HTML file `path` (relative to the output, `/`-separated): every one but the generated routes, the 404 page and Pagefind's own. */
export function isSearched(path: string): boolean {
	return path.endsWith('.html') && !notSearched.has(path) && !path.startsWith('pagefind/');
}

/** The shards of a site whose HTML files are `files`: those searched (`isSearched`), in path order, cut by `planShards`. The same files always give the same shards. */
export function planSearchShards(files: readonly string[], pagesPerShard?: number): string[][] {
	const searched = files.filter(isSearched).sort();
	return planShards(searched, pagesPerShard ?? shardLimit(searched.length));
}

import { createHash } from 'node:crypto';
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { generatedRoutes } from '../src/lib/routes.ts';
import pLimit from 'p-limit';
import { searchShardsFile } from '../src/lib/search-shards.ts';
import { planShards, shardLimit } from './search-shards.ts';

/**
 * Left out of the index, so excerpts never show them: a diagram's mermaid source (the drawn
 * diagram's labels stay searchable), whether shown beside the drawing, drawn in the browser or
 * printed because it failed.
 */
const excludeSelectors = ['.wm-diagram__source', '.wm-diagram pre'];

/** What `writeSearchIndex` did: pages in the index, shards, and the shards indexed again (the others came from the cache). */
export interface SearchIndexResult {
	pages: number;
	shards: number;
	indexed: number;
}

export interface SearchIndexOptions {
	/** Where shards are kept between builds, by a digest of their pages; none: every shard is indexed. */
	cacheDir?: string;
	/** @default `shardLimit` of the site's size */
	pagesPerShard?: number;
}

/**
 * Indexes the built site with Pagefind's Node API into `<outDir>/pagefind/` (further shards in
 * `pagefind/shard-N/`, listed in `pagefind/waymark-shards.json`; `search-shards.ts` cuts them).
 * Only `[data-pagefind-body]` (the page's article) is indexed, so navigation never matches; its
 * headings' ids give the sections search results link to. A shard whose pages are byte for byte
 * those of a shard in `cacheDir` is copied from there: Pagefind writes the same files for the same
 * pages, so the index is the one a clean build writes.
 */
export async function writeSearchIndex(outDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
	const files = await searchedPages(outDir);
	const shards = planShards(files, options.pagesPerShard ?? shardLimit(files.length));
	const names = shards.map((_, n) => (n === 0 ? '' : `shard-${n}`));
	const limit = pLimit(2);
	let indexed = 0;
	const used = new Set<string>();
	const pagefind = await import('pagefind');
	try {
		const pages = await Promise.all(
			shards.map((shard, n) =>
				limit(async () => {
					const documents = await Promise.all(shard.map(async (path) => ({ path, content: await readFile(join(outDir, path), 'utf8') })));
					const target = join(outDir, 'pagefind', names[n] ?? '');
					if (!options.cacheDir) {
						indexed++;
						return indexShard(pagefind, documents, target);
					}
					const kept = join(options.cacheDir, shardDigest(documents));
					used.add(kept);
					const cached = await indexedPages(kept).catch(() => undefined);
					if (cached === undefined) {
						indexed++;
						await rm(kept, { recursive: true, force: true });
						await indexShard(pagefind, documents, kept);
					}
					await cp(kept, target, { recursive: true });
					return cached ?? indexedPages(kept);
				}),
			),
		);
		await writeFile(join(outDir, 'pagefind', searchShardsFile), `${JSON.stringify(names.slice(1).map((name) => `${name}/`))}\n`);
		if (options.cacheDir) await pruneShards(options.cacheDir, used);
		return { pages: pages.reduce((a, b) => a + b, 0), shards: shards.length, indexed };
	} finally {
		// Pagefind's process goes with its indexes, and with it the memory they held.
		await pagefind.close();
	}
}

type PagefindModule = typeof import('pagefind');

/** One Pagefind index of `documents`, written to `outputPath`; the pages it holds. */
async function indexShard(pagefind: PagefindModule, documents: Array<{ path: string; content: string }>, outputPath: string): Promise<number> {
	const { index, errors } = await pagefind.createIndex({ includeCharacters: '_', excludeSelectors });
	if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
	try {
		for (const { path, content } of documents) {
			const added = await index.addHTMLFile({ sourcePath: path, content });
			if (added.errors.length > 0) throw new Error(`Pagefind could not index ${path}: ${added.errors.join('; ')}`);
		}
		const written = await index.writeFiles({ outputPath });
		if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
		// Pages without a `[data-pagefind-body]` are read but not indexed; the entry file counts those indexed.
		return await indexedPages(outputPath);
	} finally {
		await index.deleteIndex();
	}
}

/** A digest of a shard's pages, paths and bytes: the name it is kept under. */
function shardDigest(documents: Array<{ path: string; content: string }>): string {
	const hash = createHash('sha256');
	for (const { path, content } of documents) hash.update(`${path}\0${content}\0`);
	return hash.digest('hex').slice(0, 32);
}

/** Removes kept shards this build did not use: a page changed, so that shard will not come back. */
async function pruneShards(cacheDir: string, used: Set<string>): Promise<void> {
	const names = await readdir(cacheDir).catch(() => [] as string[]);
	await Promise.all(names.map((name) => join(cacheDir, name)).filter((dir) => !used.has(dir)).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Pages in the index written to `outputPath`, over its languages. */
async function indexedPages(outputPath: string): Promise<number> {
	const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
	return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/**
 * The site's own pages, which no file of the tree backs (the generated routes and the 404 page):
 * nothing to search, no `[data-pagefind-body]`. Pagefind leaves such a page out only when another
 * page of the same run has one: in a shard of their own, it would index their whole body,
 * navigation and all.
 */
const notSearched = new Set(['404.html', ...[...generatedRoutes].map((route) => join(route, 'index.html').slice(1))]);

/** The site's HTML pages to search, relative to `outDir`, `/`-separated: every one but the generated routes and the 404 page. */
async function searchedPages(outDir: string): Promise<string[]> {
	const pages: string[] = [];
	for (const entry of await readdir(outDir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
		// `outDir` may end in a separator (Astro's build-done hook gives it one): a relative path, not a cut.
		const path = relative(outDir, join(entry.parentPath, entry.name));
		if (!notSearched.has(path) && !path.startsWith(`pagefind${sep}`)) pages.push(path.split(sep).join('/'));
	}
	return pages.sort();
}

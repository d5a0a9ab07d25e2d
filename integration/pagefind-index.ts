import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { generatedRoutes } from '../src/lib/routes.ts';
import { searchShardsFile } from '../src/lib/search-shards.ts';

/**
 * Left out of the index, so excerpts never show them: a diagram's mermaid source (the drawn
 * diagram's labels stay searchable), whether shown beside the drawing, drawn in the browser or
 * printed because it failed.
 */
const excludeSelectors = ['.wm-diagram__source', '.wm-diagram pre'];

/**
 * Pages per Pagefind index. Pagefind holds a whole index in memory until it writes it (3.7 GiB
 * for 20,000 pages, `bench/HISTORY.md`), so a larger site is indexed in shards, one Pagefind run
 * after another, and the search box merges them.
 */
const pagesPerIndex = 4000;

/**
 * Indexes the built site with Pagefind's Node API and writes the bundle to `<outDir>/pagefind/`
 * (further shards to `pagefind/shard-N/`, listed in `pagefind/waymark-shards.json`). Only
 * `[data-pagefind-body]` (the page's article) is indexed, so navigation never matches; its
 * headings' ids give the sections search results link to.
 * Returns the number of pages indexed.
 */
export async function writeSearchIndex(outDir: string, { pagesPerShard = pagesPerIndex }: { pagesPerShard?: number } = {}): Promise<number> {
	const globs = shardGlobs(await countPages(outDir), pagesPerShard);
	let pages = 0;
	for (const [n, glob] of globs.entries()) pages += await writeOneIndex(outDir, glob, join(outDir, 'pagefind', n === 0 ? '' : `shard-${n}`));
	await writeFile(join(outDir, 'pagefind', searchShardsFile), `${JSON.stringify(globs.slice(1).map((_, n) => `shard-${n + 1}/`))}\n`);
	return pages;
}

async function writeOneIndex(outDir: string, glob: string | undefined, outputPath: string): Promise<number> {
	const pagefind = await import('pagefind');
	const { index, errors } = await pagefind.createIndex({ includeCharacters: '_', excludeSelectors });
	if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
	try {
		const added = await index.addDirectory({ path: outDir, ...(glob && { glob }) });
		if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
		const written = await index.writeFiles({ outputPath });
		if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
		// `added.page_count` counts every HTML file read, the status and 404 pages too; the index
		// holds only pages with a `[data-pagefind-body]`, as its entry file says.
		return indexedPages(outputPath);
	} finally {
		// Pagefind's process goes with its index, and with it the memory the index held.
		await pagefind.close();
	}
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

/** HTML files to index at the top of the site (`''`) and under each top-level folder. */
async function countPages(outDir: string): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const entry of await readdir(outDir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
		// `outDir` may end in a separator (Astro's build-done hook gives it one): a relative path, not a cut.
		const path = relative(outDir, join(entry.parentPath, entry.name));
		if (notSearched.has(path)) continue;
		const parts = path.split(sep);
		const top = parts.length > 1 ? (parts[0] ?? '') : '';
		counts.set(top, (counts.get(top) ?? 0) + 1);
	}
	return counts;
}

/**
 * Pagefind globs that split the site into shards of at most `limit` pages, by whole top-level
 * folders in name order (a folder larger than `limit` is a shard of its own); the first shard
 * also takes the pages at the top. One shard: `[undefined]`, Pagefind's own default glob.
 */
export function shardGlobs(counts: Map<string, number>, limit: number): Array<string | undefined> {
	const total = [...counts.values()].reduce((a, b) => a + b, 0);
	if (total <= limit) return [undefined];
	const shards: string[][] = [[]];
	let size = counts.get('') ?? 0;
	for (const folder of [...counts.keys()].filter((name) => name !== '').sort()) {
		const pages = counts.get(folder) ?? 0;
		if (size > 0 && size + pages > limit) {
			shards.push([]);
			size = 0;
		}
		(shards.at(-1) as string[]).push(`${globEscape(folder)}/**/*.html`);
		size += pages;
	}
	if (counts.has('')) shards[0]?.unshift('*.html');
	return shards.filter((patterns) => patterns.length > 0).map((patterns) => (patterns.length === 1 ? (patterns[0] as string) : `{${patterns.join(',')}}`));
}

/** A folder name as a literal in a glob. */
function globEscape(name: string): string {
	return name.replace(/[\\*?[\]{},!]/g, (c) => `\\${c}`);
}

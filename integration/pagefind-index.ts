import { copyFile, link, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import { searchShardsFile, type SearchShard } from './search-shards.ts';
import { raise, SearchIndexMissing, type WaymarkError } from '../core/errors.ts';
import type { BuiltPages } from './built-pages.ts';
import {
	dropReadyMadeInterfaces,
	globbable,
	globEscape,
	indexOrder,
	isSearched,
	newSearchIndex,
	pageDigest,
	planSearchShards,
	shardDigest,
	shardFolders,
	shardKey,
	writeIndexFiles,
} from './search-shard.ts';
import { keptShard, sealShard, shardSealFile } from './shard-seal.ts';
import {
	closePagefind,
	loadPagefind,
	PagefindError,
	PagefindSilent,
	PagefindUnavailable,
	type PagefindModule,
} from './pagefind-process.ts';

/** What `writeSearchIndex` did: pages in the index, shards, and the shards indexed again (the others came from the cache). */
export interface SearchIndexResult {
	pages: number;
	shards: number;
	indexed: number;
	/** Shards taken from those indexed while the pages were written (`options.early`). */
	early: number;
}

export interface SearchIndexOptions {
	/** Where shards are kept between builds, by a digest of their pages; none: every shard is indexed. */
	cacheDir?: string;
	/** @default `shardLimit` of the site's size */
	pagesPerShard?: number;
	/** `outDir` holds the index of the last build: a shard already there as kept is not copied again. */
	inPlace?: boolean;
	/** Called once Pagefind's process is indexing and this has nothing to do until it answers. */
	onIndexing?: () => void;
	/**
	 * With `inPlace` and `cacheDir`: the only pages (HTML files, `/`-separated) that changed since
	 * the last build, which had the same pages: the shards without one are left as they are.
	 */
	changed?: string[];
	/**
	 * Shards indexed while the pages were written (`search-feed.ts`), by `shardKey`: one whose pages
	 * are, byte for byte, those this finds on disk is taken from the cache it was indexed into.
	 */
	early?: ReadonlyMap<string, Promise<EarlyShard | undefined>>;
	/** The output's HTML files as read once every one was in place (`built-pages.ts`): their list and digests are taken from here. */
	built?: BuiltPages;
	/** Told, in one line, of a kept shard that failed its check (`shard-seal.ts`) and is indexed again. */
	note?: (line: string) => void;
}

/** A shard indexed before the build was done: the digest its index is kept under in the cache, the pages it holds, and whether it was indexed now (not found in the cache). */
export interface EarlyShard {
	digest: string;
	pages: number;
	indexed: boolean;
}

/**
 * Indexes the built site with Pagefind's Node API into `<outDir>/pagefind/` (further shards in
 * `pagefind/shard-N/`, listed in `pagefind/waymark-shards.json`; `search-shard-plan.ts` cuts them).
 * Only `[data-pagefind-body]` (the page's article) is indexed, so navigation never matches; its
 * headings' ids give the sections search results link to. A shard whose pages are byte for byte
 * those of a shard in `cacheDir` is copied from there: Pagefind writes the same files for the same
 * pages, so the index is the one a clean build writes.
 */
export async function writeSearchIndex(
	outDir: string,
	options: SearchIndexOptions = {},
): Promise<SearchIndexResult> {
	const previous =
		options.changed && options.cacheDir ? await readPlan(options.cacheDir) : undefined;
	// After a patch, the shards are the last build's: only those holding a changed page are read again.
	const shards = previous
		? previous.map((shard) => shard.files)
		: planSearchShards(
				options.built ? [...options.built.digests.keys()] : await searchedPages(outDir),
				options.pagesPerShard,
			);
	const names = shards.map((_, n) => (n === 0 ? '' : `shard-${n}`));
	// The first shard is the index the search box loads first, its URLs from the site's top.
	const folders = shardFolders(shards);
	const changed = new Set(options.changed ?? []);
	const limit = pLimit(2);
	let indexed = 0;
	let early = 0;
	// The first shard's folder holds the others: there before two shards are copied in at once.
	await mkdir(join(outDir, 'pagefind'), { recursive: true });
	const pagefind = await loadPagefind();
	try {
		// Every shard indexed early is in the cache (or given up) before any is looked for there, or removed as unused.
		const earlyShards =
			options.early &&
			new Map(
				await Promise.all(
					[...options.early].map(
						async ([key, shard]) => [key, await shard.catch(() => undefined)] as const,
					),
				),
			);
		// Pagefind's process starts again for what is left: one that ended halfway through the feed
		// would otherwise be the one every index below is asked of.
		if (options.early) await closePagefind();
		const written = await Promise.all(
			shards.map((shard, n) =>
				limit(async (): Promise<KeptShard> => {
					const kept = previous?.[n];
					if (kept && !shard.some((file) => changed.has(file))) return kept;
					const documents = await Promise.all(
						shard.map(async (path) => ({
							path,
							digest:
								options.built?.digests.get(path)?.toString('hex') ??
								pageDigest(await readFile(join(outDir, path))),
						})),
					);
					const target = join(outDir, 'pagefind', names[n] ?? '');
					const digest = shardDigest(folders[n] ?? '', documents);
					if (!options.cacheDir) {
						indexed++;
						return {
							files: shard,
							digest,
							pages: await indexShard(pagefind, outDir, shard, folders[n] ?? '', target),
						};
					}
					const cacheDir = join(options.cacheDir, digest);
					// Indexed while the pages were written, from the bytes that are now on disk.
					const fed = earlyShards?.get(shardKey(shard));
					const taken = fed?.digest === digest ? fed : undefined;
					if (taken) early++;
					if (taken?.indexed) indexed++;
					let pages = taken?.pages;
					if (pages === undefined) {
						const kept = await keptShard(cacheDir);
						if (kept && 'problem' in kept)
							options.note?.(
								`The search index of ${shard.length === 1 ? '1 page' : `${shard.length} pages`} (${folders[n] || "the site's top"}) from the last build failed its check (${kept.problem}): it is indexed again.`,
							);
						pages = kept && 'pages' in kept ? kept.pages : undefined;
					}
					if (pages === undefined) {
						indexed++;
						await rm(cacheDir, { recursive: true, force: true });
						pages = await indexShard(
							pagefind,
							outDir,
							shard,
							folders[n] ?? '',
							cacheDir,
							options.onIndexing,
						);
						await sealShard(cacheDir);
					}
					if (!options.inPlace || !(await sameEntry(cacheDir, target))) {
						await clearShard(target, n === 0);
						await linkTree(cacheDir, target);
						// A shard kept by a build from before they were left out.
						await dropReadyMadeInterfaces(target);
					}
					return { files: shard, digest, pages };
				}),
			),
		);
		// Shards of an earlier plan that this one no longer has.
		for (const name of await readdir(join(outDir, 'pagefind')).catch(() => [] as string[]))
			if (/^shard-\d+$/.test(name) && !names.includes(name))
				await rm(join(outDir, 'pagefind', name), { recursive: true, force: true });
		const listed: SearchShard[] = names
			.slice(1)
			.map((name, n) => ({ index: `${name}/`, base: urlOfFolder(folders[n + 1] ?? '') }));
		await writeFile(join(outDir, 'pagefind', searchShardsFile), `${JSON.stringify(listed)}\n`);
		if (options.cacheDir) {
			await pruneShards(
				options.cacheDir,
				new Set(written.map((shard) => join(options.cacheDir as string, shard.digest))),
			);
			await writeFile(join(options.cacheDir, planFile), JSON.stringify(written));
		}
		return {
			pages: written.reduce((sum, shard) => sum + shard.pages, 0),
			shards: shards.length,
			indexed,
			early,
		};
	} finally {
		// Pagefind's process goes with its indexes, and with it the memory they held: after the
		// shards indexed early are done with it too.
		await Promise.allSettled([...(options.early?.values() ?? [])]);
		await closePagefind();
	}
}

/**
 * `writeSearchIndex`, or no index when Pagefind cannot make one (`PagefindError`: no binary for
 * this platform, a process that crashes, stops answering or refuses a page): the site is published without search rather than not
 * at all. What the output holds of the index is removed, so the search box tells readers this
 * build has none, and so is the last build's plan, so the next build indexes every shard again.
 * `warn` is told why, with what to do.
 */
export async function searchIndexOrNone(
	outDir: string,
	options: SearchIndexOptions & { besides?: Promise<unknown> },
	warn: (warning: WaymarkError) => void,
): Promise<SearchIndexResult | undefined> {
	try {
		return await writeSearchIndex(outDir, options);
	} catch (error) {
		// Pagefind's own failures only: a full disk or a bug of Waymark's is not to be published past.
		if (!(error instanceof PagefindError)) throw error;
		// Not from under a step that walks the output meanwhile (`besides`).
		await options.besides?.catch(() => undefined);
		await rm(join(outDir, 'pagefind'), { recursive: true, force: true });
		if (options.cacheDir) await rm(join(options.cacheDir, planFile), { force: true });
		warn(searchOff(error));
		return undefined;
	}
}

function searchOff(error: unknown): WaymarkError {
	const why = error instanceof Error ? error.message : String(error);
	const fix =
		error instanceof PagefindUnavailable
			? 'Install Pagefind for this platform (or name its binary in PAGEFIND_BINARY_PATH) and build again.'
			: error instanceof PagefindSilent
				? 'Build again; if Pagefind hangs again, run the build with `DEBUG=waymark` and report its output to the Waymark maintainers.'
				: 'Build again; if it fails again, report this line to the Waymark maintainers.';
	return raise(SearchIndexMissing, why, fix);
}

/** A shard as the last build wrote it: its pages, the digest it is kept under, the pages indexed. */
interface KeptShard {
	files: string[];
	digest: string;
	pages: number;
}

/** In the cache folder: the shards of the index the last build wrote, in order. */
const planFile = 'shards.json';

async function readPlan(cacheDir: string): Promise<KeptShard[] | undefined> {
	try {
		const plan = JSON.parse(await readFile(join(cacheDir, planFile), 'utf8')) as unknown;
		return Array.isArray(plan) && plan.length > 0 ? (plan as KeptShard[]) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * One Pagefind index of the pages `files` of `outDir`, all in `folder` (`''`, or `ops/` with its
 * slash), written to `outputPath`; the pages it holds. Pagefind reads them from disk, each page
 * named in a glob of its own (`indexOrder`). It walks the folder it is given whole, so it is given
 * the shard's own: its URLs are then from there, and the search box puts the folder's in front
 * (`SearchShard.base`).
 */
async function indexShard(
	pagefind: PagefindModule,
	outDir: string,
	files: string[],
	folder: string,
	outputPath: string,
	onIndexing?: () => void,
): Promise<number> {
	const index = await newSearchIndex(pagefind);
	onIndexing?.();
	let pages: number;
	try {
		for (const name of indexOrder(files.map((file) => file.slice(folder.length)))) {
			// A name no glob can hold is handed over with its HTML, which Pagefind gives the same URL.
			const added = globbable(name)
				? await index.addDirectory({ path: join(outDir, folder), glob: globEscape(name) })
				: await index.addHTMLFile({
						sourcePath: name,
						content: await readFile(join(outDir, folder, name), 'utf8'),
					});
			if (added.errors.length > 0)
				throw new PagefindError(`Pagefind could not index ${name}: ${added.errors.join('; ')}`);
		}
		pages = await writeIndexFiles(index, outputPath);
	} catch (error) {
		// A shard half written is not kept, or the next build would take it from the cache as whole.
		await rm(outputPath, { recursive: true, force: true });
		throw error;
	}
	// Frees the process's memory for the next shard. Not after a failure: the process may be gone
	// (the API would start one only to be asked this), and it is closed with the build's index.
	await index.deleteIndex().catch(() => undefined);
	return pages;
}

/**
 * Puts the kept shard's files into the site as hard links, or copies where the two folders are on
 * different file systems: its fragments are hundreds of files, and nothing writes into them.
 */
async function linkTree(from: string, to: string): Promise<void> {
	await mkdir(to, { recursive: true });
	for (const entry of await readdir(from, { withFileTypes: true })) {
		if (entry.name === shardSealFile) continue;
		const [source, target] = [join(from, entry.name), join(to, entry.name)];
		if (entry.isDirectory()) await linkTree(source, target);
		else
			await link(source, target).catch(async (error: NodeJS.ErrnoException) =>
				error.code === 'EXDEV' ? copyFile(source, target) : Promise.reject(error),
			);
	}
}

/** A folder of the output as the URL path Pagefind writes for it (each name percent-encoded). */
function urlOfFolder(folder: string): string {
	return folder === ''
		? ''
		: `${folder.slice(0, -1).split('/').map(encodeURIComponent).join('/')}/`;
}

/** Empties a shard's folder before its index is put there; the first shard's folder also holds the others, which stay. */
async function clearShard(target: string, first: boolean): Promise<void> {
	if (!first) return rm(target, { recursive: true, force: true });
	for (const name of await readdir(target).catch(() => [] as string[]))
		if (!/^shard-\d+$/.test(name)) await rm(join(target, name), { recursive: true, force: true });
}

/** Whether the index at `target` is the one kept at `kept`: Pagefind's entry file names a hash of the index's every file. */
async function sameEntry(kept: string, target: string): Promise<boolean> {
	const [a, b] = await Promise.all([
		readFile(join(kept, 'pagefind-entry.json'), 'utf8'),
		readFile(join(target, 'pagefind-entry.json'), 'utf8').catch(() => ''),
	]);
	return a === b;
}

/** Removes kept shards this build did not use: a page changed, so that shard will not come back. */
async function pruneShards(cacheDir: string, used: Set<string>): Promise<void> {
	const names = await readdir(cacheDir).catch(() => [] as string[]);
	await Promise.all(
		names
			.filter((name) => name !== planFile)
			.map((name) => join(cacheDir, name))
			.filter((dir) => !used.has(dir))
			.map((dir) => rm(dir, { recursive: true, force: true })),
	);
}

/** The site's HTML pages to search, relative to `outDir`, `/`-separated (`isSearched`). */
async function searchedPages(outDir: string): Promise<string[]> {
	const pages: string[] = [];
	for (const entry of await readdir(outDir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		// `outDir` may end in a separator (Astro's build-done hook gives it one): a relative path, not a cut.
		const path = relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/');
		if (isSearched(path)) pages.push(path);
	}
	return pages;
}

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { EarlyShard } from './pagefind-index.ts';
import { keptShard, sealShard } from './shard-seal.ts';
import {
	indexOrder,
	newSearchIndex,
	pageDigest,
	planSearchShards,
	shardDigest,
	shardFolders,
	shardKey,
	writeIndexFiles,
} from './search-shard.ts';
import { loadPagefind, PagefindError } from './pagefind-process.ts';

/**
 * The search index, indexed while Astro writes the pages. At the end of the build Pagefind's
 * process was the last step, with this thread idle for most of it (0.8 s of a 500-page build's
 * 5.3 s); here it runs on the other core while this one renders. Each shard of the site's plan is
 * indexed as soon as its pages have all been written, from the bytes Astro wrote, in the order and
 * with the settings of `writeSearchIndex` (`search-shard.ts`), into the shard cache under the
 * digest of those bytes. `writeSearchIndex` still reads the pages on disk and takes a shard from
 * here only where its digest is the same: a shard planned wrong, or a page changed after Astro
 * wrote it, is indexed again there, so the index is the one a build without the feed writes.
 */
export interface SearchFeed {
	/** A page as Astro wrote it: its file (relative to the output, `/`-separated) and its bytes. */
	page(file: string, bytes: Uint8Array): void;
	/** Every page has been written: a shard still missing one is given up (its pages came from Astro's cache, or the plan was wrong). */
	end(): void;
	/** The shards indexed here, by `shardKey`: each settles once its index is in the cache, or with `undefined` when given up. */
	readonly shards: ReadonlyMap<string, Promise<EarlyShard | undefined>>;
}

export interface SearchFeedOptions {
	/** Every HTML file the output will hold (relative, `/`-separated): the shards are planned from these, as `writeSearchIndex` plans them from the output. */
	files: readonly string[];
	/** The files Astro writes, which reach `page`; a shard with another (a tree's own HTML, copied later) is left to `writeSearchIndex`. */
	written: ReadonlySet<string>;
	/** The shard cache (`writeSearchIndex`'s `cacheDir`). */
	cacheDir: string;
	pagesPerShard?: number;
	/** The most page bytes held for shards not yet indexing, before the feed gives up (and `writeSearchIndex` indexes as before). @default 64 MiB */
	holdBytes?: number;
}

/**
 * Starts a feed. Pagefind's process starts with the first page there is a shard for; two shards
 * are indexed at a time, as `writeSearchIndex` does (Pagefind holds an index in memory until it
 * writes it). Pages arrive about in the shards' order (`page-tee.ts` has Astro generate them so);
 * a page that arrives before its turn is held, and past `holdBytes` the feed stops.
 */
export function feedSearchIndex(options: SearchFeedOptions): SearchFeed {
	const arrivals = new Map<string, Arrival>();
	const shards = new Map<string, Promise<EarlyShard | undefined>>();
	const limit = pLimit(2);
	const holdBytes = options.holdBytes ?? 64 * 2 ** 20;
	let held = 0;
	// The pages still to come never will: the shards waiting for one are given up.
	const end = () => {
		for (const waiting of arrivals.values()) waiting.settle(undefined);
	};
	// Past `holdBytes`: every shard not done is given up, and the pages held are let go.
	const giveUp = () => {
		end();
		arrivals.clear();
		held = 0;
	};
	// A page's bytes are let go once Pagefind has them.
	const take = async (file: string) => {
		const arrived = arrivals.get(file);
		const bytes = await arrived?.bytes;
		if (arrivals.get(file) === arrived) arrivals.delete(file);
		held -= bytes?.length ?? 0;
		return bytes;
	};
	const plan = planSearchShards(options.files, options.pagesPerShard);
	const folders = shardFolders(plan);
	plan.forEach((shard, n) => {
		if (!shard.every((file) => options.written.has(file))) return;
		const folder = folders[n] ?? '';
		for (const file of shard) arrivals.set(file, arrival());
		// Started by the shard's first page in Pagefind's order, so its process starts when there is work for it.
		const first = (
			arrivals.get(
				folder + (indexOrder(shard.map((file) => file.slice(folder.length)))[0] ?? ''),
			) as Arrival
		).bytes;
		const indexed = first.then((bytes) =>
			bytes ? limit(() => indexEarly(shard, folder, take, options.cacheDir)) : undefined,
		);
		shards.set(
			shardKey(shard),
			indexed.catch(() => undefined),
		);
	});
	return {
		page(file, bytes) {
			if (!arrivals.get(file)?.settle(bytes)) return;
			held += bytes.length;
			if (held > holdBytes) giveUp();
		},
		end,
		shards,
	};
}

interface Arrival {
	bytes: Promise<Uint8Array | undefined>;
	/** Whether this settled it: the first settling stands. */
	settle(bytes: Uint8Array | undefined): boolean;
}

/** A page's bytes once Astro writes it, `undefined` when it never does. */
function arrival(): Arrival {
	let resolve!: (bytes: Uint8Array | undefined) => void;
	let settled = false;
	const bytes = new Promise<Uint8Array | undefined>((done) => (resolve = done));
	return { bytes, settle: (value) => !settled && ((settled = true), resolve(value), true) };
}

/**
 * One shard's index, its pages handed to Pagefind in `indexOrder` as each arrives; `undefined`
 * when one never does. Kept under the digest `writeSearchIndex` gives the same bytes; an index
 * already kept there is used as it is.
 */
async function indexEarly(
	shard: string[],
	folder: string,
	take: (file: string) => Promise<Uint8Array | undefined>,
	cacheRoot: string,
): Promise<EarlyShard | undefined> {
	const index = await newSearchIndex(await loadPagefind());
	// As Node reads a file as text: a byte order mark stays in it.
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	let outputPath: string | undefined;
	let failed = false;
	try {
		const digests = new Map<string, string>();
		const added: Array<Promise<{ errors: string[] }>> = [];
		for (const name of indexOrder(shard.map((file) => file.slice(folder.length)))) {
			const bytes = await take(folder + name);
			if (!bytes) return undefined;
			digests.set(folder + name, pageDigest(bytes));
			// Sent without waiting for the answer: Pagefind's process takes its messages in order.
			added.push(index.addHTMLFile({ sourcePath: name, content: decoder.decode(bytes) }));
		}
		for (const { errors } of await Promise.all(added))
			if (errors.length > 0)
				throw new PagefindError(`Pagefind could not index a page: ${errors.join('; ')}`);
		const digest = shardDigest(
			folder,
			shard.map((path) => ({ path, digest: digests.get(path) as string })),
		);
		// A kept shard that fails its check is left to `writeSearchIndex`, which says so and indexes it again.
		const kept = await keptShard(join(cacheRoot, digest));
		if (kept && 'pages' in kept) return { digest, pages: kept.pages, indexed: false };
		if (kept) return undefined;
		outputPath = join(cacheRoot, digest);
		await rm(outputPath, { recursive: true, force: true });
		const pages = await writeIndexFiles(index, outputPath);
		await sealShard(outputPath);
		return { digest, pages, indexed: true };
	} catch (error) {
		failed = true;
		// A shard half written is not kept, or the build would take it from the cache as whole.
		if (outputPath) await rm(outputPath, { recursive: true, force: true });
		throw error;
	} finally {
		// Frees the process's memory; not after a failure, when the process may be gone. Its own
		// failure does not undo a shard already written.
		if (!failed) await index.deleteIndex().catch(() => undefined);
	}
}

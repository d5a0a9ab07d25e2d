import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { indexedPages, indexOrder, newSearchIndex, pageDigest, planSearchShards, shardDigest, shardFolder, shardKey, writeIndexFiles, type EarlyShard, type PagefindModule } from './pagefind-index.ts';

/**
 * The search index, indexed while Astro writes the pages. At the end of the build Pagefind's
 * process was the last step, with this thread idle for most of it (0.8 s of a 500-page build's
 * 5.3 s); here it runs on the other core while this one renders. Each shard of the site's plan is
 * indexed as soon as its pages have all been written, from the bytes Astro wrote, in the order and
 * with the settings of `writeSearchIndex`, into the shard cache under the digest of those bytes.
 * `writeSearchIndex` still reads the pages on disk and takes a shard from here only where its
 * digest is the same: a shard planned wrong, or a page changed after Astro wrote it, is indexed
 * again there, so the index is the one a build without the feed writes.
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
}

/** Starts a feed. Pagefind's process starts with the first page there is a shard for. */
export function feedSearchIndex(options: SearchFeedOptions, load: () => Promise<PagefindModule> = () => import('pagefind')): SearchFeed {
	const arrivals = new Map<string, Arrival>();
	const shards = new Map<string, Promise<EarlyShard | undefined>>();
	let pagefind: Promise<PagefindModule> | undefined;
	const loaded = () => (pagefind ??= load());
	for (const shard of planSearchShards(options.files, options.pagesPerShard)) {
		if (!shard.every((file) => options.written.has(file))) continue;
		for (const file of shard) arrivals.set(file, arrival());
		// A page's bytes are let go once Pagefind has them: at 20,000 pages the site is 340 MB.
		const take = async (file: string) => {
			const bytes = await arrivals.get(file)?.bytes;
			arrivals.delete(file);
			return bytes;
		};
		// Started by the shard's first page in Pagefind's order, so its process starts when there is work for it.
		const first = shardFolder(shard) + (indexOrder(shard.map((file) => file.slice(shardFolder(shard).length)))[0] ?? '');
		const indexed = (arrivals.get(first) as Arrival).bytes.then((bytes) => (bytes ? indexEarly(shard, take, loaded, options.cacheDir) : undefined));
		shards.set(shardKey(shard), indexed.catch(() => undefined));
	}
	return {
		page(file, bytes) {
			arrivals.get(file)?.settle(bytes);
		},
		end() {
			for (const waiting of arrivals.values()) waiting.settle(undefined);
		},
		shards,
	};
}

interface Arrival {
	bytes: Promise<Uint8Array | undefined>;
	settle(bytes: Uint8Array | undefined): void;
}

/** A page's bytes once Astro writes it, `undefined` when it never does; the first settling stands. */
function arrival(): Arrival {
	let settle!: (bytes: Uint8Array | undefined) => void;
	const bytes = new Promise<Uint8Array | undefined>((resolve) => (settle = resolve));
	return { bytes, settle };
}

/**
 * One shard's index, its pages handed to Pagefind in `indexOrder` as each arrives; `undefined`
 * when one never does. Kept under the digest `writeSearchIndex` gives the same bytes; an index
 * already kept there is used as it is.
 */
async function indexEarly(shard: string[], take: (file: string) => Promise<Uint8Array | undefined>, load: () => Promise<PagefindModule>, cacheRoot: string): Promise<EarlyShard | undefined> {
	const folder = shardFolder(shard);
	const index = await newSearchIndex(await load());
	try {
		const digests = new Map<string, string>();
		const added: Array<Promise<{ errors: string[] }>> = [];
		for (const name of indexOrder(shard.map((file) => file.slice(folder.length)))) {
			const bytes = await take(folder + name);
			if (!bytes) return undefined;
			digests.set(folder + name, pageDigest(bytes));
			// Sent without waiting for the answer: Pagefind's process takes its messages in order.
			added.push(index.addHTMLFile({ sourcePath: name, content: new TextDecoder().decode(bytes) }));
		}
		for (const { errors } of await Promise.all(added)) if (errors.length > 0) throw new Error(`Pagefind could not index a page: ${errors.join('; ')}`);
		const digest = shardDigest(shard.map((path) => ({ path, digest: digests.get(path) as string })));
		const outputPath = join(cacheRoot, digest);
		const kept = await indexedPages(outputPath).catch(() => undefined);
		if (kept !== undefined) return { digest, pages: kept, indexed: false };
		await rm(outputPath, { recursive: true, force: true });
		return { digest, pages: await writeIndexFiles(index, outputPath), indexed: true };
	} finally {
		await index.deleteIndex();
	}
}

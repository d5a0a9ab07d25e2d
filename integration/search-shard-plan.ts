/**
 * How the site's search index is cut into Pagefind indexes ("shards"), which the search box merges.
 * Pagefind indexes a few milliseconds of CPU per page and knows no update, so one index of the
 * whole site is rebuilt whole for a one-word edit. Cut by folder, a build indexes again only the
 * shards whose pages changed and takes the others from its cache (`pagefind-index.ts`).
 */

/**
 * Smallest shard worth its own index. A shard is an index the search box merges: its entry and
 * metadata files (a few KB) and a chunk per word searched; Pagefind's WebAssembly loads once.
 * Indexing a shard of 100 pages again takes about a third of a second.
 */
const fewestPages = 100;
/** Beyond this many shards, a site's shards grow instead: each costs every search a few requests. */
const mostShards = 30;
/** Pagefind holds a whole index in memory until it writes it (3.7 GiB for 20,000 pages, `bench/HISTORY.md`). */
const mostPages = 4000;

/** Pages per shard for a site of `pages` pages. */
export function shardLimit(pages: number): number {
	return Math.min(mostPages, Math.max(fewestPages, Math.ceil(pages / mostShards)));
}

interface Folder {
	/** HTML files directly in it: the page of the folder's route (`ops/index.html`). */
	files: string[];
	folders: Map<string, Folder>;
	count: number;
}

/**
 * The shards of `files` (site-relative `/`-separated HTML paths): whole folders of the output while
 * they fit `limit`, a larger folder cut along its subfolders, consecutive pieces packed together in
 * path order. The first shard holds the site's top page. The same files always give the same shards.
 */
export function planShards(files: string[], limit: number): string[][] {
	const top: Folder = { files: [], folders: new Map(), count: 0 };
	for (const file of [...files].sort()) {
		const parts = file.split('/');
		let folder = top;
		folder.count++;
		for (const part of parts.slice(0, -1)) {
			let next = folder.folders.get(part);
			if (!next) folder.folders.set(part, (next = { files: [], folders: new Map(), count: 0 }));
			next.count++;
			folder = next;
		}
		folder.files.push(file);
	}
	return pack(pieces(top, limit), limit);
}

/** A folder as pieces no larger than `limit`, where it can be cut (a folder's own files stay together). */
function pieces(folder: Folder, limit: number): string[][] {
	if (folder.count <= limit) return [allFiles(folder)];
	const own = folder.files.length > 0 ? [folder.files] : [];
	return [
		...own,
		...[...folder.folders.keys()]
			.sort()
			.flatMap((name) => pieces(folder.folders.get(name) as Folder, limit)),
	];
}

function allFiles(folder: Folder): string[] {
	return [
		...folder.files,
		...[...folder.folders.keys()]
			.sort()
			.flatMap((name) => allFiles(folder.folders.get(name) as Folder)),
	];
}

function pack(groups: string[][], limit: number): string[][] {
	const shards: string[][] = [];
	for (const group of groups) {
		const last = shards.at(-1);
		if (last && last.length + group.length <= limit) last.push(...group);
		else shards.push([...group]);
	}
	return shards;
}

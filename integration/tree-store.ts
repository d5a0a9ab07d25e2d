import { createHash } from 'node:crypto';
import { open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stateFiles } from '../core/state-files.ts';
import { isOwnFolder, makeOwnFolder } from '../core/own-folder.ts';
import { assertWriteStaysInside } from '../core/write-boundary.ts';
import type { Trust } from '../core/trust.ts';

/** Astro's work folder for one tree, held by this process until `release`. */
export interface TreeStore {
	/** `<stateDir>/astro/<tree>-<hash>`: Astro's root; its `cache/` is the content store, `dist/` the site before it is moved. */
	dir: string;
	/** False when another build held the tree's own store: this one built in a temporary store, removed on release. */
	kept: boolean;
	release(): Promise<void>;
}

/** What `store.json` in each store says. */
interface StoreRecord {
	root: string;
	trust: Trust;
	usedAt: string;
}

/** The folders Astro and Waymark write below a store (Astro's root, cache, site, Vite's cache, generated types; the copies, bodies and search shards). */
const storeParts = [
	'',
	'cache',
	'dist',
	'vite',
	'.astro',
	'cache/dist',
	'cache/waymark-pages',
	'cache/waymark-search',
	'waymark-patched',
];

/** Stores are removed after this long unused, or when their tree is gone. */
const staleAfterMs = 30 * 86_400_000;
/** Beyond this many stores, the least recently used go first. */
const keptStores = 8;

/**
 * The store of one tree and trust: Astro's root, content store, Vite cache and build folder, so a
 * later build of the same tree reuses what this one rendered and no other tree's pages are ever
 * in it. A trusted and an untrusted build never share one. The output folder is not part of the
 * key: the site is built here and then moved.
 */
export function treeStoreDir(stateDir: string, root: string, trust: Trust): string {
	const key = createHash('sha256').update(`${root}\0${trust}`).digest('hex').slice(0, 12);
	const name =
		basename(root)
			.replace(/[^\w.-]+/g, '-')
			.slice(0, 40) || 'tree';
	return join(
		stateFiles(stateDir).astro,
		`${name}-${key}${trust === 'untrusted' ? '-untrusted' : ''}`,
	);
}

/**
 * Takes the tree's store (a lock file holding this process's id). When another live process holds
 * it, builds in a temporary store of its own instead of waiting, so two builds of one tree give
 * the same site as one after the other. Then removes stale stores: unused for 30 days, whose tree
 * is gone, or beyond the 8 most recently used, and temporary stores of processes that ended; only
 * folders Waymark made and marked as its own (`core/own-folder.ts`), never another folder found
 * where the stores are (a `stateDir` naming someone else's folder).
 */
export async function openTreeStore(
	stateDir: string,
	root: string,
	trust: Trust,
): Promise<TreeStore> {
	const own = treeStoreDir(stateDir, root, trust);
	await makeOwnFolder(own);
	const kept = await takeLock(own);
	// Named by the process and a count: two builds of one tree in one process (a program or a test
	// running Waymark's commands) never share a temporary store.
	const dir = kept ? own : `${own}.${process.pid}-${++temporaryStores}`;
	if (!kept) await makeOwnFolder(dir);
	// What Astro and the caches write below the store stays in the state folder: no link planted
	// there carries a page, a copy or an index anywhere else.
	for (const part of storeParts) await assertWriteStaysInside(join(dir, part), [stateDir]);
	// The store lies in the user's repository: what Vite and Astro look for upwards from their root
	// (the nearest package.json, which vitefu reads and a merge conflict left unparsable, ending
	// every build) stops here, at the store's own.
	await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
	const record: StoreRecord = { root, trust, usedAt: new Date().toISOString() };
	if (kept) await writeFile(join(dir, 'store.json'), `${JSON.stringify(record, null, '\t')}\n`);
	await removeStaleStores(stateFiles(stateDir).astro, new Set([own, dir]));
	return {
		dir,
		kept,
		release: async () => {
			if (kept) await rm(join(dir, 'lock'), { force: true });
			else if (await isOwnFolder(dir)) await rm(dir, { recursive: true, force: true });
		},
	};
}

let temporaryStores = 0;

async function takeLock(dir: string): Promise<boolean> {
	const lock = join(dir, 'lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const handle = await open(lock, 'wx');
			await handle.writeFile(String(process.pid));
			await handle.close();
			return true;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (await isHeld(dir)) return false;
			// Left by a process that ended: take it over.
			await rm(lock, { force: true });
		}
	}
	return false;
}

/** True when the store's lock names a process that is still running. */
async function isHeld(dir: string): Promise<boolean> {
	const pid = Number(await readFile(join(dir, 'lock'), 'utf8').catch(() => ''));
	return Number.isInteger(pid) && pid > 0 && isRunning(pid);
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function removeStaleStores(astroDir: string, inUse: Set<string>): Promise<void> {
	const now = Date.now();
	const live: Array<{ dir: string; usedAt: number }> = [];
	for (const name of await readdir(astroDir).catch(() => [])) {
		const dir = join(astroDir, name);
		if (inUse.has(dir) || !(await isOwnFolder(dir))) continue;
		const temporary = /\.(\d+)(?:-\d+)?$/.exec(name);
		if (temporary) {
			if (!isRunning(Number(temporary[1]))) await rm(dir, { recursive: true, force: true });
			continue;
		}
		if (await isHeld(dir)) continue;
		// A store without its record yet may be one another build is opening: judged by its age.
		const record = await readRecord(dir);
		const usedAt = record
			? Date.parse(record.usedAt)
			: await stat(dir).then(
					(s) => s.mtimeMs,
					() => 0,
				);
		const treeGone =
			record !== undefined &&
			!(await stat(record.root).then(
				(s) => s.isDirectory(),
				() => false,
			));
		if (treeGone || !(now - usedAt < staleAfterMs)) await rm(dir, { recursive: true, force: true });
		else live.push({ dir, usedAt });
	}
	const overCap = live.sort((a, b) => b.usedAt - a.usedAt).slice(Math.max(0, keptStores - 1));
	for (const { dir } of overCap) await rm(dir, { recursive: true, force: true });
}

async function readRecord(dir: string): Promise<StoreRecord | undefined> {
	try {
		const record = JSON.parse(
			await readFile(join(dir, 'store.json'), 'utf8'),
		) as Partial<StoreRecord>;
		return typeof record.root === 'string' && typeof record.usedAt === 'string'
			? (record as StoreRecord)
			: undefined;
	} catch {
		return undefined;
	}
}

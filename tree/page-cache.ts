import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { stateFiles } from '../core/state-files.ts';
import type { PageFacts, PageModel } from './parse-page.ts';

/** A page as `parsePage` made it, but its syntax tree: `load-tree.ts` parses that again on first use. */
export type KeptPage = Omit<PageModel, 'tree'>;

interface Entry {
	/** Digest of the page's text and of everything its parse read besides (the context key). */
	key: string;
	/** The page as parsed, serialised then: later steps of a run change a page (routes, navigation), never this. */
	page: Uint8Array;
	/** What the rules memoised of the page (`pageFact`), which holds while its key does. */
	facts: PageFacts;
}

/**
 * Pages parsed by an earlier run of the same tree, kept in the state folder: a run that finds a
 * page's text and parse context unchanged takes its facts (title, headings, anchors, links, and
 * what the rules memoised of it) instead of parsing it again.
 */
export interface PageCache {
	/** The page kept for `path`, when it was parsed from `text` with the same `contextKey`; a copy of its own, with the facts kept for it. */
	take(path: string, text: string, contextKey: string): KeptPage | undefined;
	/** Keeps `page`, just parsed from `text` with `contextKey`, for the next run; facts the rules memoise of it later are kept too. */
	keep(path: string, text: string, contextKey: string, page: PageModel): void;
	/** Writes the pages taken or kept this run, and no other: a page gone from the tree goes from the cache. */
	save(): Promise<void>;
}

/** The cache of the tree at `root` in the state folder: one file per tree, whoever reads it (parsing does not depend on trust). */
export function pageCacheFile(stateDir: string, root: string): string {
	const key = createHash('sha256').update(root).digest('hex').slice(0, 12);
	const name = basename(root).replace(/[^\w.-]+/g, '-').slice(0, 40) || 'tree';
	return join(stateFiles(stateDir).pages, `${name}-${key}.v8`);
}

/** Opens the cache file; a missing or unreadable one is an empty cache. */
export async function openPageCache(file: string): Promise<PageCache> {
	const previous = await readFile(file)
		.then((bytes) => deserialize(bytes) as Map<string, Entry>)
		.catch(() => new Map<string, Entry>());
	const next = new Map<string, Entry>();
	return {
		take(path, text, contextKey) {
			const entry = previous instanceof Map ? previous.get(path) : undefined;
			if (entry?.key !== entryKey(text, contextKey)) return undefined;
			next.set(path, entry);
			return { ...(deserialize(entry.page) as KeptPage), facts: entry.facts };
		},
		keep(path, text, contextKey, page) {
			page.facts ??= {};
			next.set(path, { key: entryKey(text, contextKey), page: serialize(withoutTree(page)), facts: page.facts });
		},
		async save() {
			await mkdir(dirname(file), { recursive: true });
			const partial = `${file}.${process.pid}.tmp`;
			await writeFile(partial, serialize(next));
			await rename(partial, file);
		},
	};
}

function entryKey(text: string, contextKey: string): string {
	return createHash('sha256').update(contextKey).update('\0').update(text).digest('base64url');
}

/** The page but its syntax tree (parsed again on use) and facts (kept beside it, since they grow during the run). */
function withoutTree(page: PageModel): KeptPage {
	return Object.fromEntries(Object.entries(page).filter(([key]) => key !== 'tree' && key !== 'facts')) as KeptPage;
}

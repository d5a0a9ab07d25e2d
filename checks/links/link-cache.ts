import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { LinksConfig } from '../../config/links.ts';
import type { UrlCheckResult } from './check-url.ts';
import { missingFragmentMessage } from './group-findings.ts';

type CachedKind = 'ok' | 'redirected' | 'dead' | 'unreachable' | 'blocked' | 'rate-limited';

interface CacheEntry extends UrlCheckResult {
	/** Epoch milliseconds. */
	checkedAt: number;
	/** The accepted codes and header names the result was judged with; a config change invalidates it. */
	judgedWith: string;
	/** Fragments the page was fetched for, answered or not (a PDF cannot answer `#page=3`). */
	asked?: string[];
}

interface CacheFile {
	version: 1;
	entries: Record<string, CacheEntry>;
}

/**
 * Link results kept between runs (`.waymark/cache/links.json`), each fresh for the time its
 * outcome allows (`links.cache.ttlSeconds`). Only results of requests are cached; policy decisions
 * (skipped, invalid, mailto) are recomputed every run. Header values are never stored.
 */
export interface LinkCache {
	get(
		key: string,
		judgedWith: string,
		wantedFragments: string[],
		now: number,
	): UrlCheckResult | undefined;
	set(key: string, judgedWith: string, result: UrlCheckResult, now: number, asked: string[]): void;
	/** Writes the file, dropping entries that have expired. */
	save(now: number): Promise<void>;
}

/** The cache's file: `links.json` in `links.cache.dir`, which is relative to `cwd` unless the config made it absolute. */
export function linkCacheFile(links: LinksConfig, cwd: string): string {
	return join(resolve(cwd, links.cache.dir), 'links.json');
}

/** What an earlier `check --external` found of one URL and still holds fresh: why it is dead, and why each fragment it lacks is. */
export interface KnownBrokenUrl {
	/** "Unexpected …, expected …", as the finding says it, when the URL is dead. */
	dead?: string;
	/** Decoded fragment → the finding's message. */
	missingFragments: Map<string, string>;
}

/**
 * The dead URLs and missing fragments of the cache, by URL without fragment (`URL.href`), each
 * while it is fresh (`links.cache.ttlSeconds`). Read only, for the site; a missing or unreadable
 * file has none.
 */
export async function readKnownBrokenUrls(
	file: string,
	ttlSeconds: LinksConfig['cache']['ttlSeconds'],
	now: number,
): Promise<Map<string, KnownBrokenUrl>> {
	const known = new Map<string, KnownBrokenUrl>();
	let parsed: Partial<CacheFile>;
	try {
		parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
	} catch {
		return known;
	}
	if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null)
		return known;
	for (const [key, entry] of Object.entries(parsed.entries)) {
		const kind = entry.outcome?.kind as CachedKind | undefined;
		const ttl = kind === undefined ? undefined : ttlSeconds[kind];
		if (
			ttl === undefined ||
			typeof entry.checkedAt !== 'number' ||
			now - entry.checkedAt > ttl * 1000
		)
			continue;
		const dead =
			entry.outcome.kind === 'dead'
				? `Unexpected ${entry.outcome.observed}, expected ${entry.outcome.expected}`
				: undefined;
		const missingFragments = new Map(
			Object.entries(entry.fragments ?? {}).flatMap(([fragment, present]) =>
				present ? [] : [[fragment, missingFragmentMessage(fragment, key)] as const],
			),
		);
		if (dead !== undefined || missingFragments.size > 0)
			known.set(key, { ...(dead !== undefined && { dead }), missingFragments });
	}
	return known;
}

/** Opens the cache; a missing file is an empty cache, a corrupt one is ignored with `warning` set. */
export async function openLinkCache(
	file: string,
	ttlSeconds: LinksConfig['cache']['ttlSeconds'],
): Promise<{ cache: LinkCache; warning?: string }> {
	let data: CacheFile = { version: 1, entries: {} };
	let warning: string | undefined;
	try {
		const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
		if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null)
			throw new Error('unknown format');
		data = { version: 1, entries: parsed.entries };
	} catch (error) {
		const e = error as { code?: string; message?: string };
		if (e.code !== 'ENOENT')
			warning = `Ignoring the link cache ${file}: ${e.message ?? 'unreadable'}. It is rewritten at the end of this run.`;
	}
	let dirty = false;
	const cache: LinkCache = {
		get(key, judgedWith, wantedFragments, now) {
			const entry = data.entries[key];
			if (
				!entry ||
				entry.judgedWith !== judgedWith ||
				typeof entry.checkedAt !== 'number' ||
				!entry.outcome
			)
				return undefined;
			const ttl = ttlSeconds[entry.outcome.kind as CachedKind];
			if (ttl === undefined || now - entry.checkedAt > ttl * 1000) return undefined;
			const pageAlive = entry.outcome.kind === 'ok' || entry.outcome.kind === 'redirected';
			const asked = new Set([...(entry.asked ?? []), ...Object.keys(entry.fragments ?? {})]);
			if (pageAlive && wantedFragments.some((f) => !asked.has(f))) return undefined;
			return { outcome: entry.outcome, fragments: entry.fragments ?? {} };
		},
		set(key, judgedWith, result, now, asked) {
			if (!(result.outcome.kind in ttlSeconds)) return;
			const previous = data.entries[key]?.judgedWith === judgedWith ? data.entries[key] : undefined;
			data.entries[key] = {
				outcome: result.outcome,
				fragments: { ...previous?.fragments, ...result.fragments },
				asked: [...new Set([...(previous?.asked ?? []), ...asked])],
				checkedAt: now,
				judgedWith,
			};
			dirty = true;
		},
		async save(now) {
			for (const [key, entry] of Object.entries(data.entries)) {
				const ttl = ttlSeconds[entry.outcome?.kind as CachedKind];
				if (
					ttl === undefined ||
					typeof entry.checkedAt !== 'number' ||
					now - entry.checkedAt > ttl * 1000
				) {
					delete data.entries[key];
					dirty = true;
				}
			}
			if (!dirty && !warning) return;
			await mkdir(dirname(file), { recursive: true });
			// Write then rename, so a run killed mid-write never leaves a half-written cache.
			const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
			await writeFile(temp, `${JSON.stringify(data)}\n`);
			await rename(temp, file);
		},
	};
	return warning === undefined ? { cache } : { cache, warning };
}

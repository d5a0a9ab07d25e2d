import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dependencyLockDigest, runningCodeFingerprint } from '../core/code-fingerprint.ts';

/**
 * What a diagram drew to: the SVG (colours from the palette's custom properties, so it serves
 * both themes) with its smallest text size in CSS px at its own size, or the error mermaid threw.
 * `asParsed`: whether a page may carry the SVG as it is (`svg-as-parsed.ts`), as decided by the
 * code `settledBy` names (`settlingKey`); an entry without it, or decided by other code, is
 * settled again when next read.
 */
export type CachedRendering =
	| { ok: true; svg: string; textPx: number; asParsed?: boolean; settledBy?: string }
	| {
			ok: false;
			name: string;
			message: string;
			loc?: { first_line: number; first_column: number; last_line: number };
	  };

/**
 * What validating a diagram concluded, without the drawing: mermaid accepted it, or the error it
 * threw. `waymark check` keeps one per diagram so an unchanged diagram is not parsed or drawn again.
 */
export type DiagramVerdict = { ok: true } | Extract<CachedRendering, { ok: false }>;

/**
 * Entries on disk, one JSON file per content hash (`ab/abcdef….json`). Entries are never
 * invalidated: a changed diagram, mermaid version or configuration gives a new key. Writes go
 * through a temp file and a rename, so a killed build never leaves a half-written entry.
 */
export interface ContentCache<T> {
	dir: string;
	get(key: string): Promise<T | undefined>;
	set(key: string, value: T): Promise<void>;
}

/**
 * What decides whether a kept drawing is written as parsed: this folder's code and the installed
 * HTML parser and serializer (the lockfile). An upgrade of either settles the entries again.
 */
export function settlingKey(): string {
	return runningCodeFingerprint(['diagrams'], dependencyLockDigest());
}

/** Renderings, in `dir`. */
export type DiagramCache = ContentCache<CachedRendering>;

export function openDiagramCache(dir: string): DiagramCache {
	return openContentCache<CachedRendering>(dir);
}

/**
 * Validation verdicts, next to the drawings (`dir/verdicts/`). A verdict found by drawing has the
 * drawing's key; one found by mermaid's parser alone has its own (`diagramParseKey`).
 */
export function openVerdictCache(dir: string): ContentCache<DiagramVerdict> {
	return openContentCache<DiagramVerdict>(join(dir, 'verdicts'));
}

let writes = 0;

function openContentCache<T>(dir: string): ContentCache<T> {
	const fileFor = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
	return {
		dir,
		async get(key) {
			try {
				return JSON.parse(await readFile(fileFor(key), 'utf8')) as T;
			} catch {
				return undefined;
			}
		},
		async set(key, value) {
			const file = fileFor(key);
			await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
			// One temp file per write: two writes of one key in this process (a drawing settled by two readers) never share one.
			const temp = `${file}.${process.pid}.${++writes}.tmp`;
			await writeFile(temp, JSON.stringify(value));
			await rename(temp, file);
		},
	};
}

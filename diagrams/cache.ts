import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a diagram drew to: the SVG (colours from the palette's custom properties, so it serves
 * both themes) with its smallest text size in CSS px at its own size, or the error mermaid threw.
 */
export type CachedRendering = { ok: true; svg: string; textPx: number } | { ok: false; name: string; message: string; loc?: { first_line: number; first_column: number; last_line: number } };

/**
 * Renderings on disk, one JSON file per content hash (`ab/abcdef….json`). Entries are never
 * invalidated: a changed diagram, mermaid version or configuration gives a new key. Writes go
 * through a temp file and a rename, so a killed build never leaves a half-written entry.
 */
export interface DiagramCache {
	dir: string;
	get(key: string): Promise<CachedRendering | undefined>;
	set(key: string, value: CachedRendering): Promise<void>;
}

export function openDiagramCache(dir: string): DiagramCache {
	const fileFor = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
	return {
		dir,
		async get(key) {
			try {
				return JSON.parse(await readFile(fileFor(key), 'utf8')) as CachedRendering;
			} catch {
				return undefined;
			}
		},
		async set(key, value) {
			const file = fileFor(key);
			await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
			const temp = `${file}.${process.pid}.tmp`;
			await writeFile(temp, JSON.stringify(value));
			await rename(temp, file);
		},
	};
}

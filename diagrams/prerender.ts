import { resolve } from 'node:path';
import type { DiagramsConfig } from '../config/diagrams.ts';
import { packageRoot } from '../core/package.ts';
import type { DiagramStats } from './diagram-service.ts';

/**
 * Where rendered diagrams are kept: `diagrams.cacheDir` (made absolute by `loadConfig`), else
 * inside the Waymark package's `node_modules/.astro/`, next to Astro's own cache. Entries are
 * content-addressed, so every tree and every checkout of a project can share them, nothing lands
 * in the user's repository, and `rm -rf node_modules` clears them like any other tool cache.
 */
export function resolveDiagramCacheDir(config: DiagramsConfig): string {
	return resolve(config.cacheDir ?? resolve(packageRoot, 'node_modules/.astro/waymark-diagrams'));
}

/** `diagrams: 3 rendered, 12 from cache in 840 ms`, logged once per build. */
export function formatDiagramStats(stats: DiagramStats): string {
	const client = stats.client > 0 ? `, ${stats.client} left to the reader's browser` : '';
	return `diagrams: ${stats.rendered} rendered, ${stats.cached} from cache${client} in ${stats.ms} ms`;
}

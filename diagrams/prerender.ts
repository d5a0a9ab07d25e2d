import { resolve } from 'node:path';
import type { DiagramsConfig } from '../config/diagrams.ts';
import { stateFiles } from '../core/state-files.ts';
import type { DiagramStats } from './diagram-service.ts';

/**
 * Where rendered diagrams are kept: `diagrams.cacheDir`, which `loadConfig` sets (to the state
 * folder's `diagrams/` unless written); for a config parsed without it, `.waymark/diagrams` in the
 * working directory. Entries are content-addressed, so every tree of a project shares them.
 */
export function resolveDiagramCacheDir(config: DiagramsConfig): string {
	return resolve(config.cacheDir ?? stateFiles(resolve('.waymark')).diagrams);
}

/** `diagrams: 3 rendered, 12 from cache in 840 ms`, logged once per build. */
export function formatDiagramStats(stats: DiagramStats): string {
	const client = stats.client > 0 ? `, ${stats.client} left to the reader's browser` : '';
	return `diagrams: ${stats.rendered} rendered, ${stats.cached} from cache${client} in ${stats.ms} ms`;
}

import { resolve } from 'node:path';
import { loadGuidebookTree } from '../collect/load-tree.ts';
import type { LoadedConfig } from '../config.ts';
import { formatFinding, type Finding } from '../finding.ts';
import type { DiagramService, DiagramStats } from './diagram-service.ts';
import { collectMermaidBlocks } from './mermaid-blocks.ts';
import { parseProblems, renderProblems, toDiagramFinding } from './validate-diagrams.ts';

/**
 * Where rendered diagrams are kept: `diagrams.cacheDir`, else inside the Waymark package's
 * `node_modules/.astro/`, next to Astro's own cache. Entries are content-addressed, so every tree
 * and every checkout of a project can share them, nothing lands in the user's repository, and
 * `rm -rf node_modules` clears them like any other tool cache.
 */
export function resolveDiagramCacheDir(loaded: Pick<LoadedConfig, 'config' | 'file'>, packageRoot: string, cwd = process.cwd()): string {
	const configured = loaded.config.diagrams.cacheDir;
	// Rules see only the parsed config; `waymark build` and `check` export the file they read.
	const file = loaded.file ?? process.env.WAYMARK_CONFIG;
	if (configured) return resolve(file ? resolve(file, '..') : cwd, configured);
	return resolve(packageRoot, 'node_modules/.astro/waymark-diagrams');
}

export interface PrerenderResult {
	findings: Finding[];
	stats: DiagramStats;
	diagrams: number;
}

/**
 * Draws every diagram of the tree before Astro renders a page, so diagrams are drawn in batches
 * over one browser and the rehype plugin only looks them up. Also validates them: by drawing when
 * a browser is available, else with mermaid's parser in Node.
 */
export async function prerenderDiagrams(root: string, service: DiagramService): Promise<PrerenderResult> {
	const tree = await loadGuidebookTree(root);
	const blocks = collectMermaidBlocks(tree);
	const { renderings, stats } = await service.renderAll(blocks.map((b) => b.source));
	const problems = service.mode === 'svg' ? renderProblems(blocks, renderings) : await parseProblems(blocks);
	return { findings: problems.map(toDiagramFinding), stats, diagrams: blocks.length };
}

/** `diagrams: 3 rendered, 12 from cache in 840 ms`, logged once per build. */
export function formatDiagramStats(stats: DiagramStats): string {
	const client = stats.client > 0 ? `, ${stats.client} left to the reader's browser` : '';
	return `diagrams: ${stats.rendered} rendered, ${stats.cached} from cache${client} in ${stats.ms} ms`;
}

export const formatDiagramFindings = (findings: Finding[]) => findings.map(formatFinding);

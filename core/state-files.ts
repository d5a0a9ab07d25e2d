import { join } from 'node:path';

/**
 * The state folder (`.waymark/` beside the config file by default; `stateDir`, `--state-dir`):
 * everything Waymark keeps between runs, in the user's project and never inside `node_modules`.
 *
 * ```
 * .waymark/
 *   astro/<tree>-<hash>/   Astro's work folder, one per tree and trust (integration/tree-store.ts), with the
 *                          record of its last build (integration/site-record.ts)
 *   diagrams/              drawn diagrams and verdicts, by content: shared by every tree
 *   pages/<tree>-<hash>.json the pages of a tree as the last run parsed them (tree/page-cache.ts)
 *   cache/links.json       external link results (`links.cache.dir`)
 *   status.sqlite          the probe history of `waymark serve` (`status.database`)
 * ```
 */
export function stateFiles(stateDir: string): {
	astro: string;
	diagrams: string;
	pages: string;
	links: string;
	status: string;
} {
	return {
		astro: join(stateDir, 'astro'),
		diagrams: join(stateDir, 'diagrams'),
		pages: join(stateDir, 'pages'),
		links: join(stateDir, 'cache'),
		status: join(stateDir, 'status.sqlite'),
	};
}

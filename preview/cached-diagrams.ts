import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { DiagramsConfig } from '../config/diagrams.ts';
import { openDiagramCache } from '../diagrams/cache.ts';
import {
	toRendering,
	type DiagramLookup,
	type DiagramRendering,
} from '../diagrams/diagram-service.ts';
import { diagramCacheKey } from '../diagrams/mermaid-config.ts';
import { rehypeDiagrams } from '../diagrams/rehype-diagrams.ts';
import { withEarlyRehypePlugin } from '../markdown/plugins.ts';

/**
 * The site's diagram step, reading drawn diagrams from the diagram cache only: the current
 * version of a diagram was drawn by the build that just ran; the base version shows as its drawn
 * SVG when an earlier build left it in the cache, else as its source. Never starts a browser.
 */
export function withCachedDiagrams(
	options: UnifiedProcessorOptions,
	diagrams: { config: DiagramsConfig; cacheDir: string },
): UnifiedProcessorOptions {
	const cache = openDiagramCache(diagrams.cacheDir);
	const get = async (source: string): Promise<DiagramRendering | undefined> => {
		const entry = await cache.get(diagramCacheKey(source, diagrams.config));
		return entry?.ok ? toRendering(source, entry) : undefined;
	};
	const service: DiagramLookup = { mode: 'svg', get };
	// Where the build puts it (integration/diagram-hooks.ts): after the sanitiser and highlighting.
	return withEarlyRehypePlugin(options, [rehypeDiagrams, { service }]);
}

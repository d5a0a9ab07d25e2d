import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { LoadedConfig } from '../config/load-config.ts';
import type { Progress } from '../core/progress.ts';
import { markdownSnapshot } from '../checks/probes/snapshot.ts';
import type { SiteRuntimeConfig } from '../src/lib/site-config.ts';
import type { TreeFiles } from '../src/markdown/link-target.ts';
import type { MarkdownParser } from '../src/markdown/native-parse.ts';
import { siteMarkdownPlugins, withRemarkPluginBeforeLinks } from '../src/markdown/plugins.ts';
import { withRenderProgress } from './build-progress.ts';
import { remarkImageGuard } from './image-guard.ts';
import type { ImageBounds } from '../tree/image-source.ts';
import { withPipelineDigest } from './pipeline-digest.ts';

/** What decides the Markdown pipeline of one site build. */
export interface SiteMarkdownInput {
	loaded: LoadedConfig;
	runtime: SiteRuntimeConfig;
	files: TreeFiles;
	/** Where images outside the tree may come from (`imageBoundsOf`). */
	images: ImageBounds;
	/** `remark` only when asked for (`WAYMARK_PARSER=remark`). */
	parser: MarkdownParser;
	/** Puts the diagram step into the rehype plugins (`diagramsHooks().withRehypePlugin`). */
	withDiagrams: (options: UnifiedProcessorOptions) => UnifiedProcessorOptions;
	progress: Progress;
}

/**
 * The options of the processor the integration hands Astro (`siteProcessor`): the site's remark and
 * rehype plugins, the image guard before links are rewritten, diagrams, a progress tick per page
 * and the pipeline's fingerprint. The processor-identity test renders pages through this too.
 */
export function siteMarkdownOptions({ loaded, runtime, files, images, parser, withDiagrams, progress }: SiteMarkdownInput): UnifiedProcessorOptions {
	const config = { ...runtime, ...(runtime.status && { status: markdownSnapshot(runtime.status) }) };
	const plugins = siteMarkdownPlugins(config, { trust: loaded.trust, allowRawHtml: loaded.config.site.allowRawHtml }, files, parser);
	const guarded = withRemarkPluginBeforeLinks(plugins, [remarkImageGuard, { root: loaded.root, assets: files.assets, bounds: images }]);
	return withPipelineDigest(withRenderProgress(withDiagrams(guarded), progress, loaded.root));
}

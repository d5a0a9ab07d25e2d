import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { LoadedConfig } from '../config/load-config.ts';
import type { Progress } from '../core/progress.ts';
import type { SiteRuntimeConfig } from '../markdown/site-config.ts';
import type { StatusSnapshot } from '../core/status-snapshot.ts';
import { siteToolOf, type TreeFiles } from '../markdown/link-target.ts';
import type { MarkdownParser } from '../core/environment.ts';
import { siteMarkdownPlugins, withRemarkPluginBeforeLinks } from '../markdown/plugins.ts';
import { withRenderProgress } from './build-progress.ts';
import { remarkBrokenLinks } from './broken-links.ts';
import { remarkLandingFragments } from './landing-fragments.ts';
import { remarkBundledImageGuard, remarkImageGuard } from './image-guard.ts';
import type { SiteLinkVerdicts } from './link-verdicts.ts';
import { remarkMdxGuard } from './mdx-guard.ts';
import type { ImageBounds } from '../tree/image-source.ts';
import { withPipelineDigest } from './pipeline-digest.ts';

/** What decides the Markdown pipeline of one site build. */
export interface SiteMarkdownInput {
	loaded: LoadedConfig;
	runtime: SiteRuntimeConfig;
	/** The build-time probe snapshot that `:status` directives show, stamped with its last observation (`markdownSnapshot`). */
	status?: StatusSnapshot | undefined;
	files: TreeFiles;
	/** Where images outside the tree may come from (`imageBoundsOf`). */
	images: ImageBounds;
	/** How `internal-links` judges each link: broken ones are marked, images it reports are placeholders. */
	links: SiteLinkVerdicts;
	/** `remark` only when asked for (`WAYMARK_PARSER=remark`). */
	parser: MarkdownParser;
	/** Puts the diagram step into the rehype plugins (`diagramsHooks().withRehypePlugin`). */
	withDiagrams: (options: UnifiedProcessorOptions) => UnifiedProcessorOptions;
	progress: Progress;
}

/**
 * The options of the processor the integration hands Astro (`siteProcessor`): the site's remark and
 * rehype plugins; before links are rewritten, the image guard, the marks on broken links and (GitHub)
 * fragments written as the ids they reach; as
 * the last remark step, the guard on the images Astro will bundle; diagrams, a progress tick per
 * page and the pipeline's fingerprint. The processor-identity test renders pages through this too.
 */
export function siteMarkdownOptions({
	loaded,
	runtime,
	status,
	files,
	links,
	images,
	parser,
	withDiagrams,
	progress,
}: SiteMarkdownInput): UnifiedProcessorOptions {
	const plugins = siteMarkdownPlugins(
		{ ...runtime, status },
		{ trust: loaded.trust, allowRawHtml: loaded.config.site.allowRawHtml },
		files,
		parser,
	);
	let guarded = withRemarkPluginBeforeLinks(plugins, [
		remarkImageGuard,
		{ root: loaded.root, assets: files.assets, verdict: links.verdict, bounds: images },
	]);
	// A trusted tree's `.mdx` compiles; an untrusted one's is made inert by the site's own plugins.
	if (loaded.trust === 'trusted')
		guarded = withRemarkPluginBeforeLinks(guarded, [remarkMdxGuard, { root: loaded.root }]);
	if (links.markLinks)
		guarded = withRemarkPluginBeforeLinks(guarded, [
			remarkBrokenLinks,
			{ root: loaded.root, verdict: links.verdict },
		]);
	if (siteToolOf(files).fragmentsIgnoreCase)
		guarded = withRemarkPluginBeforeLinks(guarded, [
			remarkLandingFragments,
			{ root: loaded.root, landsOn: links.landsOn },
		]);
	guarded = {
		...guarded,
		remarkPlugins: [
			...(guarded.remarkPlugins ?? []),
			[remarkBundledImageGuard, { root: loaded.root, bounds: images }],
		],
	};
	return withPipelineDigest(withRenderProgress(withDiagrams(guarded), progress, loaded.root));
}

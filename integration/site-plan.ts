import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { LoadedConfig } from '../config/load-config.ts';
import { defaultSiteTitle } from '../config/site.ts';
import type { AlertSet } from '../alerts/types.ts';
import type { AlertsManifest } from '../alerts/manifest.ts';
import type { WaymarkEnvironment } from '../core/environment.ts';
import type { Progress } from '../core/progress.ts';
import { buildStatusSnapshot, markdownSnapshot } from '../checks/probes/snapshot.ts';
import { linkCacheFile, readKnownBrokenUrls } from '../checks/links/link-cache.ts';
import { collectMermaidBlocks } from '../diagrams/mermaid-blocks.ts';
import { forgeRepoFrom, sitePlace } from '../markdown/forge-links.ts';
import type { SiteRuntimeConfig } from '../markdown/site-config.ts';
import type { SiteData } from './site-data.ts';
import type { TreeFiles } from '../markdown/link-target.ts';
import { readCommitDates, type CommitDates } from '../tree/git-dates.ts';
import { imageBoundsOf } from '../tree/image-source.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { collectPublication, withTreeFiles, type Publication } from '../tree/published-files.ts';
import { siteFilesOf } from '../tree/site-files.ts';
import type { ToolData } from '../tools/tool.ts';
import { pullMarkersOf, pulledFilesOf, pulledKeysOf } from './live-pulls.ts';
import type { ContentLoaderData } from './content-loader.ts';
import { frontmatterNotes } from './frontmatter-notes.ts';
import { siteLinkVerdicts, type SiteLinkVerdicts } from './link-verdicts.ts';
import { bundledPictureKeys } from './bundled-pictures.ts';
import type { PageHtmlFiles } from './page-html-files.ts';
import { buildAlertsManifest, buildSiteAlerts, publishedRuleFiles } from './site-alerts.ts';
import { buildSiteIndex } from './site-index.ts';
import { siteMarkdownOptions } from './site-markdown.ts';
import { buildSiteReviews } from './site-reviews.ts';
import { unreadablePackageJson, type UnreadablePackageJson } from './package-json-guard.ts';

/** What decides one site build, besides its pages: what `planSite` reads. */
export interface SitePlanInput {
	loaded: LoadedConfig;
	tree: GuidebookTree;
	alerts: AlertSet;
	environment: WaymarkEnvironment;
	/** Where the command ran: `check --external`'s link cache is found from here. */
	cwd: string;
	/** The site's base path (an Astro `base` set in astro.config wins over `site.base`). */
	base: string;
}

/**
 * Everything a site build works out of the tree before any page renders: the site's config, the
 * data every page shows of the others (`SiteData`), what links land on, the files published
 * besides the pages, the probe snapshot and the alerts manifest. The Astro integration builds
 * from it; `patch-site.ts` compares it with the last build's to know what a change touches.
 */
export interface SitePlan {
	runtime: SiteRuntimeConfig;
	siteData: SiteData;
	status: Awaited<ReturnType<typeof buildStatusSnapshot>>;
	alertsManifest: AlertsManifest;
	publication: Publication;
	files: TreeFiles;
	links: SiteLinkVerdicts;
	gitDates: ReadonlyMap<string, string>;
	/** In a shallow clone: how many published pages show no date, since their last change is before its history (`ShallowHistory`). */
	datesCutOff?: { pages: number; since: string };
	/** The Markdown processor's options, with its diagrams step (`diagramsHooks().withRehypePlugin`). */
	markdown(
		withDiagrams: (options: UnifiedProcessorOptions) => UnifiedProcessorOptions,
		progress: Progress,
	): UnifiedProcessorOptions;
	/** What the content loader needs, its page bodies kept in `html`. */
	loaderData(html: PageHtmlFiles): ContentLoaderData;
	/** A trusted tree's `.mdx` pages rendered as Markdown, since this `package.json` the bundler would read for them is not JSON. */
	mdxUnbundled?: UnreadablePackageJson;
}

export async function planSite({
	loaded,
	tree,
	alerts,
	environment,
	cwd,
	base,
}: SitePlanInput): Promise<SitePlan> {
	const runtime: SiteRuntimeConfig = {
		root: loaded.root,
		title: loaded.config.site.title ?? tree.siteName ?? defaultSiteTitle,
		base,
		editUrl: loaded.config.site.editUrl ?? null,
		offlineCache: loaded.config.site.offlineCache,
		...(tree.place && { place: sitePlace(tree.place) }),
	};
	const repo = forgeRepoFrom(loaded.config.site);
	if (repo) runtime.repo = repo;
	const images = imageBoundsOf(tree, loaded.trust);
	const [commitDates, pagesPublication, reviews, known, pictures] = await Promise.all([
		readCommitDates(tree.place),
		collectPublication(tree, loaded.trust),
		buildSiteReviews(tree, alerts, loaded.config, new Date()),
		// What `check --external` last found, from its cache: read, never written, never fetched.
		readKnownBrokenUrls(
			linkCacheFile(loaded.config.links, cwd),
			loaded.config.links.cache.ttlSeconds,
			Date.now(),
		),
		bundledPictureKeys(tree, images),
	]);
	// An untrusted tree's probes never run, whatever `WAYMARK_PROBE_AT_BUILD` says.
	const status = await buildStatusSnapshot(
		tree,
		loaded.config,
		loaded.trust === 'untrusted'
			? {}
			: { probeAtBuild: environment.probeAtBuild, env: environment.variables },
	);
	const siteAlerts = buildSiteAlerts(alerts, tree, loaded.config, runtime.base);
	// The alert panels link the rule files they show: published with the pages that show them.
	const publication = withTreeFiles(pagesPublication, tree.root, publishedRuleFiles(siteAlerts));
	// The snapshot's time is its last observation, not the build's clock: an unchanged tree keeps its pages.
	const gitDates = commitDates.dates;
	const datesCutOff = cutOffPages(tree, commitDates);
	const siteData: SiteData = {
		index: buildSiteIndex(tree, gitDates),
		alerts: siteAlerts,
		reviews,
		...(status.snapshot.probes.length > 0 && { status: markdownSnapshot(status.snapshot) }),
	};
	const files = siteFilesOf(tree);
	const links = siteLinkVerdicts(tree, loaded.config, known);
	// The bundler fails the whole build on a broken package.json above a module it resolves: then no MDX page is one.
	const mdxUnbundled =
		loaded.trust === 'trusted' && tree.files.pages.some((path) => /\.mdx$/i.test(path))
			? unreadablePackageJson(loaded.root, tree.files.folders)
			: undefined;
	const mdx = loaded.trust === 'trusted' && !mdxUnbundled ? 'module' : 'markdown';
	// Worked out once: it validates every page's frontmatter for its notes.
	let loaderData: ContentLoaderData | undefined;
	return {
		runtime,
		siteData,
		status,
		alertsManifest: buildAlertsManifest(siteAlerts, tree, loaded.config),
		publication,
		files,
		links,
		gitDates,
		...(datesCutOff && { datesCutOff }),
		markdown: (withDiagrams, progress) =>
			siteMarkdownOptions({
				loaded,
				runtime,
				status: siteData.status,
				files,
				links,
				images,
				parser: environment.parser,
				withDiagrams,
				progress,
			}),
		loaderData: (html) => ({
			...(loaderData ??= contentLoaderData(
				tree,
				files,
				loaded,
				environment,
				html,
				links.digests,
				pictures,
				mdx,
			)),
			html,
		}),
		...(mdxUnbundled && { mdxUnbundled }),
	};
}

/** The published pages a shallow clone leaves without a date; `undefined` when none is. */
function cutOffPages(
	tree: GuidebookTree,
	{ cutOff, shallowSince }: CommitDates,
): SitePlan['datesCutOff'] {
	const pages = cutOff.filter((path) => tree.pages.has(path) && !tree.unpublished.has(path)).length;
	return pages > 0 && shallowSince ? { pages, since: shallowSince.slice(0, 10) } : undefined;
}

/** The pages the checks saw (never those the tool leaves out), with their notices; `.mdx` renders as Markdown when `mdx` says so (an untrusted tree, `mdxUnbundled`). */
function contentLoaderData(
	tree: GuidebookTree,
	files: TreeFiles,
	loaded: LoadedConfig,
	environment: WaymarkEnvironment,
	html: PageHtmlFiles,
	linkDigests: Record<string, string>,
	pictureKeys: Record<string, string>,
	mdx: ContentLoaderData['mdx'],
): ContentLoaderData {
	const notices: ContentLoaderData['notices'] = {};
	for (const page of tree.pages.values())
		if (page.notice) notices[page.path] = { notice: page.notice, title: page.title };
	return {
		root: loaded.root,
		pages: withDiagramsLast(tree),
		dialect: tree.dialect.name,
		notices,
		frontmatter: frontmatterNotes(tree),
		mdx,
		limits: {
			maxPageBytes: loaded.config.checks.maxPageBytes,
			maxNestingDepth: loaded.config.checks.maxNestingDepth,
		},
		parser: environment.parser,
		html,
		...(files.toolData && { toolData: files.toolData.data as ToolData }),
		...(tree.toolKeys && { toolKeys: [...tree.toolKeys] }),
		linkDigests,
		pictureKeys,
		pulledKeys: pulledKeysOf(tree),
		decoded: Object.fromEntries([...(tree.decoded ?? [])].map(([path, { from }]) => [path, from])),
		pulledFiles: [...pulledFilesOf(tree)],
		pullMarkers: pullMarkersOf(tree),
	};
}

/**
 * The published pages, those with a mermaid diagram last: while diagrams are drawn beside the
 * build, the pages without one render first instead of queueing behind pages that wait.
 */
function withDiagramsLast(tree: GuidebookTree): string[] {
	const drawn = new Set(collectMermaidBlocks(tree).map((block) => block.file));
	const pages = [...tree.pages.keys()].filter((path) => !tree.unpublished.has(path));
	return [...pages.filter((path) => !drawn.has(path)), ...pages.filter((path) => drawn.has(path))];
}

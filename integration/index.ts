import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { releaseSyntaxTrees } from '../tree/release-syntax.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { inStep } from '../core/progress.ts';
import { buildPhases, bundleProgressPlugin } from './build-progress.ts';
import { diagramsHooks } from './diagram-hooks.ts';
import { checkTreeForBuild } from './astro-checks.ts';
import { devChecksPlugin } from './dev-checks.ts';
import { devReloads } from './dev-reload.ts';
import { ShallowHistory, WaymarkError, raise } from '../core/errors.ts';
import { readEnvironment } from '../core/environment.ts';
import { siteShikiConfig, siteSyntaxHighlight } from '../markdown/plugins.ts';
import { siteProcessor } from '../markdown/site-processor.ts';
import { virtualContentPlugin } from './virtual-content.ts';
import { pageHtmlFolder, type PageHtmlFiles } from './page-html-files.ts';
import {
	collectPageFacts,
	onPageFailed,
	tickPerPageRendered,
	virtualRenderPlugin,
} from './virtual-render.ts';
import { removeUnloadedAssets } from './unloaded-assets.ts';
import { readBuiltPages } from './built-pages.ts';
import { searchIndexOrNone } from './pagefind-index.ts';
import { writeAfterPages } from './after-pages.ts';
import { feedSearchIndex, type SearchFeed } from './search-feed.ts';
import { teePages } from './page-tee.ts';
import { trimHeapIfLarge } from '../core/heap-trim.ts';
import { buildSiteIndex } from './site-index.ts';
import {
	copyTreeAssets,
	describePublication,
	sanitizeOutputSvgs,
	treeAssetsPlugin,
} from './tree-assets.ts';
import type { Publication } from '../tree/published-files.ts';
import { virtualConfigPlugin } from './virtual-config.ts';
import type { SitePlan } from './site-plan.ts';
import { virtualCodeColoursPlugin } from './virtual-code-colours.ts';
import { astroRuntimeImportsPlugin } from './astro-runtime-imports.ts';
import { treeImportsPlugin } from './tree-imports.ts';
import { mdxIsolationPlugin } from './mdx-isolation.ts';
import { siteDataFile, siteDataRefreshPlugin, writeSiteData } from './site-data-file.ts';
import type { SiteData } from './site-data.ts';
import type { PreparedSite } from './prepared-site.ts';
import { pullMarkersOf } from './live-pulls.ts';
import { storeOutputAdapter } from './store-output.ts';

export type { PreparedSite } from './prepared-site.ts';
import { standInCharacters, withoutStandIns } from '../markdown/route-stand-ins.ts';
import { renameStandIns } from './route-names.ts';

export interface WaymarkIntegrationOptions {
	/** The config, tree, alerts and plan, prepared by the command (`waymark build`, `waymark dev`) or by `prepareProject` in an `astro.config.mjs`. */
	prepared: PreparedSite;
}

/** For an `astro.config.mjs`: `waymark({ prepared: await prepareProject({ cwd: process.cwd(), environment: readEnvironment(process.env) }) })`. */
export { readEnvironment };
export { prepareProject } from './prepare-site.ts';

/** Astro settings the site needs whoever starts the build: `astro.config.mjs` and `waymark build` both spread this. */
export const siteAstroConfig = { trailingSlash: 'always', build: { format: 'directory' } } as const;

/**
 * The Astro integration: points the site at a prepared guidebook tree and wires Waymark's Markdown
 * pipeline into Astro's hooks. It reads nothing itself: the config, the tree, the alerts and the
 * plan come prepared (`prepare-site.ts`), whoever starts Astro.
 */
export default function waymark(options: WaymarkIntegrationOptions): AstroIntegration {
	let loaded: LoadedConfig;
	let sitePlan: SitePlan | undefined;
	let searchCache: string | undefined;
	let searchFeed: SearchFeed | undefined;
	let trace: ((line: string) => void) | undefined;
	/** Astro's resolved config, once it is: the feed's pages are named by its `base`, and an adapter's own prerenderer is left alone. */
	let resolved: { base: string; adapter: boolean } | undefined;
	const { prepared } = options;
	const diagrams = diagramsHooks(prepared.diagrams);
	const phases = buildPhases(prepared.progress);
	let stopFailures: (() => void) | undefined;
	let pageFacts: ReturnType<typeof collectPageFacts> | undefined;
	let rendered: ReturnType<typeof tickPerPageRendered> | undefined;
	return {
		name: 'waymark',
		hooks: {
			'astro:config:setup': async ({ updateConfig, config: astroConfig, command, logger }) => {
				phases.enter('preparing the site');
				loaded = prepared.loaded;
				const { tree, environment, alerts, plan } = prepared;
				// `DEBUG=waymark`: a line per rule run, in Astro's log.
				trace = environment.debug ? (line: string) => logger.info(line) : undefined;
				// Diagrams first: the checks' `mermaid-render` rule then reads every drawing from the cache
				// (with `prepared.diagrams`, the command's checks and the site share the drawing as it goes).
				await diagrams
					.prerender({
						loaded,
						tree,
						command,
						cwd: prepared.cwd,
						logger,
						progress: phases.progress,
					})
					.catch(rethrowForAstro);
				// Checks inside Astro only for a plain `astro build`: same engine and messages as `waymark
				// check`; in dev, each page shows its own findings instead (`dev-checks.ts`).
				const checksHere = command === 'build' && prepared.checkOnBuild === true;
				if (checksHere)
					await checkTreeForBuild(tree, loaded, {
						cwd: prepared.cwd,
						logger,
						alerts,
						...(trace && { trace }),
					}).catch(rethrowForAstro);
				// `waymark build` says it in its own log (`build-site.ts`); `waymark dev` and a plain `astro build` or `astro dev` say it here.
				if ((command === 'dev' || prepared.checkOnBuild === true) && plan.datesCutOff) {
					const shallow = raise(ShallowHistory, plan.datesCutOff.pages, plan.datesCutOff.since);
					logger.warn(`${shallow.message} ${shallow.hint ?? ''}`);
				}
				sitePlan = plan;
				const { runtime, siteData, links } = plan;
				const mdxFailed = (id: string, reason: string) =>
					logger.warn(
						`${relative(loaded.root, id.replace(/\?.*$/, ''))}: Unexpected error while compiling its MDX (${reason}), expected MDX that compiles; the page shows a notice in its place.`,
					);
				// Rendered pages and the site data live beside Astro's own cache, so they go when it is cleared.
				const pageHtml: PageHtmlFiles = {
					dir: fileURLToPath(new URL(`${pageHtmlFolder}/`, astroConfig.cacheDir)),
				};
				const siteFile = siteDataFile(fileURLToPath(astroConfig.cacheDir));
				searchCache = fileURLToPath(new URL('waymark-search/', astroConfig.cacheDir));
				await writeSiteData(siteFile, siteData);
				const { reloadTree } = prepared;
				const reloads = command === 'dev' ? devReloads(loaded.root) : undefined;
				const refresh = async (): Promise<SiteData> => ({
					...siteData,
					index: buildSiteIndex(await reloadTree(), plan.gitDates),
				});
				updateConfig({
					...(loaded.config.site.url && { site: loaded.config.site.url }),
					base: runtime.base,
					markdown: {
						processor: siteProcessor(
							plan.markdown((options) => diagrams.withRehypePlugin(options), phases.progress),
						),
						shikiConfig: siteShikiConfig,
						syntaxHighlight: siteSyntaxHighlight,
					},
					vite: {
						// Mermaid's chunks for drawing in the reader's browser (without Chromium) reach 3.2 MB
						// (zenuml's definition, mermaid 12.3): Vite's default of 500 kB warns about them with
						// advice (dynamic import(), codeSplitting) only Waymark could act on, and it loads them
						// on diagram pages only. The limit sits above them, so a larger chunk, such as a
						// component of a tree's MDX, still warns.
						build: { chunkSizeWarningLimit: 4000 },
						plugins: [
							// The command, not Vite's mode: a build run where NODE_ENV says otherwise (a test runner,
							// a shell's `development`) is still a build, and its pages still ask for the worker.
							virtualConfigPlugin({ ...runtime, ...(command === 'dev' && { dev: true }) }),
							virtualContentPlugin(
								plan.loaderData(pageHtml),
								command === 'dev' && pullMarkersOf(tree).length > 0
									? { tree, reloadTree }
									: undefined,
							),
							virtualRenderPlugin(pageHtml, siteFile),
							...(command === 'dev' ? [siteDataRefreshPlugin(siteFile, refresh)] : []),
							virtualCodeColoursPlugin(),
							treeAssetsPlugin(loaded.root, runtime.base),
							astroRuntimeImportsPlugin(),
							// Only a trusted tree's modules are bundled (its `.mdx` compiles); an untrusted tree has none.
							...(loaded.trust === 'trusted'
								? [treeImportsPlugin(loaded.root), mdxIsolationPlugin(mdxFailed)]
								: []),
							diagrams.vitePlugin(),
							bundleProgressPlugin(phases.progress, () => phases.enter('writing the HTML pages')),
							...(reloads
								? [
										reloads.plugin,
										devChecksPlugin(
											loaded,
											{
												cwd: prepared.cwd,
												parser: environment.parser,
												base: runtime.base,
												onTree: (fresh) => links.refresh(fresh),
												onChecked: reloads.checked,
												...(trace && { trace }),
											},
											logger,
										),
									]
								: []),
						],
					},
				});
				// Nothing after this reads a page's syntax tree (Astro's renderer parses each page itself):
				// held through the build, the trees were most of its memory.
				if (checksHere) releaseSyntaxTrees(tree);
			},
			'astro:config:done': ({ config }) => {
				resolved = {
					base: config.base,
					adapter: config.adapter !== undefined && config.adapter.name !== storeOutputAdapter,
				};
				phases.enter('rendering the pages');
			},
			'astro:build:start': ({ logger, setPrerenderer }) => {
				phases.enter('bundling the site with Vite');
				// Each page Astro writes goes to Pagefind's process as it is written (`search-feed.ts`);
				// not in a project whose adapter brings a prerenderer of its own (Astro keeps one).
				const cacheDir = searchCache;
				if (cacheDir && resolved && !resolved.adapter)
					setPrerenderer(
						searchFeedPrerenderer(
							resolved.base,
							cacheDir,
							sitePlan?.publication,
							(feed) => (searchFeed = feed),
						),
					);
				rendered = tickPerPageRendered(phases.progress);
				pageFacts = collectPageFacts();
				stopFailures = onPageFailed((path, reason) =>
					logger.warn(
						`${path}: Unexpected error while its MDX rendered (${reason}), expected code that renders; the page shows a notice in its place.`,
					),
				);
			},
			'astro:build:done': async ({ dir, logger, pages: generated }) => {
				rendered?.stop();
				stopFailures?.();
				pageFacts?.stop();
				prepared.onPagesBuilt?.(
					generated.map((page) => withoutStandIns(page.pathname)),
					pageFacts?.facts ?? [],
					rendered?.count() ?? 0,
				);
				phases.enter('closing the diagram browser');
				await diagrams.close();
				const outDir = fileURLToPath(dir);
				// Pages whose route holds `#`, `?` or `%` get their real names before anything reads them.
				if (generated.some((page) => standInCharacters.test(page.pathname)))
					await renameStandIns(outDir);
				const files = sitePlan?.publication.files ?? [];
				phases.enter(`copying ${files.length} files from the tree`);
				const notSvg = await copyTreeAssets(files, outDir, phases.progress);
				for (const path of notSvg)
					logger.warn(
						`${path} is not an SVG document, so the site leaves it out; fix or rename it.`,
					);
				phases.enter(undefined);
				// Pagefind's process runs beside this one: a large heap the pages were generated in goes first.
				trimHeapIfLarge();
				// Every HTML file is in place (the tree's own too): each is read once, for all that follows.
				const built = await inStep(phases.progress, 'reading the pages written', () =>
					readBuiltPages(outDir),
				);
				prepared.onBuiltPages?.(built);
				// Pagefind's process indexes what the feed has not (`search-feed.ts`) while this one
				// finishes the other files, which it never reads; an index given up is removed once they are done.
				const search =
					sitePlan &&
					(await writeAfterPages(outDir, loaded, sitePlan, {
						searchIndex: (besides) =>
							inStep(phases.progress, 'indexing the pages for search (Pagefind)', () =>
								searchIndexOrNone(
									outDir,
									{
										...(searchCache
											? {
													cacheDir: searchCache,
													built,
													...(searchFeed && { early: searchFeed.shards }),
												}
											: { built }),
										besides,
										note: prepared.note ?? ((line) => logger.warn(line)),
									},
									(warning) => logger.warn(`${warning.message} ${warning.hint ?? ''}`),
								),
							),
						// Whatever way an SVG reached the output (bundled images too), it runs nothing.
						tidy: () =>
							inStep(
								phases.progress,
								'making SVG files safe and leaving out bundled files no page loads',
								async () => {
									await sanitizeOutputSvgs(outDir);
									await removeUnloadedAssets(outDir, built);
								},
							),
					}));
				searchFeed = undefined;
				if (!search) prepared.onSearchOff?.();
				if (search)
					trace?.(
						`search: ${search.early} of ${search.shards} parts of the index made while the pages were written`,
					);
				logger.info(
					`${describePublication(sitePlan?.publication)}; ${search ? `indexed ${search.pages} pages for search${search.indexed < search.shards ? ` (${search.indexed} of ${search.shards} parts of the index again, the others unchanged)` : ''}` : 'no search index (see the warning above)'}.`,
				);
			},
			'astro:server:done': () => diagrams.close(),
		},
	};
}

/** Astro shows `message` and `hint` in its error overlay and build output. */
async function rethrowForAstro(error: unknown): Promise<never> {
	if (error instanceof WaymarkError) {
		const { AstroError } = await import('astro/errors');
		// The catalog error stays the cause: `waymark build` prints it as a catalog error, not a bug.
		throw Object.assign(new AstroError(error.message, error.hint), { cause: error });
	}
	throw error;
}

/**
 * Astro's prerenderer with every page it writes handed to a search feed (`page-tee.ts`,
 * `search-feed.ts`), which starts once Astro knows its paths (`started`): the feed plans the index
 * from them and the tree's own HTML files, which the build copies after Astro.
 */
function searchFeedPrerenderer(
	base: string,
	cacheDir: string,
	publication: Publication | undefined,
	started: (feed: SearchFeed) => void,
): (inner: AstroPrerenderer) => AstroPrerenderer {
	const treeHtml = (publication?.files ?? [])
		.map((file) => file.to.split(sep).join('/'))
		.filter((file) => file.endsWith('.html'));
	let feed: SearchFeed | undefined;
	return (inner) =>
		teePages(inner, base, {
			onPaths: ({ all, pages }) =>
				started(
					(feed = feedSearchIndex({
						files: [...all, ...treeHtml],
						written: new Set(pages),
						cacheDir,
					})),
				),
			onPage: (file, bytes) => feed?.page(file, bytes),
			onDone: () => feed?.end(),
		});
}

import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { loadGuidebookTree, type GuidebookTree } from '../tree/load-tree.ts';
import { assertHasPages } from '../tree/no-pages.ts';
import { releaseSyntaxTrees } from '../tree/release-syntax.ts';
import { loadConfig, type LoadedConfig } from '../config/load-config.ts';
import { loadAlertSources } from '../alerts/load-alerts.ts';
import type { AlertSet } from '../alerts/types.ts';
import { inStep, type Progress } from '../core/progress.ts';
import { buildPhases, bundleProgressPlugin } from './build-progress.ts';
import { diagramsHooks } from './diagram-hooks.ts';
import type { DiagramService } from '../diagrams/diagram-service.ts';
import { checkTreeForBuild } from './astro-checks.ts';
import { devChecksPlugin } from './dev-checks.ts';
import { devReloads } from './dev-reload.ts';
import { ShallowHistory, WaymarkError, raise } from '../core/errors.ts';
import { readEnvironment, type WaymarkEnvironment } from '../core/environment.ts';
import { writeStatusFiles } from '../checks/probes/snapshot.ts';
import { siteShikiConfig, siteSyntaxHighlight } from '../src/markdown/plugins.ts';
import { siteProcessor } from '../src/markdown/site-processor.ts';
import { virtualContentPlugin } from './virtual-content.ts';
import { pageHtmlFolder, type PageHtmlFiles } from './page-html-files.ts';
import { collectPageFacts, onPageFailed, tickPerPageRendered, virtualRenderPlugin } from './virtual-render.ts';
import type { PageFacts } from '../src/lib/page-view.ts';
import { removeUnloadedAssets } from './unloaded-assets.ts';
import { readBuiltPages, type BuiltPages } from './built-pages.ts';
import { searchIndexOrNone } from './pagefind-index.ts';
import { feedSearchIndex, type SearchFeed } from './search-feed.ts';
import { teePages } from './page-tee.ts';
import { writeServiceWorker } from './service-worker.ts';
import { trimHeapIfLarge } from '../core/heap-trim.ts';
import { buildSiteIndex } from './site-index.ts';
import { copyTreeAssets, describePublication, sanitizeOutputSvgs, treeAssetsPlugin } from './tree-assets.ts';
import type { Publication } from '../tree/published-files.ts';
import { virtualConfigPlugin } from './virtual-config.ts';
import { writeAlertsManifest } from './site-alerts.ts';
import { planSite, type SitePlan } from './site-plan.ts';
import type { AlertsManifest } from '../alerts/manifest.ts';
import { virtualCodeColoursPlugin } from './virtual-code-colours.ts';
import { astroRuntimeImportsPlugin } from './astro-runtime-imports.ts';
import { treeImportsPlugin } from './tree-imports.ts';
import { mdxIsolationPlugin } from './mdx-isolation.ts';
import { siteDataFile, siteDataRefreshPlugin, writeSiteData } from './site-data-file.ts';
import type { SiteData } from '../src/lib/site-data.ts';

/**
 * What `waymark build` (`build-site.ts`) and `waymark dev` hand the integration, so nothing is read
 * or parsed twice. With it, the command runs the checks (before or beside Astro) and releases the
 * syntax trees; the integration runs no check of its own.
 */
export interface PreparedSite {
	loaded: LoadedConfig;
	tree: GuidebookTree;
	/** The diagram service of a build whose diagrams are drawn while Astro runs, shared with its checks; the command closes it. */
	diagrams?: DiagramService;
	/** Alert sources `waymark build` read for its checks; read here otherwise. */
	alerts?: AlertSet;
	/** Where the command ran: findings name files from here. */
	cwd: string;
	/** What Waymark's environment variables ask for, read by the command that started the build. */
	environment: WaymarkEnvironment;
	/** Told what the build is doing (the command's watchdog). */
	progress?: Progress;
	/** The site plan `waymark build` worked out already (`site-plan.ts`); worked out here otherwise. */
	plan?: SitePlan;
	/** Told the pathnames of the pages Astro wrote, what the route said of each page of the tree and how many pages it rendered (not copied from the last build), once the build is done. */
	onPagesBuilt?: (pathnames: string[], facts: PageFacts[], rendered: number) => void;
	/** Told the output's HTML files as read once every one was in place (`built-pages.ts`), so the build's record need not read them again. */
	onBuiltPages?: (pages: BuiltPages) => void;
	/** The site was published without a search index (`searchIndexOrNone`): nothing of this build may be reused as it is. */
	onSearchOff?: () => void;
}

export interface WaymarkIntegrationOptions {
	/** Guidebook root; else `root` in waymark.config.yaml, else `guidebooks`. */
	root?: string;
	/** A config file other than `waymark.config.yaml` in the working directory. */
	configFile?: string;
	/** Waymark's environment variables, read where Astro starts (`readEnvironment(process.env)` in astro.config.mjs). @default none set */
	environment?: WaymarkEnvironment;
	/** Config, tree and check report already loaded by `waymark build` or `waymark dev`; `root` and `configFile` are then ignored. */
	prepared?: PreparedSite;
}

/** For an `astro.config.mjs`: `waymark({ environment: readEnvironment(process.env) })` reads Waymark's variables where Astro starts. */
export { readEnvironment };

/** Astro settings the site needs whoever starts the build: `astro.config.mjs` and `waymark build` both spread this. */
export const siteAstroConfig = { trailingSlash: 'always', build: { format: 'directory' } } as const;

/**
 * The Astro integration: points the site at a guidebook tree and wires Waymark's Markdown
 * pipeline. `waymark build` and a plain `astro build` both go through here, so they run the same
 * checks and fail with the same messages.
 */
export default function waymark(options: WaymarkIntegrationOptions = {}): AstroIntegration {
	let loaded: LoadedConfig;
	let publication: Publication | undefined;
	let status: SitePlan['status'] | undefined;
	let alertsManifest: AlertsManifest | undefined;
	let searchCache: string | undefined;
	let searchFeed: SearchFeed | undefined;
	let trace: ((line: string) => void) | undefined;
	/** Astro's resolved config, once it is: the feed's pages are named by its `base`, and an adapter's own prerenderer is left alone. */
	let resolved: { base: string; adapter: boolean } | undefined;
	const diagrams = diagramsHooks(options.prepared?.diagrams);
	const phases = buildPhases(options.prepared?.progress);
	let stopFailures: (() => void) | undefined;
	let pageFacts: ReturnType<typeof collectPageFacts> | undefined;
	let rendered: ReturnType<typeof tickPerPageRendered> | undefined;
	return {
		name: 'waymark',
		hooks: {
			'astro:config:setup': async ({ updateConfig, config: astroConfig, command, logger }) => {
				phases.enter('preparing the site');
				const prepared = options.prepared ?? (await prepareFromOptions(options).catch(rethrowForAstro));
				loaded = prepared.loaded;
				const { tree, environment } = prepared;
				// `DEBUG=waymark`: a line per rule run, in Astro's log.
				trace = environment.debug ? (line: string) => logger.info(line) : undefined;
				const alerts = prepared.alerts ?? (await loadAlertSources(loaded.config, loaded.root, { trust: loaded.trust, env: environment.variables, ...(loaded.file && { configFile: loaded.file }) }));
				// An Astro `base` set in astro.config wins; else `site.base` from waymark.config.yaml.
				const base = astroConfig.base && astroConfig.base !== '/' ? astroConfig.base : loaded.config.site.base;
				// Diagrams first: the checks' `mermaid-render` rule then reads every drawing from the cache
				// (with `prepared.diagrams`, the command's checks and the site share the drawing as it goes).
				await diagrams.prerender({ loaded, tree, command, cwd: prepared.cwd, logger, progress: phases.progress }).catch(rethrowForAstro);
				// Checks inside Astro only for a plain `astro build`: same engine and messages as `waymark
				// check`; in dev, each page shows its own findings instead (`dev-checks.ts`).
				const checksHere = command === 'build' && !options.prepared;
				if (checksHere) await checkTreeForBuild(tree, loaded, { cwd: prepared.cwd, logger, alerts, ...(trace && { trace }) }).catch(rethrowForAstro);
				const plan = prepared.plan ?? (await planSite({ loaded, tree, alerts, environment, cwd: prepared.cwd, base }));
				// `waymark build` said it already; a plain `astro build` or `waymark dev` says it here.
				if (!prepared.plan && plan.datesCutOff) {
					const shallow = raise(ShallowHistory, plan.datesCutOff.pages, plan.datesCutOff.since);
					logger.warn(`${shallow.message} ${shallow.hint ?? ''}`);
				}
				const { runtime, siteData, links } = plan;
				publication = plan.publication;
				status = plan.status;
				alertsManifest = plan.alertsManifest;
				const mdxFailed = (id: string, reason: string) => logger.warn(`${relative(loaded.root, id.replace(/\?.*$/, ''))}: Unexpected error while compiling its MDX (${reason}), expected MDX that compiles; the page shows a notice in its place.`);
				// Rendered pages and the site data live beside Astro's own cache, so they go when it is cleared.
				const pageHtml: PageHtmlFiles = { dir: fileURLToPath(new URL(`${pageHtmlFolder}/`, astroConfig.cacheDir)) };
				const siteFile = siteDataFile(fileURLToPath(astroConfig.cacheDir));
				searchCache = fileURLToPath(new URL('waymark-search/', astroConfig.cacheDir));
				await writeSiteData(siteFile, siteData);
				const reloadTree = () => loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser, trust: loaded.trust });
				const reloads = command === 'dev' ? devReloads(loaded.root) : undefined;
				const refresh = async (): Promise<SiteData> => ({ ...siteData, index: buildSiteIndex(await reloadTree(), plan.gitDates) });
				updateConfig({
					...(loaded.config.site.url && { site: loaded.config.site.url }),
					base: runtime.base,
					markdown: {
						processor: siteProcessor(plan.markdown((options) => diagrams.withRehypePlugin(options), phases.progress)),
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
							virtualConfigPlugin(runtime),
							virtualContentPlugin(plan.loaderData(pageHtml), command === 'dev' && (plan.files.mkdocs || plan.files.mdbookIncludes) ? { files: plan.files, reloadTree } : undefined),
							virtualRenderPlugin(pageHtml, siteFile),
							...(command === 'dev' ? [siteDataRefreshPlugin(siteFile, refresh)] : []),
							virtualCodeColoursPlugin(),
							treeAssetsPlugin(loaded.root, runtime.base),
							astroRuntimeImportsPlugin(),
							// Only a trusted tree's modules are bundled (its `.mdx` compiles); an untrusted tree has none.
							...(loaded.trust === 'trusted' ? [treeImportsPlugin(loaded.root), mdxIsolationPlugin(mdxFailed)] : []),
							diagrams.vitePlugin(),
							bundleProgressPlugin(phases.progress, () => phases.enter('writing the HTML pages')),
							...(reloads ? [reloads.plugin, devChecksPlugin(loaded, { cwd: prepared.cwd, parser: environment.parser, base: runtime.base, onTree: (fresh) => links.refresh(fresh), onChecked: reloads.checked, ...(trace && { trace }) }, logger)] : []),
						],
					},
				});
				// Nothing after this reads a page's syntax tree (Astro's renderer parses each page itself):
				// held through the build, the trees were most of its memory.
				if (checksHere) releaseSyntaxTrees(tree);
			},
			'astro:config:done': ({ config }) => {
				resolved = { base: config.base, adapter: config.adapter !== undefined };
				phases.enter('rendering the pages');
			},
			'astro:build:start': ({ logger, setPrerenderer }) => {
				phases.enter('bundling the site with Vite');
				// Each page Astro writes goes to Pagefind's process as it is written (`search-feed.ts`);
				// not in a project whose adapter brings a prerenderer of its own (Astro keeps one).
				const cacheDir = searchCache;
				if (cacheDir && resolved && !resolved.adapter) setPrerenderer(searchFeedPrerenderer(resolved.base, cacheDir, publication, (feed) => (searchFeed = feed)));
				rendered = tickPerPageRendered(phases.progress);
				pageFacts = collectPageFacts();
				stopFailures = onPageFailed((path, reason) => logger.warn(`${path}: Unexpected error while its MDX rendered (${reason}), expected code that renders; the page shows a notice in its place.`));
			},
			'astro:build:done': async ({ dir, logger, pages: generated }) => {
				rendered?.stop();
				stopFailures?.();
				pageFacts?.stop();
				options.prepared?.onPagesBuilt?.(generated.map((page) => page.pathname), pageFacts?.facts ?? [], rendered?.count() ?? 0);
				phases.enter('closing the diagram browser');
				await diagrams.close();
				const outDir = fileURLToPath(dir);
				const files = publication?.files ?? [];
				phases.enter(`copying ${files.length} files from the tree`);
				const notSvg = await copyTreeAssets(files, outDir, phases.progress);
				for (const path of notSvg) logger.warn(`${path} is not an SVG document, so the site leaves it out; fix or rename it.`);
				phases.enter(undefined);
				// Pagefind's process runs beside this one: a large heap the pages were generated in goes first.
				trimHeapIfLarge();
				// Every HTML file is in place (the tree's own too): each is read once, for all that follows.
				const built = await inStep(phases.progress, 'reading the pages written', () => readBuiltPages(outDir));
				options.prepared?.onBuiltPages?.(built);
				// Pagefind's process indexes what the feed has not (`search-feed.ts`) while this one
				// finishes the other files, which it never reads.
				// The step below walks the output: an index given up is removed once it is done.
				const walked = Promise.withResolvers<void>();
				const indexed = inStep(phases.progress, 'indexing the pages for search (Pagefind)', () => searchIndexOrNone(outDir, { ...(searchCache ? { cacheDir: searchCache, built, ...(searchFeed && { early: searchFeed.shards }) } : { built }), besides: walked.promise }, (warning) => logger.warn(`${warning.message} ${warning.hint ?? ''}`)));
				indexed.catch(() => undefined);
				await inStep(phases.progress, 'making SVG files safe and leaving out bundled files no page loads', async () => {
					// Whatever way an SVG reached the output (bundled images too), it runs nothing.
					await sanitizeOutputSvgs(outDir);
					if (status) await writeStatusFiles(outDir, status.snapshot, status.probes, loaded.trust);
					if (alertsManifest) await writeAlertsManifest(outDir, alertsManifest);
					// Before the service worker lists the bundled files it keeps.
					await removeUnloadedAssets(outDir, built);
				}).finally(walked.resolve);
				const search = await indexed;
				searchFeed = undefined;
				if (!search) options.prepared?.onSearchOff?.();
				if (search) trace?.(`search: ${search.early} of ${search.shards} parts of the index made while the pages were written`);
				// After the index: the worker's cache is named by it (integration/service-worker.ts).
				if (loaded.config.site.offlineCache) await inStep(phases.progress, 'writing the service worker', () => writeServiceWorker(outDir, loaded.config.site.base));
				logger.info(`${describePublication(publication)}; ${search ? `indexed ${search.pages} pages for search${search.indexed < search.shards ? ` (${search.indexed} of ${search.shards} parts of the index again, the others unchanged)` : ''}` : 'no search index (see the warning above)'}.`);
			},
			'astro:server:done': () => diagrams.close(),
		},
	};
}

/** A plain `astro build` (astro.config.mjs): reads the config and the tree here, from the working directory. */
async function prepareFromOptions(options: WaymarkIntegrationOptions): Promise<PreparedSite> {
	const cwd = process.cwd();
	const environment = options.environment ?? readEnvironment({});
	const root = options.root ?? environment.root;
	const loaded = await loadConfig({
		cwd,
		...(root && { root }),
		...(options.configFile && { configFile: options.configFile }),
		...(environment.dnsServers && { dnsServers: environment.dnsServers }),
		...(environment.chromium && { chromium: environment.chromium }),
	});
	const tree = await loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser });
	assertHasPages(tree, loaded.root);
	return { loaded, tree, cwd, environment };
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
function searchFeedPrerenderer(base: string, cacheDir: string, publication: Publication | undefined, started: (feed: SearchFeed) => void): (inner: AstroPrerenderer) => AstroPrerenderer {
	const treeHtml = (publication?.files ?? []).map((file) => file.to.split(sep).join('/')).filter((file) => file.endsWith('.html'));
	let feed: SearchFeed | undefined;
	return (inner) =>
		teePages(inner, base, {
			onPaths: ({ all, pages }) => started((feed = feedSearchIndex({ files: [...all, ...treeHtml], written: new Set(pages), cacheDir }))),
			onPage: (file, bytes) => feed?.page(file, bytes),
			onDone: () => feed?.end(),
		});
}

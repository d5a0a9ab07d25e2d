import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { splitExplicitId } from '../../markdown/anchors.ts';
import { forgeReading } from '../forge-reading.ts';
import { collectStaticFiles } from '../static-files.ts';
import { defineReader, type ToolPage } from '../tool.ts';
import type { PageNav } from '../page-nav.ts';
import { isTable } from './config-values.ts';
import { contentPagesBeyondRoot, hugoLinksOf, mountedInContent } from './content.ts';
import {
	createHugoHeadingSlugger,
	defaultHugoHeadingIds,
	hugoHeadingText,
	type HugoHeadingIds,
} from './heading-ids.ts';
import { readJsonFrontmatter } from './json-frontmatter.ts';
import {
	contentPageBeyondRoot,
	hrefFromRootUrl,
	hugoFilesBeyondRoot,
	hugoLinkTarget,
	hugoPageFiles,
	hugoUrlFile,
} from './links.ts';
import { assembleHugoMenus } from './menus.ts';
import { headlessBundles, hugoBool, leafBundleResources } from './bundles.ts';
import { hugoRouteForPath, isHugoFolderPage } from './pages.ts';
import { rewriteHugoSource } from './rewrite.ts';
import { pullReadfiles, readfileHooks, readfileReads, readingDigest } from './readfile-pull.ts';
import type { HugoData } from './data.ts';
import { hugoRoute } from './routes.ts';
import type { HugoSite } from './site.ts';
import { contentTabPlugins } from '../content-tabs.ts';
import { safeDecode } from '../../markdown/routes.ts';

const draft = {
	why: 'a draft (`draft: true`), which Hugo leaves out of the site (`buildDrafts` is off)',
	fix: 'link to it once it is published, by removing `draft: true`',
};
const mountFiltered = {
	why: "a file the content mount's `files` filter leaves out of Hugo's content",
	fix: "link to a page of the content, or widen the mount's filter",
};

const slashed = (path: string): string => path.split(sep).join('/');

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<HugoData, HugoSite>({
	async read({ root, boundary, found: site, files, evidence, listFiles }) {
		const style = site?.headingIds ?? defaultHugoHeadingIds;
		// Blackfriday appends `:` and an MD5 of the page's path under `content/` to every id.
		const headingIds: HugoHeadingIds =
			site && style.kind === 'blackfriday' && site.documentIds
				? {
						kind: 'blackfriday',
						documentIds: Object.fromEntries(
							files.pages.map((path) => [
								path,
								`:${createHash('md5')
									.update(slashed(relative(site.contentDir, join(root, path))))
									.digest('hex')}`,
							]),
						),
					}
				: style;
		const links = site ? hugoLinksOf(site, root) : { style: 'url' as const };
		const contentPages =
			site && links.rootUrl !== undefined && links.rootUrl !== '/'
				? await contentPagesBeyondRoot(
						site,
						links.rootUrl,
						boundary,
						async (dir) => (await listFiles(dir)).pages,
					)
				: [];
		const gitlabDocs = !site && evidence.some((found) => found.tool === 'gitlab');
		const data: HugoData = {
			headingIds,
			links: { ...links, ...(contentPages.length > 0 && { contentPages }) },
			...(site?.params && { params: site.params }),
			...(gitlabDocs && { gitlabDocs: true as const }),
			definitionLists: site?.definitionLists !== false,
		};
		// A content mount's `files` filter: what it leaves out is no page and no file, as on the Hugo site.
		const mounted = site ? mountedInContent(site, root) : undefined;
		// Without a site config (GitLab's docs, written for docs.gitlab.com) a folder's `index.md` is its page, as there.
		const resources = site ? leafBundleResources(files.pages) : [];
		const leftOut = [
			...(mounted
				? [{ paths: files.pages.filter((path) => !mounted(path)), why: mountFiltered }]
				: []),
			...resources,
		];
		return {
			data,
			...(site?.title && { siteName: site.title }),
			...(site && {
				staticFiles: await collectStaticFiles(root, site.dir, site.staticFolders, listFiles),
			}),
			...(leftOut.length > 0 && { leftOut }),
			...(mounted && { keeps: mounted }),
		};
	},
	arrange(pages, { found: site }) {
		const headless = site ? [headlessBundles(pages.values())] : [];
		if (site?.buildDrafts === true) return { leftOut: headless };
		return {
			leftOut: [
				...headless,
				{
					paths: [...pages.values()]
						.filter((page) => hugoBool(page.frontmatter?.data?.['draft']))
						.map((page) => page.path),
					why: draft,
				},
			],
		};
	},
	navigation(pages) {
		const navs = new Map<string, PageNav>();
		for (const page of pages) {
			const nav = pageNav(page);
			if (nav) navs.set(page.path, nav);
		}
		return navs;
	},
	menus: (pages, { found: site }) => (site ? assembleHugoMenus(site.menus, pages) : []),
	moves: { routeOf: (page) => hugoRoute(page), keys: ['url', 'slug'] },
	// Hugo makes every top-level folder of `content/` a section with a list page, `_index.md` or not.
	folders: {
		listed: (files) =>
			files.pages
				.filter((path) => path.includes('/'))
				.map((path) => path.slice(0, path.indexOf('/'))),
		linked: true,
	},
	pull: ({ root, found: site, texts, puller }, data) =>
		site ? pullReadfiles({ root, site, texts, puller }, data) : undefined,
	...readfileHooks,
	publishedPages(root, pages, site) {
		const mounted = site && mountedInContent(site, root);
		return mounted ? pages.filter(mounted) : pages;
	},

	bind(data, parseInputs) {
		const reads = readfileReads(data, parseInputs);
		const headingIds = data?.headingIds ?? defaultHugoHeadingIds;
		const links = data?.links ?? { style: 'url' };
		const page = { ...forgeReading('hugo') };
		return {
			...page,
			forge: false,
			markdown: {
				indentedCode: true,
				definitionLists: data?.definitionLists ?? true,
				emoji: false,
			},
			isFolderPage: isHugoFolderPage,
			routeForPath: hugoRouteForPath,
			rewrite: (text, written) => rewriteHugoSource(text, written, data, reads),
			frontmatter(fileText) {
				const json = readJsonFrontmatter(fileText);
				return (
					json && {
						...(json.data && { data: json.data }),
						...(json.error !== undefined && { error: json.error }),
						source: json.source,
						firstLine: json.firstLine,
					}
				);
			},
			headingSlugger: (source) => createHugoHeadingSlugger(headingIds, source),
			headingText: (text) => hugoHeadingText(headingIds, text),
			headingTitle: (text) => splitExplicitId(text).text,
			links: {
				written: (_from, href) => hrefFromRootUrl(href, links),
				// A root-absolute URL outside the root's own (`/` or `/blog/` from `content/en/flux`, which the site serves at `/flux/`) is another part of the site.
				elsewhereOnSite: (written, href) =>
					links.rootUrl !== undefined &&
					links.rootUrl !== '/' &&
					written.startsWith('/') &&
					!written.startsWith('//') &&
					href === written,
				reach(fromPath, href, tree) {
					const found = hugoLinkTarget(fromPath, href, links.style, tree);
					return (
						found && { kind: found.asset ? 'asset' : 'page', path: found.path, hash: found.hash }
					);
				},
				caseInsensitiveUrls: true,
				// Hugo renders the home page from the theme's layout with or without `_index.md`.
				rootFolderShown: true,
				beyondRoot: (fromRoute, href) => hugoFilesBeyondRoot(fromRoute, href, links),
				lookupBeyondRoot(_fromPath, href) {
					// `GetPage` looks beyond the root too: from the page's folder with `.md` added, then (for a path not starting with `.`) from the content root (`getContentNodeForRef`).
					if (
						links.style !== 'page-lookup' ||
						(href.startsWith('/') && !href.startsWith('//')) ||
						href.startsWith('#') ||
						/\.mdx?$/i.test(href.replace(/[?#].*$/, ''))
					)
						return [];
					const [path = '', hash = ''] = href.split('#');
					const fromTop = path.startsWith('.')
						? undefined
						: hugoFilesBeyondRoot('/', `/${path}`, links);
					return [
						{ files: hugoPageFiles(path), fromRoot: false, hash: safeDecode(hash) },
						...(fromTop ? [{ files: fromTop.files, fromRoot: true, hash: safeDecode(hash) }] : []),
					];
				},
				siteBeyondRoot: (fromRoute, href) => contentPageBeyondRoot(fromRoute, href, links),
				urlFile: hugoUrlFile,
			},
			plugins: contentTabPlugins(),
			readsOtherPages: true,
			// What the pages' `readfile`s read is each page's own (`pulled`), not the site's.
			digest: readingDigest(data),
		};
	},
});

/** The page's own menu entry (`menu: { main: { name, weight } }`) names and places it where its `linkTitle` and `weight` do not. */
function pageNav(page: ToolPage): PageNav | undefined {
	const data = page.frontmatter?.data ?? {};
	const nav: PageNav = {};
	const entry = Object.values(isTable(data['menu']) ? data['menu'] : {}).find(isTable);
	const weight =
		typeof data['weight'] === 'number' && data['weight'] !== 0
			? data['weight']
			: typeof entry?.['weight'] === 'number' && entry['weight'] !== 0
				? entry['weight']
				: undefined;
	if (weight !== undefined) nav.order = weight;
	const label =
		typeof data['linkTitle'] === 'string'
			? data['linkTitle']
			: typeof entry?.['name'] === 'string'
				? entry['name']
				: undefined;
	if (label !== undefined) nav.label = label;
	if (data['bookHidden'] === true) nav.hidden = true;
	return Object.keys(nav).length > 0 ? nav : undefined;
}

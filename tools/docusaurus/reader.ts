import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { dirnameOf, resolveRouteRelativeHref } from '../../markdown/routes.ts';
import { contentTabPlugins } from '../content-tabs.ts';
import { forgeReading } from '../forge-reading.ts';
import type { PageNav } from '../page-nav.ts';
import { collectStaticFiles, staticFolder } from '../static-files.ts';
import { defineReader, type ToolPage } from '../tool.ts';
import { readCategories, type Category } from './categories.ts';
import type { DocusaurusConfig } from './config.ts';
import { docusaurusPageCandidates, docusaurusRouteOf, type DocusaurusLinks } from './links.ts';
import { docusaurusMdxSource } from './mdx-heading-ids.ts';
import { parseNumberPrefix } from './number-prefix.ts';
import { docusaurusRouteForPath, docusaurusShownName, isDocusaurusFolderPage } from './pages.ts';
import { rewriteDocusaurusSource } from './rewrite.ts';
import { docusaurusRoute, excludedByDocusaurus } from './routes.ts';

/** What Waymark keeps of a Docusaurus tree: where the root sits in its site, its number prefixes, its categories. */
export interface DocusaurusData {
	[key: string]: unknown;
	/** Where the root sits in its site, for links written the Docusaurus way; absent when the root is outside the site's folder. */
	links?: DocusaurusLinks;
	/** `numberPrefixParser: false`: names keep their number prefixes, which order nothing. */
	numberPrefixes: boolean;
	/** The `_category_` files, by folder. */
	categories: Record<string, Category>;
}

export interface DocusaurusSite {
	dir: string;
	config: DocusaurusConfig;
}
const categoryFile = /(?:^|\/)_category_\.(?:json|ya?ml)$/;
const partial = {
	why: 'a partial (its name starts with `_`), which Docusaurus imports into pages and never publishes as one',
	fix: 'link to a page that imports it',
};
const draft = {
	why: 'a draft (`draft: true`), which Docusaurus leaves out of the site it builds',
	fix: 'link to it once it is published, by removing `draft: true`',
};

const slashed = (path: string): string => path.split(sep).join('/');

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<DocusaurusData, DocusaurusSite>({
	async read({ root, found: site, files, listFiles }) {
		// Read before `keeps` takes the `_category_` files out: they configure the sidebar and are not published.
		const categories = Object.fromEntries(await readCategories(root, files.assets));
		const base = {
			leftOut: [{ paths: files.pages.filter((path) => excludedByDocusaurus(path)), why: partial }],
			keeps: (path: string) => !categoryFile.test(path),
		};
		if (!site) return { ...base, data: { numberPrefixes: true, categories } };
		const { dir, config } = site;
		const staticFiles = await collectStaticFiles(
			root,
			dir,
			config.staticDirectories.map((name) => staticFolder(dir, name)),
			listFiles,
		);
		const named = { ...base, staticFiles, ...(config.title && { siteName: config.title }) };
		if (!isInside(root, dir)) return { ...named, data: { numberPrefixes: true, categories } };
		// Docusaurus's `lastVersion` is the newest of `versions.json`; the docs folder is then `next`.
		const versioned =
			(await stat(join(dir, 'versions.json')).catch(() => undefined))?.isFile() === true;
		const links: DocusaurusLinks = {
			rootInSite: slashed(relative(dir, root)),
			docsInSite: config.docsPath,
			routeBasePath: config.routeBasePath,
			...(versioned && { currentVersionPath: 'next' }),
		};
		return { ...named, data: { links, numberPrefixes: config.numberPrefixes, categories } };
	},
	arrange(pages) {
		return {
			leftOut: [
				{
					paths: [...pages.values()]
						.filter((page) => isDraft(page.frontmatter?.data?.['draft']))
						.map((page) => page.path),
					why: draft,
				},
			],
		};
	},
	navigation(pages, { data }) {
		const navs = new Map<string, PageNav>();
		for (const page of pages) {
			const nav = pageNav(page, data as DocusaurusData);
			if (nav) navs.set(page.path, nav);
		}
		return navs;
	},
	moves: {
		routeOf: (page, data) => docusaurusRoute(page, data.numberPrefixes),
		keys: ['slug', 'id'],
	},
	folders: {
		// Every folder of pages is a category, titled with its label.
		listed: (files) => files.pages.flatMap((path) => ancestors(dirnameOf(path))),
		linked: false,
		describe(folder, data) {
			const category = data.categories[folder];
			const name = folder.split('/').pop() ?? folder;
			const unprefixed = data.numberPrefixes ? parseNumberPrefix(name) : { name };
			const order = category?.position ?? unprefixed.prefix;
			return {
				...(category?.label !== undefined && { title: category.label }),
				name: unprefixed.name,
				...(category?.description && { description: category.description }),
				...(order !== undefined && { order }),
				sortKey: name,
			};
		},
	},
	publishedPages: (_root, pages) => pages.filter((path) => !excludedByDocusaurus(path)),

	bind(data) {
		const links = data?.links;
		return {
			...forgeReading('docusaurus'),
			forge: false,
			// `:::` admonitions and MDX's components are its own.
			rendersItself: ['container', 'component'],
			// A Docusaurus page is MDX there, `.md` too: no indented code.
			markdown: { indentedCode: false, definitionLists: false, emoji: false },
			isFolderPage: isDocusaurusFolderPage,
			routeForPath: docusaurusRouteForPath,
			shownName: docusaurusShownName,
			rewrite: rewriteDocusaurusSource,
			// Docusaurus's MDX takes HTML comments and `{#id}` after a heading (`markdown.mdx1Compat`, on by default).
			mdxSource: docusaurusMdxSource,
			links: {
				...(links && {
					reach(
						fromPath: string,
						href: string,
						tree: { pages: ReadonlySet<string>; pageAtRoute(route: string): string | undefined },
					) {
						const files = docusaurusPageCandidates(fromPath, href, links);
						const page = files?.paths.find((path) => tree.pages.has(path));
						if (files && page) return { kind: 'page' as const, path: page, hash: files.hash };
						const url = docusaurusRouteOf(href, links);
						const routed = url && tree.pageAtRoute(url.route);
						if (url && routed) return { kind: 'page' as const, path: routed, hash: url.hash };
						// Under a `routeBasePath` of its own, a URL no doc has is a broken link on the Docusaurus site too.
						return url && links.routeBasePath !== ''
							? { kind: 'missing' as const, path: url.route, hash: url.hash }
							: undefined;
					},
				}),
				// A link without a page extension is a URL, relative to the page's own; Docusaurus links a page without the slash, so the last segment is the page's name.
				asUrl(fromRoute, href, tree) {
					const url = resolveRouteRelativeHref(fromRoute, href);
					const page = url && tree.pageAtRoute(url.route);
					return url && page ? { kind: 'page', path: page, hash: url.hash } : undefined;
				},
				siteUrls: ['page'],
			},
			plugins: contentTabPlugins(),
			digest: data ?? null,
		};
	},
});

/** `a/b/c` → `a/b/c`, `a/b`, `a`. */
function ancestors(dir: string): string[] {
	const found: string[] = [];
	for (let at = dir; at !== ''; at = dirnameOf(at)) found.push(at);
	return found;
}

/** Docusaurus reads `draft: true`. */
function isDraft(value: unknown): boolean {
	return (
		value === true ||
		value === 1 ||
		(typeof value === 'string' && ['true', 't', '1'].includes(value.trim().toLowerCase()))
	);
}

/**
 * The autogenerated sidebar (`sidebars/generator.ts`): `sidebar_position`, else the file's number
 * prefix; a category's `_category_` position and label come first, then its index doc's, then its
 * folder's number prefix; equal positions go by file or folder name.
 */
function pageNav(page: ToolPage, data: DocusaurusData): PageNav | undefined {
	const front = page.frontmatter?.data ?? {};
	const nav: PageNav = {};
	const prefixes = data.numberPrefixes && front['parse_number_prefixes'] !== false;
	const name = page.path.split('/').pop() ?? '';
	const own =
		typeof front['sidebar_position'] === 'number'
			? front['sidebar_position']
			: prefixes
				? parseNumberPrefix(name.replace(/\.mdx?$/i, '')).prefix
				: undefined;
	if (own !== undefined) nav.order = own;
	if (typeof front['sidebar_label'] === 'string') nav.label = front['sidebar_label'];
	nav.sortKey = name;
	if (isDocusaurusFolderPage(page.path) && dirnameOf(page.path) !== '') {
		const folder = dirnameOf(page.path);
		const category = data.categories[folder];
		const folderName = folder.split('/').pop() ?? folder;
		const position =
			category?.position ??
			own ??
			(data.numberPrefixes ? parseNumberPrefix(folderName).prefix : undefined);
		if (position !== undefined) nav.order = position;
		if (category?.label) nav.label = category.label;
		nav.sortKey = folderName;
	}
	if (front['unlisted'] === true) nav.hidden = true;
	return Object.keys(nav).length > 0 ? nav : undefined;
}

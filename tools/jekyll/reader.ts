import { readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { routeForPath } from '../../markdown/routes.ts';
import { forgeReading } from '../forge-reading.ts';
import type { PageNav } from '../page-nav.ts';
import { collectStaticFiles, staticFolder } from '../static-files.ts';
import { pulledBudget } from '../syntax/pulled-file.ts';
import { defineReader } from '../tool.ts';
import { excludedByJekyll, readJekyllConfig, type JekyllConfig } from './config.ts';
import { frontMatterOf, withDefaults } from './front-matter.ts';
import { jekyllHref } from './links.ts';
import { parentsByTitle, type TitledPage } from './parents.ts';
import { rewriteJekyllSource } from './rewrite.ts';
import { foldersWithIndex, isJekyllFolderPage, jekyllUrl, permalinkRoute } from './urls.ts';
import { dictionary } from '../../core/own.ts';

/** What Waymark keeps of a Jekyll site: its config's values, where the root sits in it, its pages' URLs and its includes. */
export interface JekyllData {
	[key: string]: unknown;
	baseurl: string;
	/** The root's path in the site's source folder (`''` when `_config.yml` is the root's). */
	rootInSite: string;
	site: Record<string, string>;
	callouts: JekyllConfig['callouts'];
	/** `_includes/` files by name, as `{% include %}` reads them. */
	includes: Record<string, string>;
	/** Most characters includes may add to one page: the tree's share among the pages that include (`pulledBudget`). */
	includeBudget: number;
	/** Folders with an `index` page, whose README is a page of its own. */
	withIndex: string[];
	/** Pages' permalinks, by path. */
	permalinks: Record<string, string>;
	/** Every page's URL on the Jekyll site, by path. */
	urls: Record<string, string>;
	/** The config's `defaults`, for what `{{ page.x }}` reads. */
	defaults: JekyllConfig['defaults'];
	/** The root's home page is an `index.html` of the site's (a layout's page), not a Markdown file. */
	htmlHome?: true;
}

export interface JekyllSite {
	dir: string;
	config: JekyllConfig;
}

const excluded = {
	why: 'a file Jekyll leaves out of its site (a name starting with `_` or `.`, or one `exclude` in `_config.yml` names)',
	fix: 'link to a page the site publishes, or list the file under `include` in `_config.yml`',
};
const unpublished = {
	why: 'a page with `published: false`, which Jekyll leaves out of its site',
	fix: 'link to it once it is published',
};
/** Most characters of `_includes/` read, each file and all. */
const includeLimit = 256 * 1024;
const includesLimit = 2 * 1024 * 1024;

const slashed = (path: string): string => path.split(sep).join('/');

/** A title, `parent`, `grand_parent` or `ancestor` as just-the-docs compares it: a string or a number as written. */
const titleValue = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

function titledPage(path: string, front: Readonly<Record<string, unknown>>): TitledPage {
	const [title, parent, grandParent, ancestor] = [
		'title',
		'parent',
		'grand_parent',
		'ancestor',
	].map((key) => titleValue(front[key]));
	return {
		path,
		...(title !== undefined && { title }),
		...(parent !== undefined && { parent }),
		...(grandParent !== undefined && { grandParent }),
		...(ancestor !== undefined && { ancestor }),
		...(front['has_children'] === false && { childless: true as const }),
	};
}

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<JekyllData, JekyllSite>({
	async read({ root, found, files, texts, listFiles }) {
		const config = found?.config ??
			(await readJekyllConfig(join(root, '_config.yml'))) ?? {
				baseurl: '',
				url: '',
				exclude: [],
				include: [],
				pretty: false,
				defaults: [],
				callouts: {},
				collections: [],
				collectionPermalinks: {},
				site: {},
			};
		const siteDir = found && isInside(root, found.dir) ? found.dir : root;
		const rootInSite = slashed(relative(siteDir, root));
		const inSite = (path: string) => (rootInSite === '' ? path : `${rootInSite}/${path}`);
		const left = files.pages.filter((path) => excludedByJekyll(inSite(path), config));
		const withIndex = foldersWithIndex([...files.pages, ...files.assets]);
		const indexed = new Set(withIndex);
		const permalinks = dictionary<string>();
		const urls = dictionary<string>();
		const leftSet = new Set(left);
		for (const path of files.pages) {
			// A page Jekyll leaves out has no URL.
			if (leftSet.has(path)) continue;
			const front = frontMatterOf(texts.get(path) ?? '') ?? {};
			const fromDefaults = config.defaults
				.filter(
					(entry) =>
						entry.path === '' ||
						inSite(path) === entry.path ||
						inSite(path).startsWith(`${entry.path}/`),
				)
				.reduce<Record<string, unknown>>((values, entry) => ({ ...values, ...entry.values }), {});
			const permalink = front['permalink'] ?? fromDefaults['permalink'];
			if (typeof permalink === 'string' && permalinkRoute(permalink) !== undefined)
				permalinks[path] = permalink;
			urls[path] = jekyllUrl(
				inSite(path),
				permalinks[path],
				isJekyllFolderPage(path, indexed),
				config.pretty,
				config,
			);
		}
		const includes = dictionary<string>();
		let budget = includesLimit;
		const includesDir = join(siteDir, '_includes');
		const listed = await listFiles(includesDir).catch(() => ({ pages: [], assets: [] }));
		for (const name of [...listed.pages, ...listed.assets].sort()) {
			if (budget <= 0) break;
			const text = await readFile(join(includesDir, name), 'utf8').catch(() => undefined);
			if (text === undefined || text.length > includeLimit || text.includes('\0')) continue;
			includes[name] = text;
			budget -= text.length;
		}
		// jekyll-assets' sources (`_assets/images/a.png`), served at `/assets/`: the convention its plugin and asset pipelines beside Jekyll keep.
		const htmlHome =
			!withIndex.includes('') &&
			(await stat(join(root, 'index.html')).catch(() => undefined))?.isFile() === true;
		const staticFiles = await collectStaticFiles(
			root,
			found?.dir ?? root,
			[staticFolder(siteDir, '_assets', 'assets')],
			listFiles,
		);
		return {
			...(staticFiles.folders.length > 0 && { staticFiles }),
			data: {
				baseurl: config.baseurl,
				rootInSite,
				site: config.site,
				callouts: config.callouts,
				includes,
				includeBudget: pulledBudget(
					files.pages.filter((path) => /\{%-?\s*include\s/.test(texts.get(path) ?? '')).length,
				),
				withIndex,
				permalinks,
				urls,
				defaults: config.defaults,
				...(htmlHome && { htmlHome: true as const }),
			},
			...(config.title && { siteName: config.title }),
			leftOut: [{ paths: left, why: excluded }],
			keeps: (path) => !excludedByJekyll(inSite(path), config),
		};
	},
	arrange(pages) {
		return {
			leftOut: [
				{
					paths: [...pages.values()]
						.filter((page) => page.frontmatter?.data?.['published'] === false)
						.map((page) => page.path),
					why: unpublished,
				},
			],
		};
	},
	navigation(pages, { data }) {
		// just-the-docs: `nav_order` first (numbers, then the rest by title), `nav_exclude` out of the
		// sidebar, `parent` (and `grand_parent`, `ancestor`) nesting a page under the page of that title.
		const { defaults = [], rootInSite = '' } = data as Partial<JekyllData>;
		const fronts = pages.map((page) => ({
			path: page.path,
			front: withDefaults(
				rootInSite === '' ? page.path : `${rootInSite}/${page.path}`,
				page.frontmatter?.data ?? {},
				defaults,
			),
		}));
		const parents = parentsByTitle(fronts.map(({ path, front }) => titledPage(path, front)));
		const navs = new Map<string, PageNav>();
		for (const { path, front } of fronts) {
			const order =
				typeof front['nav_order'] === 'number'
					? front['nav_order']
					: typeof front['nav_order'] === 'string' && /^-?\d+(?:\.\d+)?$/.test(front['nav_order'])
						? Number(front['nav_order'])
						: undefined;
			const parent = parents.get(path);
			const nav: PageNav = {
				...(order !== undefined && { order }),
				...((front['nav_exclude'] === true || front['nav_enabled'] === false) && { hidden: true }),
				...(parent !== undefined && { parent }),
			};
			if (Object.keys(nav).length > 0) navs.set(path, nav);
		}
		return navs;
	},
	moves: {
		// The page's URL on the Jekyll site (its permalink, a post's date, a collection's pattern) as a route.
		routeOf: (page, data) => {
			const url = data.urls?.[page.path] ?? data.permalinks?.[page.path];
			// A URL of the site's is the root's from where the root sits in the site.
			const inRoot =
				url !== undefined && data.rootInSite && url.startsWith(`/${data.rootInSite}/`)
					? url.slice(data.rootInSite.length + 1)
					: url;
			return (inRoot !== undefined && permalinkRoute(inRoot)) || page.route;
		},
		keys: ['permalink'],
	},

	bind(given) {
		// Data as `read` gave it; a tree read without a config (or a test's) has none of it.
		const data: JekyllData = {
			...(given?.htmlHome && { htmlHome: true as const }),
			baseurl: given?.baseurl ?? '',
			rootInSite: given?.rootInSite ?? '',
			site: given?.site ?? {},
			callouts: given?.callouts ?? {},
			includes: given?.includes ?? {},
			includeBudget: given?.includeBudget ?? pulledBudget(1),
			withIndex: given?.withIndex ?? [],
			permalinks: given?.permalinks ?? {},
			urls: given?.urls ?? {},
			defaults: given?.defaults ?? [],
		};
		const withIndex = new Set(data.withIndex);
		const isFolderPage = (path: string) => isJekyllFolderPage(path, withIndex);
		const site = {
			site: data.site,
			callouts: data.callouts,
			includes: data.includes,
			includeBudget: data.includeBudget,
			rootInSite: data.rootInSite,
			defaults: data.defaults,
		};
		return {
			...forgeReading('jekyll'),
			forge: false,
			// Liquid and kramdown's attribute lists are Jekyll's: what it renders is rewritten, the rest a notice of its own.
			rendersItself: ['template-tag', 'template-variable', 'attribute-list'],
			markdown: { indentedCode: true, definitionLists: true, emoji: true },
			isFolderPage,
			routeForPath: (path: string) => routeForPath(path, isFolderPage(path)),
			rewrite: (text, page) => rewriteJekyllSource(text, page, site),
			// Jekyll copies every file of its source it does not leave out.
			publishedWhole: '',
			links: {
				written: (
					fromPath: string,
					href: string,
					tree: { pages: ReadonlySet<string>; assets: ReadonlySet<string> },
				) => jekyllHref(fromPath, href, data, tree),
				// The site's home is its `index.html` (a layout's page Waymark does not build): `/` is there.
				...(given?.htmlHome && { writes: (path: string) => path === 'index.html' }),
			},
			digest: { ...data, includes: Object.keys(data.includes).length },
		};
	},
});

import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Dialect } from './dialect.ts';
import type { DocusaurusLinks } from './docusaurus/links.ts';
import type { HeadingIdStyle } from '../src/lib/heading-ids.ts';
import type { SiteMenu } from '../src/lib/site-index.ts';
import type { PageModel } from '../tree/parse-page.ts';
import { docusaurusRoute } from './docusaurus/routes.ts';
import { assembleHugoMenus } from './hugo/menus.ts';
import { hugoRoute } from './hugo/routes.ts';
import { applyPageRoutes } from '../tree/page-routes.ts';
import type { HugoSite } from './hugo/site.ts';
import type { HugoLinks } from './hugo/links.ts';
import { hugoPathInRoot } from './hugo/content-paths.ts';
import { collectStaticFiles, staticFolder, type StaticFiles } from './static-files.ts';
import type { Surroundings } from './surroundings.ts';
import { toolFrontmatterKeys } from '../tree/tool-frontmatter.ts';
import { isInside } from '../core/path-inside.ts';
import { mountFilter } from './hugo/mount-files.ts';
import { collectGuidebookFiles } from '../tree/walk-files.ts';

/** What the site config of the tree's tool decides about reading the tree, before any page is parsed. */
export interface ToolSettings {
	/** How its renderer spells heading ids, when the config decides (Hugo). */
	headingIds?: HeadingIdStyle;
	/** Its static folders and their files, served at the site's top (Hugo, Docusaurus). */
	staticFiles?: StaticFiles;
	/** Docusaurus: where the root sits in the site, for links, and whether names' number prefixes count. */
	docusaurus?: DocusaurusLinks & { numberPrefixes: boolean };
	/** Hugo: the site's settings (params, menus, `buildDrafts`). */
	hugo?: HugoSite;
	/** Hugo: how its links reach pages, and the root's URL there. */
	hugoLinks?: HugoLinks;
}

/** The settings of the tool `dialect` names, from its config around `root` (`surroundings`); none for GitHub, GitLab and MkDocs. */
export async function readToolSettings(dialect: Dialect, root: string, surroundings: Surroundings, pages: readonly string[]): Promise<ToolSettings> {
	if (dialect === 'hugo' && surroundings.hugo) {
		const hugo = surroundings.hugo;
		const style = hugo.headingIds;
		// Blackfriday appends `:` and an MD5 of the page's path under `content/` to every id.
		const headingIds: HeadingIdStyle = style.kind === 'blackfriday' && hugo.documentIds ? { kind: 'blackfriday', documentIds: Object.fromEntries(pages.map((path) => [path, `:${createHash('md5').update(slashed(relative(hugo.contentDir, join(root, path)))).digest('hex')}`])) } : style;
		const links = hugoLinksOf(hugo, root);
		const contentPages = links.rootUrl === undefined || links.rootUrl === '/' ? [] : await contentPagesBeyondRoot(hugo, links.rootUrl, surroundings.boundary);
		return { hugo, headingIds, staticFiles: await collectStaticFiles(root, hugo.dir, hugo.staticFolders), hugoLinks: { ...links, ...(contentPages.length > 0 && { contentPages }) } };
	}
	if (dialect === 'docusaurus' && surroundings.docusaurus) {
		const { dir, config } = surroundings.docusaurus;
		const rootInSite = slashed(relative(dir, root));
		const staticFiles = await collectStaticFiles(root, dir, config.staticDirectories.map((name) => staticFolder(dir, name)));
		if (!isInside(root, dir)) return { staticFiles };
		// Docusaurus's `lastVersion` is the newest of `versions.json`; the docs folder is then `next`.
		const versioned = (await stat(join(dir, 'versions.json')).catch(() => undefined))?.isFile() === true;
		return { staticFiles, docusaurus: { rootInSite, docsInSite: config.docsPath, routeBasePath: config.routeBasePath, numberPrefixes: config.numberPrefixes, ...(versioned && { currentVersionPath: 'next' }) } };
	}
	return {};
}

/**
 * Applies the tool's rules to the parsed pages: which front matter keys are the tool's (each
 * page's `frontmatter.toolKeys`), and which pages are drafts it leaves out of its site (Hugo
 * without `buildDrafts`, Docusaurus: `draft: true`), removed from `pages` and returned.
 */
export function applyToolRules(dialect: Dialect, pages: Map<string, PageModel>, settings: ToolSettings): { drafts: string[]; toolKeys: ReadonlySet<string> } {
	const toolKeys = toolFrontmatterKeys(dialect, pages.values());
	for (const page of pages.values()) if (page.frontmatter) page.frontmatter.toolKeys = toolKeys;
	const draftsLeftOut = dialect === 'docusaurus' || (dialect === 'hugo' && settings.hugo?.buildDrafts !== true);
	const drafts = draftsLeftOut ? [...pages.values()].filter((page) => isDraft(page.frontmatter?.data?.['draft'])).map((page) => page.path) : [];
	for (const path of drafts) pages.delete(path);
	return { drafts, toolKeys };
}

/** Docusaurus routes (`slug`, `id`, number prefixes), Hugo routes (`url`, `slug`) and menus, once the generated folder pages have their routes (`folderRoutes`), which a `slug` may not take. */
export function applyToolRoutes(dialect: Dialect, pages: Map<string, PageModel>, settings: ToolSettings, folderRoutes: ReadonlyMap<string, string>): { menus?: SiteMenu[] } {
	if (dialect === 'docusaurus') applyPageRoutes(pages.values(), folderRoutes, (page) => docusaurusRoute(page, settings.docusaurus?.numberPrefixes ?? true), ['slug', 'id']);
	if (dialect === 'hugo') applyPageRoutes(pages.values(), folderRoutes, hugoRoute, ['url', 'slug']);
	if (dialect === 'hugo' && settings.hugo) {
		const menus = assembleHugoMenus(settings.hugo.menus, pages.values());
		return menus.length > 0 ? { menus } : {};
	}
	return {};
}

/** Hugo reads `draft` with Go's `cast.ToBool`: `true`, `"true"`, `1`. */
function isDraft(value: unknown): boolean {
	return value === true || value === 1 || (typeof value === 'string' && ['true', 't', '1'].includes(value.trim().toLowerCase()));
}

const slashed = (path: string): string => path.split(sep).join('/');

/** How the Hugo site's links reach pages from `root`: its style, the root's URL, and its mounts onto `content` (a URL outside the root is read back through them). */
export function hugoLinksOf(hugo: HugoSite, root: string): HugoLinks {
	const inContent = pathInContent(hugo, root);
	const rootUrl = inContent === undefined ? undefined : inContent === '' ? '/' : `/${inContent}/`;
	const mounts = hugo.contentMounts.map(({ source, target }) => ({ url: target, folder: slashed(relative(root, source)) }));
	return { style: hugo.links, ...(rootUrl && { rootUrl }), ...(mounts.length > 0 && { mounts }) };
}

/**
 * The pages of the Hugo site's content outside the root, by their path in the content
 * (`cli/v2.3/_index.md` beside a root at `/v2.3/`), for the `ref`s that reach them: each content
 * folder (the mounts onto `content`, else `contentDir`) that lies inside `boundary` (the
 * repository, which the tool's files are read from: a mount may take `../shared`), walked
 * as the tree is (`walk-files.ts`: no symbolic link followed out of it), its mount's file filter
 * applied. Names only: no page outside the root is read.
 */
async function contentPagesBeyondRoot(hugo: HugoSite, rootUrl: string, boundary: string): Promise<string[]> {
	const realBoundary = await realpath(boundary).catch(() => undefined);
	const folders = hugo.contentMounts.length > 0 ? hugo.contentMounts : [{ source: hugo.contentDir, target: '' }];
	const found = new Set<string>();
	for (const folder of folders) {
		const real = await realpath(folder.source).catch(() => undefined);
		// A mount may bring a single file (jaeger mounts a picture onto `content`): only folders hold pages.
		if (real === undefined || realBoundary === undefined || !isInside(real, realBoundary) || !(await stat(real).catch(() => undefined))?.isDirectory()) continue;
		const taken = 'files' in folder && folder.files ? mountFilter(folder.files) : () => true;
		for (const page of (await collectGuidebookFiles(real)).pages) {
			const path = folder.target === '' ? page : `${folder.target}/${page}`;
			if (taken(page) && hugoPathInRoot(path, rootUrl) === undefined) found.add(path);
		}
	}
	return [...found].sort();
}

/**
 * Whether a file of the root (its path from the root) is in the Hugo site's content, when a
 * content mount holding the root filters its files (`files`, `includeFiles`, `excludeFiles`):
 * Hugo neither builds nor publishes one no mount holding it takes. `undefined` when every file is.
 */
export function mountedInContent(hugo: Pick<HugoSite, 'contentMounts'>, root: string): ((path: string) => boolean) | undefined {
	const holding = hugo.contentMounts.filter((mount) => isInside(root, mount.source));
	if (!holding.some((mount) => mount.files)) return undefined;
	const tests = holding.map((mount) => {
		const accepts = mount.files ? mountFilter(mount.files) : () => true;
		const prefix = slashed(relative(mount.source, root));
		return (path: string) => accepts(prefix === '' ? path : `${prefix}/${path}`);
	});
	return (path) => tests.some((test) => test(path));
}

/**
 * Where `root` sits in a Hugo site's content, which is its URL there: Hugo publishes
 * `content/docs/main/x.md` at `/docs/main/x/` (gohugo.io "URL management": the path under
 * `content/`), and a folder `module.mounts` puts into the content at its target (Jaeger mounts
 * `content/docs/v2` at `content/docs`: `/docs/2.20/`, not `/docs/v2/2.20/`). The mount of the
 * longest source holding the root wins; `undefined` when the root is outside the content.
 */
export function pathInContent(hugo: Pick<HugoSite, 'contentDir' | 'contentMounts'>, root: string): string | undefined {
	const mounts = hugo.contentMounts.filter((mount) => isInside(root, mount.source)).sort((a, b) => b.source.length - a.source.length);
	const mount = mounts[0];
	if (!mount && !isInside(root, hugo.contentDir)) return undefined;
	return mount ? [mount.target, slashed(relative(mount.source, root))].filter((part) => part !== '').join('/') : slashed(relative(hugo.contentDir, root));
}

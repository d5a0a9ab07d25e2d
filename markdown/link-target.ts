import { forgeFileUrl, resolveForgeHref, type ForgeRepo, type HrefTarget, type RootPlace } from '../src/lib/forge-links.ts';
import type { Dialect } from '../tools/dialect.ts';
import { docusaurusPageCandidates, docusaurusRouteOf, type DocusaurusLinks } from '../tools/docusaurus/links.ts';
import type { MdbookRecorded } from '../tools/mdbook/includes.ts';
import type { MkdocsRecorded } from '../tools/mkdocs/settings.ts';
import type { HeadingIdStyle } from '../src/lib/heading-ids.ts';
import { contentPageBeyondRoot, hrefFromRootUrl, hugoLinkTarget, type HugoLinks } from '../tools/hugo/links.ts';
import { generatedRouteOf, hrefForRoute, isFolderPage, isPageFile, joinPath, relativeHref, resolveRouteRelativeHref, routeForPath, safeDecode, sitePathOfHref } from '../src/lib/routes.ts';
import { isUnpublishedPath } from '../src/lib/unpublished-names.ts';
import { mdbookChapterHref } from '../tools/mdbook/links.ts';
import { mkdocsPageUrlTarget } from '../tools/mkdocs/page-urls.ts';

/** What the plugins know of the tree: which relative paths are pages, assets and folders, and how it is written. */
export interface TreeFiles {
	pages: ReadonlySet<string>;
	assets: ReadonlySet<string>;
	folders: ReadonlySet<string>;
	/** @default 'github' */
	dialect?: Dialect;
	/** Pages whose route is not the one their path gives (Docusaurus `slug`). */
	routes?: ReadonlyMap<string, string>;
	/** Hugo: the site config's `params`, for `{{< param >}}`. */
	params?: Readonly<Record<string, unknown>>;
	/** Written for docs.gitlab.com: its shortcodes. */
	gitlabDocs?: boolean;
	/** How the tree's tool spells heading ids, when not its dialect's default (Hugo's renderer and settings). */
	headingIds?: HeadingIdStyle;
	/** The tool reads definition lists (`Term` then `: its definition`): Hugo, MkDocs with `def_list`. */
	definitionLists?: true;
	/** Files of the tool's static folders, served at the site's top: site path (`img/a.png`) → path from the root (`../static/img/a.png`). */
	staticFiles?: ReadonlyMap<string, string>;
	/** Docusaurus: where the root sits in its site, for links to Markdown files and to `routeBasePath` URLs. */
	docusaurus?: DocusaurusLinks;
	/** Hugo: how its links reach pages, as URLs or by `GetPage` (`src/lib/hugo-links.ts`). */
	hugoLinks?: HugoLinks;
	/** mdBook: links may name chapters by their published `.html` names (`src/lib/mdbook-links.ts`). */
	mdbook?: boolean;
	/** MkDocs: what `mkdocs.yml` enables and what the checks' run read for each page (snippets, templates, icons). Plain data: part of Astro's config digest. */
	mkdocs?: MkdocsRecorded;
	/** mdBook: what the checks' run read for the pages' `{{#include}}` links, by path from the root. Plain data, as `mkdocs` is. */
	mdbookIncludes?: MdbookRecorded;
}

/** The route of a page of the tree: its `slug` route, else the one its path gives in the dialect. */
function routeOfPage(path: string, files?: TreeFiles): string {
	return files?.routes?.get(path) ?? routeForPath(path, files?.dialect);
}

/** Where the root sits in its repository and the forge that hosts it, for links that leave the root. */
export interface RepositoryLinks {
	place?: RootPlace;
	repo?: ForgeRepo;
}

/**
 * The served href of a link written in `fromPath`, the way a forge resolves it:
 * `ops.md#restore` → `/erp/ops/#restore`, `checklist.txt` → `/erp/checklist.txt`, a folder →
 * its route, `../../docs/x.md` (out of the root and back) → `/x/`, `/docs/x.md` → `/x/` when the
 * root is `docs/`, `/status/` → the site's own status page, and a repository file outside the root
 * → its page on the forge (images keep a relative path, so the bundler copies them), a file of the
 * tool's static folders → its place at the site's top. External and
 * same-page (`#x`) hrefs, and targets nothing can serve, come back unchanged.
 */
export function rewriteHref(fromPath: string, written: string, base: string, files?: TreeFiles, repository: RepositoryLinks & { kind?: 'image' | 'source' } = {}): string {
	const href = files?.hugoLinks ? hrefFromRootUrl(written, files.hugoLinks) : files?.mdbook ? mdbookChapterHref(fromPath, written, files, repository.place) : written;
	if (href === '' || href.startsWith('#')) return href.startsWith('#') ? encodeHash(safeDecode(href.slice(1))) : href;
	// A site generator (its static folders known) serves a root-absolute URL from its site: the root
	// and its routes, its static folders; never a path from the repository's top.
	const forged = resolveForgeHref(fromPath, href, repository.place);
	const candidates = files?.staticFiles && href.startsWith('/') ? forged.slice(0, 1) : forged;
	// The site's own generated routes (`/status/`), which no file of the tree backs.
	const generated = generatedRouteOf(href);
	if (generated) return hrefForRoute(generated, base) + (candidates[0]?.hash ? encodeHash(candidates[0].hash) : '');
	const docusaurus = files?.docusaurus && docusaurusHref(fromPath, href, base, files, files.docusaurus);
	if (docusaurus) return docusaurus;
	// Hugo: the page its site reaches, before the forge's reading (`./#x` is the page itself there, not its folder).
	const hugo = files?.hugoLinks && hugoLinkTarget(fromPath, href, files.hugoLinks.style, { pages: files.pages, assets: files.assets, routeOf: (path) => routeOfPage(path, files), pageAtRoute: (route) => pageByRoute(files).get(route) ?? pageByLowerRoute(files).get(route) });
	if (hugo) return hrefForRoute(hugo.asset ? `/${hugo.path}` : routeOfPage(hugo.path, files), base) + (hugo.hash ? encodeHash(hugo.hash) : '');
	// Hugo: a page of its content outside the root (another version, `/cli/v2.3/`), which this site
	// does not publish: the forge shows its file, as it does any file of the repository outside the root.
	const beyond = files?.hugoLinks && repository.place && repository.repo ? contentPageBeyondRoot(routeOfPage(fromPath, files), href, files.hugoLinks) : undefined;
	const repositoryPath = beyond && repository.place && joinPath(repository.place.rootPath, beyond.file);
	if (beyond && repositoryPath) return repositoryHref(fromPath, beyond.file, { where: 'repository', path: repositoryPath, hash: beyond.hash }, repository);
	// The first place in the tree that exists wins, as on the forge, then (root-absolute) a page by its
	// site route; the site cannot see repository files, so the first of those stands after them.
	const inTree = files ? candidates.find((c) => c.where === 'tree' && exists(c.path, files)) : candidates[0];
	const routed = !inTree && files && href.startsWith('/') ? candidates.map((c) => (c.where === 'tree' ? pageAtRoute(c.path, files) : undefined)).find(Boolean) : undefined;
	if (routed) return hrefForRoute(routeOfPage(routed, files), base) + (candidates[0]?.hash ? encodeHash(candidates[0].hash) : '');
	// A file of the tool's static folders, published whole at the site's top (`tree/published-files.ts`)
	// and served from there, images too: the bundler never reads a file from outside the root, which
	// it resolves its own modules against (a Hugo site's `static/` images stopped the build).
	const staticPath = !inTree && href.startsWith('/') && !href.startsWith('//') ? sitePathOfHref(href) : undefined;
	if (staticPath !== undefined && files?.staticFiles?.has(staticPath)) return hrefForRoute(`/${staticPath}`, base) + (candidates[0]?.hash ? encodeHash(candidates[0].hash) : '');
	// Docusaurus: a link without a page extension is a URL, relative to the page's own.
	const url = !inTree && files?.dialect === 'docusaurus' ? resolveRouteRelativeHref(routeOfPage(fromPath, files), href) : undefined;
	const urlPage = url && files && pageByRoute(files).get(url.route);
	if (url && urlPage) return hrefForRoute(routeOfPage(urlPage, files), base) + (url.hash ? encodeHash(url.hash) : '');
	// MkDocs: what its file does not reach, the browser may from the page's address (`src/lib/mkdocs-page-urls.ts`).
	const byPageUrl = !inTree && files?.dialect === 'mkdocs' && files.mkdocs?.markdown.directoryUrls !== false ? mkdocsPageUrlTarget(routeOfPage(fromPath, files), href, { assets: files.assets, pageAtRoute: (route) => pageByRoute(files).get(route) }) : undefined;
	if (byPageUrl?.kind === 'asset') return hrefForRoute(`/${byPageUrl.path}`, base) + (byPageUrl.hash ? encodeHash(byPageUrl.hash) : '');
	const target = inTree ?? candidates.find((c) => c.where !== 'tree') ?? candidates[0];
	if (!target || target.where === 'outside') return written;
	const hash = target.hash ? encodeHash(target.hash) : '';
	if (target.where === 'repository') return repositoryHref(fromPath, href, target, repository);
	if (isPageFile(target.path)) return hrefForRoute(routeOfPage(target.path, files), base) + hash;
	if (files?.assets.has(target.path)) return hrefForRoute(`/${target.path}`, base) + hash;
	const folder = target.path;
	if (folder === '' || files?.folders.has(folder)) {
		const page = folderPage(folder, files);
		if (page) return hrefForRoute(routeOfPage(page, files), base) + hash;
		return hrefForRoute(folder === '' ? '/' : `/${folder}/`, base) + hash;
	}
	// A picture in a folder the site never publishes (`.attachments/`), outside git: bundled from
	// where it is, as a path from the page (inside git it is a repository file, above).
	if (repository.kind === 'image' && isUnpublishedPath(target.path)) return relativeHref(fromPath, target.path);
	// A root-absolute path naming nothing in the tree may be a route of the site's host.
	if (href.startsWith('/')) return written;
	// Unknown target: serve it where the forge would (the checks report it as broken).
	return hrefForRoute(`/${target.path}`, base) + hash;
}

function repositoryHref(fromPath: string, href: string, target: HrefTarget, repository: RepositoryLinks & { kind?: 'image' | 'source' }): string {
	if (repository.kind === 'image') {
		// Markdown images are bundled from disk: a path relative to the page reaches the file.
		if (!href.startsWith('/') || !repository.place) return href;
		const depth = [...repository.place.rootPath.split('/'), ...fromPath.split('/').slice(0, -1)].filter(Boolean).length;
		return `${'../'.repeat(depth)}${target.path}`;
	}
	if (!repository.repo) return href;
	const folder = /\/(?:#.*)?$/.test(href);
	return forgeFileUrl(repository.repo, target.path, { ...(folder && { folder }), ...(repository.kind === 'source' && { raw: true }), ...(target.hash && { hash: target.hash }) });
}

/** A Docusaurus link to a Markdown file, or to a URL under the docs' `routeBasePath`, as the page it names. */
function docusaurusHref(fromPath: string, href: string, base: string, files: TreeFiles, site: DocusaurusLinks): string | undefined {
	const written = docusaurusPageCandidates(fromPath, href, site);
	const page = written?.paths.find((path) => files.pages.has(path));
	if (written && page) return hrefForRoute(routeOfPage(page, files), base) + (written.hash ? encodeHash(written.hash) : '');
	const url = docusaurusRouteOf(href, site);
	const routed = url && pageByRoute(files).get(url.route);
	return url && routed ? hrefForRoute(routeOfPage(routed, files), base) + (url.hash ? encodeHash(url.hash) : '') : undefined;
}

const routes = new WeakMap<ReadonlySet<string>, Map<string, string>>();

const lowerRoutes = new WeakMap<TreeFiles, Map<string, string>>();

/** Pages by their route in lower case, as Hugo serves them (`disablePathToLower` off, its default). */
function pageByLowerRoute(files: TreeFiles): Map<string, string> {
	let map = lowerRoutes.get(files);
	if (!map) lowerRoutes.set(files, (map = new Map([...pageByRoute(files)].map(([route, page]) => [route.toLowerCase(), page]))));
	return map;
}

/** The tree's pages by their site route. */
function pageByRoute(files: TreeFiles): Map<string, string> {
	let byRoute = routes.get(files.pages);
	if (!byRoute) routes.set(files.pages, (byRoute = new Map([...files.pages].map((page) => [routeOfPage(page, files), page]))));
	return byRoute;
}

function pageAtRoute(path: string, files: TreeFiles): string | undefined {
	return pageByRoute(files).get(path === '' ? '/' : `/${path.replace(/\/$/, '')}/`);
}

function exists(path: string, files: TreeFiles): boolean {
	return path === '' || files.pages.has(path) || files.assets.has(path) || files.folders.has(path);
}

function folderPage(folder: string, files?: TreeFiles): string | undefined {
	const prefix = folder === '' ? '' : `${folder}/`;
	// Docusaurus: a doc named like its folder is its category's index.
	const own = folder.split('/').pop() ?? '';
	for (const name of ['README.md', 'readme.md', 'index.md', 'index.mdx', 'README.mdx', '_index.md', 'index.html.md', `${own}.md`, `${own}.mdx`]) {
		if (files?.pages.has(prefix + name) && isFolderPage(prefix + name, files.dialect)) return prefix + name;
	}
	return undefined;
}

function encodeHash(hash: string): string {
	return `#${encodeURIComponent(hash)}`;
}

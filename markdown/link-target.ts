import {
	forgeFileUrl,
	resolveForgeHref,
	type ForgeRepo,
	type HrefTarget,
	type RootPlace,
} from './forge-links.ts';
import {
	generatedRouteOf,
	hrefForRoute,
	isPageFile,
	joinPath,
	relativeHref,
	safeDecode,
	sitePathOfHref,
} from './routes.ts';
import { isUnpublishedPath } from './unpublished-names.ts';
import { plainMarkdown, type LinkTree, type SiteTool } from './site-tool.ts';

/** What the plugins know of the tree: which relative paths are pages, assets and folders, and the tool it is written for. */
export interface TreeFiles {
	pages: ReadonlySet<string>;
	assets: ReadonlySet<string>;
	folders: ReadonlySet<string>;
	/** Pages whose route is not the one their path gives (Docusaurus `slug`). */
	routes?: ReadonlyMap<string, string>;
	/** Files of the tool's static folders, served at the site's top: site path (`img/a.png`) → path from the root (`../static/img/a.png`). */
	staticFiles?: ReadonlyMap<string, string>;
	/** The tree's tool, as the site reads its pages (`site-tool.ts`). Not listed, so not part of Astro's config digest: `toolData` is. @default `plainMarkdown` */
	tool?: SiteTool;
	/** The tool's name and what it read of the tree that decides pages' HTML (plain data): listed, so part of Astro's config digest. */
	toolData?: { name: string; data: unknown };
}

/** The tree's tool as the site reads its pages. */
export function siteToolOf(files: TreeFiles | undefined): SiteTool {
	return files?.tool ?? plainMarkdown;
}

/** The route of a page of the tree: its `slug` route, else the one its path gives on its tool's site. */
function routeOfPage(path: string, files?: TreeFiles): string {
	return files?.routes?.get(path) ?? siteToolOf(files).routeForPath(path);
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
export function rewriteHref(
	fromPath: string,
	written: string,
	base: string,
	files?: TreeFiles,
	repository: RepositoryLinks & { kind?: 'image' | 'source' } = {},
): string {
	const rules = siteToolOf(files).links;
	const href =
		rules.written && files
			? rules.written(fromPath, written, {
					pages: files.pages,
					assets: files.assets,
					place: repository.place,
				})
			: written;
	if (href === '' || href.startsWith('#'))
		return href.startsWith('#') ? encodeHash(safeDecode(href.slice(1))) : href;
	// A site generator (its static folders known) serves a root-absolute URL from its site: the root
	// and its routes, its static folders; never a path from the repository's top.
	const forged = resolveForgeHref(fromPath, href, repository.place);
	const candidates = files?.staticFiles && href.startsWith('/') ? forged.slice(0, 1) : forged;
	// The site's own generated routes (`/status/`), which no file of the tree backs.
	const generated = generatedRouteOf(href);
	if (generated)
		return (
			hrefForRoute(generated, base) + (candidates[0]?.hash ? encodeHash(candidates[0].hash) : '')
		);
	// Where the tool's own rules take the link, before the forge's reading (Docusaurus: a Markdown file by its docs plugin's rules, a URL under `routeBasePath`; Hugo: the page its site reaches, `./#x` being the page itself there, not its folder).
	const reached = files && rules.reach?.(fromPath, href, linkTreeOf(files, true));
	if (reached && reached.kind !== 'missing')
		return (
			hrefForRoute(
				reached.kind === 'asset' ? `/${reached.path}` : routeOfPage(reached.path, files),
				base,
			) + (reached.hash ? encodeHash(reached.hash) : '')
		);
	// A page of the tool's site outside the root (Hugo: another version, `/cli/v2.3/`), which this site
	// does not publish: the forge shows its file, as it does any file of the repository outside the root.
	const beyond =
		files && repository.place && repository.repo
			? rules.siteBeyondRoot?.(routeOfPage(fromPath, files), href)
			: undefined;
	const repositoryPath =
		beyond && repository.place && joinPath(repository.place.rootPath, beyond.file);
	if (beyond && repositoryPath)
		return repositoryHref(
			fromPath,
			beyond.file,
			{ where: 'repository', path: repositoryPath, hash: beyond.hash },
			repository,
		);
	// The first place in the tree that exists wins, as on the forge, then (root-absolute) a page by its
	// site route; the site cannot see repository files, so the first of those stands after them.
	const inTree = files
		? candidates.find((c) => c.where === 'tree' && exists(c.path, files))
		: candidates[0];
	const routed =
		!inTree && files && href.startsWith('/')
			? candidates
					.map((c) => (c.where === 'tree' ? pageAtRoute(c.path, files) : undefined))
					.find(Boolean)
			: undefined;
	if (routed)
		return (
			hrefForRoute(routeOfPage(routed, files), base) +
			(candidates[0]?.hash ? encodeHash(candidates[0].hash) : '')
		);
	// A file of the tool's static folders, published whole at the site's top (`tree/published-files.ts`)
	// and served from there, images too: the bundler never reads a file from outside the root, which
	// it resolves its own modules against (a Hugo site's `static/` images stopped the build).
	const staticPath =
		!inTree && href.startsWith('/') && !href.startsWith('//') ? sitePathOfHref(href) : undefined;
	if (staticPath !== undefined && files?.staticFiles?.has(staticPath))
		return (
			hrefForRoute(`/${staticPath}`, base) +
			(candidates[0]?.hash ? encodeHash(candidates[0].hash) : '')
		);
	// A link the tree does not reach, read as a URL relative to the page's own where the tool reads it so (Docusaurus: a link without a page extension; MkDocs: a file the page's address reaches).
	const url =
		!inTree && files
			? rules.asUrl?.(routeOfPage(fromPath, files), href, linkTreeOf(files, false))
			: undefined;
	if (url && files && (rules.siteUrls ?? ['page', 'asset']).includes(url.kind))
		return (
			hrefForRoute(url.kind === 'asset' ? `/${url.path}` : routeOfPage(url.path, files), base) +
			(url.hash ? encodeHash(url.hash) : '')
		);
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
	if (repository.kind === 'image' && isUnpublishedPath(target.path))
		return relativeHref(fromPath, target.path);
	// A root-absolute path naming nothing in the tree may be a route of the site's host.
	if (href.startsWith('/')) return written;
	// Unknown target: serve it where the forge would (the checks report it as broken).
	return hrefForRoute(`/${target.path}`, base) + hash;
}

function repositoryHref(
	fromPath: string,
	href: string,
	target: HrefTarget,
	repository: RepositoryLinks & { kind?: 'image' | 'source' },
): string {
	if (repository.kind === 'image') {
		// Markdown images are bundled from disk: a path relative to the page reaches the file.
		if (!href.startsWith('/') || !repository.place) return href;
		const depth = [
			...repository.place.rootPath.split('/'),
			...fromPath.split('/').slice(0, -1),
		].filter(Boolean).length;
		return `${'../'.repeat(depth)}${target.path}`;
	}
	if (!repository.repo) return href;
	const folder = /\/(?:#.*)?$/.test(href);
	return forgeFileUrl(repository.repo, target.path, {
		...(folder && { folder }),
		...(repository.kind === 'source' && { raw: true }),
		...(target.hash && { hash: target.hash }),
	});
}

const routes = new WeakMap<ReadonlySet<string>, Map<string, string>>();

const lowerRoutes = new WeakMap<TreeFiles, Map<string, string>>();

/** What the tool's link rules see of the tree; `anyCase`: a route matches in any case where the tool's URLs do (Hugo lower-cases them). */
function linkTreeOf(files: TreeFiles, anyCase: boolean): LinkTree {
	const lower = anyCase && siteToolOf(files).links.caseInsensitiveUrls;
	return {
		pages: files.pages,
		assets: files.assets,
		routeOf: (path) => routeOfPage(path, files),
		pageAtRoute: (route) =>
			pageByRoute(files).get(route) ?? (lower ? pageByLowerRoute(files).get(route) : undefined),
	};
}

/** Pages by their route in lower case, as Hugo serves them (`disablePathToLower` off, its default). */
function pageByLowerRoute(files: TreeFiles): Map<string, string> {
	let map = lowerRoutes.get(files);
	if (!map)
		lowerRoutes.set(
			files,
			(map = new Map([...pageByRoute(files)].map(([route, page]) => [route.toLowerCase(), page]))),
		);
	return map;
}

/** The tree's pages by their site route. */
function pageByRoute(files: TreeFiles): Map<string, string> {
	let byRoute = routes.get(files.pages);
	if (!byRoute)
		routes.set(
			files.pages,
			(byRoute = new Map([...files.pages].map((page) => [routeOfPage(page, files), page]))),
		);
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
	for (const name of [
		'README.md',
		'readme.md',
		'index.md',
		'index.mdx',
		'README.mdx',
		'_index.md',
		'index.html.md',
		`${own}.md`,
		`${own}.mdx`,
	]) {
		if (files?.pages.has(prefix + name) && siteToolOf(files).isFolderPage(prefix + name))
			return prefix + name;
	}
	return undefined;
}

function encodeHash(hash: string): string {
	return `#${encodeURIComponent(hash)}`;
}

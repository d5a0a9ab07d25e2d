/**
 * Links as a Hugo site renders them. Pure and isomorphic like `routes.ts`: the checks and the
 * site's link rewriting share it.
 *
 * Without a link render hook Hugo writes the href as the page has it, and the browser resolves it
 * against the page's pretty URL: from `backup.md` (`/docs/backup/`), `../restore/` is
 * `/docs/restore/` and `./#checks` the page itself. A render hook that looks the destination up
 * with `GetPage` (as Hugo's embedded `_markup/render-link.html` does) finds a page from the page's
 * folder first (`hugolib/pagecollections.go` `getContentNodeForRef`: the page's directory, then the
 * path as written, `.md` added when it has no extension), and keeps the href as written when no
 * page matches.
 */
import { byLowerCasePath } from './content-paths.ts';
import { dirnameOf, isPageFile, joinPath, safeDecode } from '../../markdown/routes.ts';

/** How a Hugo site's links reach pages: as URLs (no render hook) or by page lookup (a render hook calling `GetPage`). */
export type HugoLinkStyle = 'url' | 'page-lookup';

/** How the tree's Hugo site links: its style, and the root's URL on the site (`/docs/main/` for `content/docs/main`), when known. */
export interface HugoLinks {
	style: HugoLinkStyle;
	rootUrl?: string;
	/**
	 * `module.mounts` onto `content`, when the site has any: each target's URL path (`docs`, `''` for
	 * the top) and the folder Hugo takes it from, relative to the root (`../../..`).
	 */
	mounts?: Array<{ url: string; folder: string }>;
	/**
	 * The pages of the site's content outside the root, by their path in the content
	 * (`cli/v2.3/_index.md`), when the root is one part of it: a `ref` may name one.
	 */
	contentPages?: string[];
}

/**
 * A root-absolute href naming the root's own URL on the Hugo site (`/docs/main/img/a.png` in
 * `content/docs/main/`, which Hugo publishes at `/docs/main/`) as the same path from the root
 * (`/img/a.png`), which the site and the checks read from the root; any other href as written.
 */
export function hrefFromRootUrl(href: string, links: HugoLinks): string {
	const rootUrl = links.rootUrl;
	if (rootUrl === undefined || rootUrl === '/' || !href.startsWith(rootUrl)) return href;
	return `/${href.slice(rootUrl.length)}`;
}

/** What resolving a Hugo link needs of the tree: its pages, and the page at a site route. */
export interface HugoLinkPages {
	pages: ReadonlySet<string>;
	/** Other files of the tree: a picture the page names by URL (`../img/a.png` from `/docs/x/`). */
	assets?: ReadonlySet<string>;
	routeOf: (path: string) => string;
	pageAtRoute: (route: string) => string | undefined;
}

/**
 * The page (relative to the root) a relative link of `fromPath` reaches on its Hugo site, with its
 * decoded fragment; `undefined` for external and root-absolute hrefs, and when it reaches no page
 * (the forge's reading of the link is then tried).
 */
export function hugoLinkTarget(
	fromPath: string,
	href: string,
	style: HugoLinkStyle,
	tree: HugoLinkPages,
): { path: string; hash: string; asset?: true } | undefined {
	if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('#'))
		return undefined;
	const hashAt = href.indexOf('#');
	const path = safeDecode((hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, ''));
	const hash = safeDecode(hashAt === -1 ? '' : href.slice(hashAt + 1));
	// `./#x` names no page to look up (Hugo's embedded hook trims `./`): the href stays, the page's own URL.
	if (style === 'page-lookup' && path.replace(/^\.\//, '') !== '') {
		const found = lookUpPage(dirnameOf(fromPath), path, tree.pages);
		if (found) return { path: found, hash };
	}
	// A page file's name is no URL of the site: the browser would ask for `/docs/backup/restore.md`.
	if (isPageFile(path)) return undefined;
	const file = hugoUrlFile(tree.routeOf(fromPath), href);
	if (file !== undefined && tree.assets?.has(file)) return { path: file, hash, asset: true };
	const route = joinRoute(tree.routeOf(fromPath), path);
	const page = route === undefined ? undefined : tree.pageAtRoute(route);
	return page === undefined ? undefined : { path: page, hash };
}

/** The files a Hugo page path may be (`x` → `x.md`, `x/_index.md`, `x/index.md`), or the page file itself (`x.md`). */
export function hugoPageFiles(path: string): string[] {
	const bare = path.replace(/\/+$/, '');
	return /\.mdx?$/i.test(bare) ? [bare] : [`${bare}.md`, `${bare}/_index.md`, `${bare}/index.md`];
}

/**
 * The root-relative file a relative URL names from a page served at `fromRoute` (`../img/a.png`
 * from `/docs/x/` is `docs/img/a.png`): Hugo writes the URL as the page has it, and the browser
 * reads it from the page's pretty URL. `undefined` for external, root-absolute and same-page hrefs.
 */
export function hugoUrlFile(fromRoute: string, href: string): string | undefined {
	if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('#'))
		return undefined;
	return joinPath(fromRoute, safeDecode(href.replace(/[?#].*$/, '')));
}

/** `GetPage` from the folder `dir`: the path, else with `.md`, else the section or bundle it names. */
function lookUpPage(dir: string, path: string, pages: ReadonlySet<string>): string | undefined {
	const joined = joinPath(dir, path.replace(/\/+$/, ''));
	if (joined === undefined) return undefined;
	const candidates = hugoPageFiles(joined);
	return candidates.find((candidate) => pages.has(candidate.replace(/^\//, '')));
}

/** The route a relative URL reaches from a page served at `fromRoute` (a folder URL: `/docs/backup/`). */
function joinRoute(fromRoute: string, path: string): string | undefined {
	const joined = joinPath(fromRoute, path);
	return joined === undefined ? undefined : joined === '' ? '/' : `/${joined}/`;
}

/**
 * Files of the repository, relative to the root, that a Hugo URL reaching the site's content outside
 * the root names (`../../../../kb/selinux` from `content/docs/1.11.4/deploy/install/_index.md`, or
 * `/docs/1.5/deploy` in `content/docs/2.21`): Hugo serves every section of its `content/` folder,
 * other versions and a `kb/` among them, and the root is one of them. `undefined` when the root's URL
 * is not known, the href is not a site URL, or it stays inside the root. With content mounts the
 * URL is read back through them: the mount whose target is the URL's longest start holds the file.
 */
export function hugoFilesBeyondRoot(
	fromRoute: string,
	href: string,
	links: HugoLinks,
): { files: string[]; hash: string } | undefined {
	const rootUrl = links.rootUrl;
	if (
		rootUrl === undefined ||
		/^[a-z][a-z\d+.-]*:/i.test(href) ||
		href.startsWith('#') ||
		href.startsWith('//')
	)
		return undefined;
	const hashAt = href.indexOf('#');
	const path = safeDecode((hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, ''));
	if (path === '' || isPageFile(path)) return undefined;
	const root = rootUrl.split('/').filter(Boolean);
	const site = path.startsWith('/')
		? joinPath('', path)
		: joinPath([...root, ...fromRoute.split('/').filter(Boolean)].join('/'), path);
	if (site === undefined) return undefined;
	const parts = site.split('/').filter(Boolean);
	const shared = root.findIndex((segment, i) => parts[i] !== segment);
	if (shared === -1) return undefined;
	const relative = links.mounts
		? mountedFile(parts, links.mounts)
		: [...root.slice(shared).map(() => '..'), ...parts.slice(shared)].join('/');
	if (relative === undefined) return undefined;
	// A file other than a page (`a.png`) is itself; a version folder (`1.5`) is a section.
	return {
		files: /\.(?!mdx?$)[a-z]\w*$/i.test(relative) ? [relative] : hugoPageFiles(relative),
		hash: safeDecode(hashAt === -1 ? '' : href.slice(hashAt + 1)),
	};
}

/** The file, relative to the root, that the site path `parts` comes from through the mount with the longest target it starts with. */
function mountedFile(
	parts: string[],
	mounts: NonNullable<HugoLinks['mounts']>,
): string | undefined {
	let best: { folder: string; rest: string[]; length: number } | undefined;
	for (const { url, folder } of mounts) {
		const target = url.split('/').filter(Boolean);
		if (
			target.every((segment, i) => parts[i] === segment) &&
			(best === undefined || target.length > best.length)
		)
			best = { folder, rest: parts.slice(target.length), length: target.length };
	}
	return best && [best.folder, ...best.rest].filter(Boolean).join('/');
}

/**
 * The file, relative to the root, of the page of the site's content outside the root that a Hugo
 * URL names (`/cli/v2.3/` from a root at `/v2.3/`: `../cli/v2.3/_index.md`), when the content's
 * pages are known (`contentPages`, a site without content mounts); in any case, as Hugo serves it.
 */
export function contentPageBeyondRoot(
	fromRoute: string,
	href: string,
	links: HugoLinks,
): { file: string; hash: string } | undefined {
	const pages = links.contentPages;
	const root = links.rootUrl?.split('/').filter(Boolean) ?? [];
	if (!pages?.length || links.mounts || root.length === 0) return undefined;
	const found = hugoFilesBeyondRoot(fromRoute, href, links);
	if (!found) return undefined;
	const index = byLowerCasePath(pages);
	for (const file of found.files) {
		const page = index.get(joinPath(root.join('/'), file)?.toLowerCase() ?? '');
		if (page) return { file: `${'../'.repeat(root.length)}${page}`, hash: found.hash };
	}
	return undefined;
}

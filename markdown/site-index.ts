import type { PageStatus } from './frontmatter.ts';
import { nestingOf, type Nesting } from './page-nesting.ts';
import { nameAsWords } from './page-title.ts';
import { dirnameOf, routeAncestors, routeForPath } from './routes.ts';

/**
 * What every page knows of the others: enough for breadcrumbs, local navigation and the home
 * listing, computed once per build (`SiteData`, read as pages render), never by rendering pages.
 */
export interface IndexedPage {
	path: string;
	route: string;
	title: string;
	description?: string;
	status?: PageStatus;
	statusLabel?: string;
	/** Its folder's page, as the tree's tool names them (`README`, `index`; Hugo `_index`; a Docusaurus doc named like its folder). */
	folderPage?: true;
	/** Hrefs of its front matter relations (`upstream`, `downstream`, `related`) that the tree's tool reads otherwise (an mdBook chapter by its `.html` name), as it reads them. */
	hrefs?: Record<string, string>;
	/** Position among its siblings, from the tree's tool (MkDocs `nav`, `sidebar_position`, `_category_`, Hugo `weight`). */
	order?: number;
	/** Label in navigation lists, when the tool gives one other than the title. */
	navTitle?: string;
	/**
	 * The title is the tool's navigation label (MkDocs `nav`, an mdBook's `SUMMARY.md`), which that
	 * tool titles the page with (its browser tab, its breadcrumbs), while the page shows its own H1.
	 */
	namedByNav?: true;
	/** Built, but left out of navigation lists (MkDocs pages outside `nav`, Hugo `bookHidden`). */
	hidden?: boolean;
	/** Docusaurus: the file or folder name that orders entries of one position (as its sidebar does), instead of folders first and titles. */
	sortKey?: string;
	/** The path of the page it is listed under instead of its folder's (`PageNav.parent`); `nestingOf` says when that holds. */
	parent?: string;
	/**
	 * A page the site generates for a folder without a README or index (its `path` is then
	 * `<folder>/index.md`): it lists the folder's pages and these files of the folder.
	 */
	generated?: { files: string[] };
}

export interface SiteIndex {
	pages: IndexedPage[];
	/** ISO date of each page's last commit, by path; absent for files not in git. */
	gitDates: Record<string, string>;
	/** The menus the tree's tool defines (Hugo `menu`), shown on the home page instead of the list of guidebooks. */
	menus?: SiteMenu[];
}

/** A menu of the tree's tool: its entries in the tool's order. */
export interface SiteMenu {
	/** As the tool names it (`main`, `docs`). */
	name: string;
	/** As a heading: the name written as words. */
	title: string;
	entries: MenuEntry[];
}

/** One menu entry: a page of the tree (`route`), another URL, or neither (a heading for its children). */
export interface MenuEntry {
	title: string;
	route?: string;
	url?: string;
	children: MenuEntry[];
}

export interface NavItem {
	title: string;
	route: string;
	status?: PageStatus;
	/** True for the page being shown. */
	current?: boolean;
	/** Folder pages, which have pages below them. */
	folder?: boolean;
	order?: number;
	sortKey?: string;
}

// Each page of a build asks the same index the same questions; answer each once per build.
const memo = new WeakMap<
	SiteIndex,
	{
		byRoute?: Map<string, IndexedPage>;
		byPath?: Map<string, IndexedPage>;
		folderPages?: Set<string>;
		nesting?: Nesting<IndexedPage>;
		entries: Map<string, NavItem[]>;
		nested: Map<string, NavItem[]>;
	}
>();
function memoFor(index: SiteIndex) {
	let entry = memo.get(index);
	if (!entry) memo.set(index, (entry = { entries: new Map(), nested: new Map() }));
	return entry;
}

function nesting(index: SiteIndex): Nesting<IndexedPage> {
	const cache = memoFor(index);
	return (cache.nesting ??= nestingOf(index.pages));
}

/** The page a tool lists this one under, when the site keeps that (`nestingOf`). */
function nestedParent(index: SiteIndex, path: string): IndexedPage | undefined {
	const parent = nesting(index).parentOf.get(path);
	return parent === undefined ? undefined : pageByPath(index).get(parent);
}

export function pageByRoute(index: SiteIndex): Map<string, IndexedPage> {
	const cache = memoFor(index);
	return (cache.byRoute ??= new Map(index.pages.map((page) => [page.route, page])));
}

function pageByPath(index: SiteIndex): Map<string, IndexedPage> {
	const cache = memoFor(index);
	return (cache.byPath ??= new Map(index.pages.map((page) => [page.path, page])));
}

/** A page's route: the index's (Docusaurus `slug` moves pages), else the one its path gives. */
export function routeOfPath(index: SiteIndex, path: string): string {
	return pageByPath(index).get(path)?.route ?? routeForPath(path);
}

/** Most steps a trail follows up from a page, however deep pages are listed under pages. */
const maxTrail = 32;

/**
 * Home → … → the page, each step titled with its folder page, else the folder's name; a page a tool
 * lists under another page (`parent`) has that page's trail before it instead of its folders'.
 */
export function breadcrumbTrail(
	index: SiteIndex,
	route: string,
	homeTitle: string,
): Array<{ title: string; route?: string }> {
	const byRoute = pageByRoute(index);
	const folderStep = (ancestor: string) => {
		const page = byRoute.get(ancestor);
		if (ancestor === '/') return { title: page?.title ?? homeTitle, route: '/' };
		// Routes hold folder names as written (see routeForPath), so there is nothing to decode.
		const name = ancestor.split('/').filter(Boolean).pop() ?? ancestor;
		return page ? { title: page.title, route: ancestor } : { title: nameAsWords(name) };
	};
	if (nesting(index).parentOf.size === 0) return routeAncestors(route).map(folderStep);
	// From the page up: its parent while it has one, else its folders up to the nearest one whose page has a parent.
	const parts: Array<Array<{ title: string; route?: string }>> = [];
	const seen = new Set<string>();
	let at: string | undefined = route;
	for (let steps = 0; at !== undefined && steps < maxTrail; steps++) {
		seen.add(at);
		const page = byRoute.get(at);
		const parent = page && nestedParent(index, page.path);
		if (page && parent && !seen.has(parent.route)) {
			parts.unshift([{ title: page.title, route: at }]);
			at = parent.route;
			continue;
		}
		const ancestors = routeAncestors(at);
		const nested = ancestors.findLastIndex(
			(ancestor, i) =>
				i > 0 &&
				i < ancestors.length - 1 &&
				!seen.has(ancestor) &&
				nesting(index).parentOf.has(byRoute.get(ancestor)?.path ?? ''),
		);
		parts.unshift(ancestors.slice(nested === -1 ? 0 : nested + 1).map(folderStep));
		at = nested === -1 ? undefined : ancestors[nested];
	}
	const trail = parts.flat();
	return trail[0]?.route === '/' ? trail : [folderStep('/'), ...trail];
}

/**
 * The entries directly inside `folder` ('' is the root): its pages and its subfolders' pages. A
 * subfolder without a README/index page (or whose page is hidden) contributes its pages directly,
 * so none is unreachable. A page a tool lists under another page (`parent`) is among that page's
 * entries instead, those of the folder's page among these. The tool's order comes first (entries
 * without one follow); then folder pages before pages, by title.
 */
export function folderEntries(index: SiteIndex, folder: string): NavItem[] {
	const cache = memoFor(index);
	const cached = cache.entries.get(folder);
	if (cached) return cached;
	const isFolder = (path: string) => pageByPath(index).get(path)?.folderPage === true;
	const folderPages = (cache.folderPages ??= new Set(
		index.pages
			.filter((page) => isFolder(page.path) && !page.hidden)
			.map((page) => dirnameOf(page.path)),
	));
	const { parentOf, childrenOf } = nesting(index);
	const items: NavItem[] = [];
	for (const page of index.pages) {
		// The home page heads every list; it is never one of a folder's entries (a Docusaurus `slug: /` page is not its root folder's page).
		if (page.hidden || page.route === '/') continue;
		const dir = dirnameOf(page.path);
		// The pages a tool lists under the folder's page, wherever that page itself is listed.
		if (isFolder(page.path) && dir === folder)
			for (const child of childrenOf.get(page.path) ?? []) items.push(nestedItem(index, child));
		if (parentOf.has(page.path)) continue;
		const owner = nearestFolderWithPage(dir, folder, folderPages);
		if (isFolder(page.path) && dir !== folder) {
			if (dir !== '' && nearestFolderWithPage(dirnameOf(dir), folder, folderPages) === folder)
				items.push(toItem(page, true));
		} else if (!isFolder(page.path) && owner === folder)
			items.push(toItem(page, childrenOf.has(page.path)));
	}
	items.sort(byNavOrder);
	cache.entries.set(folder, items);
	return items;
}

/** The pages a tool lists under the page at `path` (`parent`), in navigation order. */
function nestedEntries(index: SiteIndex, path: string): NavItem[] {
	const cache = memoFor(index);
	const cached = cache.nested.get(path);
	if (cached) return cached;
	const items = (nesting(index).childrenOf.get(path) ?? []).map((child) =>
		nestedItem(index, child),
	);
	items.sort(byNavOrder);
	cache.nested.set(path, items);
	return items;
}

/** The entries listed under a page: a folder page's folder entries, else the pages listed under it. */
function entriesUnder(index: SiteIndex, page: IndexedPage): NavItem[] {
	return page.folderPage
		? folderEntries(index, dirnameOf(page.path))
		: nestedEntries(index, page.path);
}

function nestedItem(index: SiteIndex, page: IndexedPage): NavItem {
	return toItem(page, page.folderPage === true || nesting(index).childrenOf.has(page.path));
}

function byNavOrder(a: NavItem, b: NavItem): number {
	return (
		compareOrder(a.order, b.order) ||
		compareNames(a, b) ||
		Number(b.folder ?? false) - Number(a.folder ?? false) ||
		a.title.localeCompare(b.title)
	);
}

function compareOrder(a: number | undefined, b: number | undefined): number {
	if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
	return a - b;
}

/** Two entries with names to sort by (Docusaurus: file and folder names, as lodash compares strings). */
function compareNames(a: NavItem, b: NavItem): number {
	if (a.sortKey === undefined || b.sortKey === undefined) return 0;
	return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}

/** The closest folder from `dir` up to `stop` that has its own page (`stop` itself if none), or undefined when `dir` is not inside `stop`. */
function nearestFolderWithPage(
	dir: string,
	stop: string,
	folderPages: Set<string>,
): string | undefined {
	if (stop !== '' && dir !== stop && !dir.startsWith(`${stop}/`)) return undefined;
	let current = dir;
	while (current !== stop) {
		if (folderPages.has(current)) return current;
		current = dirnameOf(current);
	}
	return stop;
}

export interface LocalNav {
	/** The page this one is listed under (`parent`), else the folder page above it, when there is one. */
	up?: NavItem;
	/** Pages below this one (folder pages, and pages a tool lists others under). */
	children: NavItem[];
	/** Pages beside this one, the current one marked. */
	siblings: NavItem[];
}

/**
 * Where-you-are navigation: one level up, the pages beside this one and, for a folder page, the
 * pages inside. Never the whole tree, so each page stays small however large the site grows.
 */
export function localNav(index: SiteIndex, path: string): LocalNav {
	const page = pageByPath(index).get(path);
	const folderPage = page?.folderPage === true;
	const dir = dirnameOf(path);
	const route = routeOfPath(index, path);
	// The home page may be a page moved there by its `slug` (Docusaurus), not the root's README.
	const home = route === '/';
	const parent = nestedParent(index, path);
	const children =
		folderPage || home ? folderEntries(index, dir) : page ? nestedEntries(index, path) : [];
	const siblingFolder = folderPage ? dirnameOf(dir) : dir;
	const beside = home
		? []
		: (parent ? entriesUnder(index, parent) : folderEntries(index, siblingFolder)).map((item) =>
				item.route === route ? { ...item, current: true } : item,
			);
	// A list holding only the current page says nothing.
	const siblings = beside.length > 1 ? beside : [];
	const upRoute = routeAncestors(route).at(-2);
	const up = parent ?? (upRoute ? pageByRoute(index).get(upRoute) : undefined);
	return { ...(up && { up: toItem(up, true) }), children, siblings };
}

/** The top-level guidebooks for the home page: root pages and top-level folders. */
export function guidebookList(
	index: SiteIndex,
): Array<NavItem & { description?: string; statusLabel?: string }> {
	const byRoute = pageByRoute(index);
	return folderEntries(index, '').map((item) => {
		const page = byRoute.get(item.route);
		return {
			...item,
			...(page?.description && { description: page.description }),
			...(page?.statusLabel && { statusLabel: page.statusLabel }),
		};
	});
}

function toItem(page: IndexedPage, folder: boolean): NavItem {
	return {
		title: page.navTitle ?? page.title,
		route: page.route,
		...(page.status && { status: page.status }),
		...(folder && { folder }),
		...(page.order !== undefined && { order: page.order }),
		...(page.sortKey !== undefined && { sortKey: page.sortKey }),
	};
}

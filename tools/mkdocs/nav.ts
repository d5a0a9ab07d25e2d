import { compileGlobs } from '../../core/glob.ts';
import { dirnameOf } from '../../markdown/routes.ts';
import type { PageNav } from '../page-nav.ts';
import { matchesGitignoreList, treeRegex, type MkdocsSite } from './config.ts';
import type { NavEntry, NavSorting, PagesMeta } from './nav-config.ts';

type Item =
	| { kind: 'page'; path: string; title?: string }
	| { kind: 'section'; title?: string; dir?: string; explicit: boolean; children: Item[] };

/** A page as navigation needs it: its path relative to the root and its title. */
export interface NavPage {
	path: string;
	title: string;
}

/**
 * Where each page stands in the MkDocs site's navigation, as MkDocs and the awesome-pages plugin
 * build it: `nav` from `mkdocs.yml` when set (pages it leaves out are published but hidden), else
 * every page in MkDocs' order (a folder's files, `index` first, before its subfolders); with
 * awesome-pages, each folder's `.pages` (`nav` with `...` rest entries, `title`, `order`,
 * `order_by`, `sort_type`, `hide`, legacy `arrange`), and `...` in `mkdocs.yml`'s `nav`.
 * `not_in_nav` pages are hidden on purpose (`notInNav`). `order` is the reading order.
 */
export function mkdocsNavigation(
	pages: readonly NavPage[],
	site: Pick<MkdocsSite, 'navigation' | 'notInNav' | 'rootPath'>,
	pagesFiles: ReadonlyMap<string, PagesMeta>,
): Map<string, PageNav> {
	const prefix = site.rootPath;
	if (prefix === '') return docsNavigation(pages, site, pagesFiles);
	// The root lies inside `docs_dir`: MkDocs names pages (and `nav`, `not_in_nav`) from `docs_dir`.
	const inDocs = docsNavigation(
		pages.map((page) => ({ ...page, path: prefix + page.path })),
		site,
		new Map(
			[...pagesFiles].map(([folder, meta]) => [
				folder === '' ? prefix.slice(0, -1) : prefix + folder,
				meta,
			]),
		),
	);
	return new Map(
		[...inDocs]
			.filter(([path]) => path.startsWith(prefix))
			.map(([path, nav]) => [path.slice(prefix.length), nav]),
	);
}

function docsNavigation(
	pages: readonly NavPage[],
	site: Pick<MkdocsSite, 'navigation' | 'notInNav'>,
	pagesFiles: ReadonlyMap<string, PagesMeta>,
): Map<string, PageNav> {
	const titles = new Map(pages.map((page) => [page.path, page.title]));
	const notInNav = new Set(
		pages.filter((page) => matchesGitignoreList(page.path, site.notInNav)).map((page) => page.path),
	);
	const listed = sortFiles([...titles.keys()].filter((path) => !notInNav.has(path)));
	const awesome = site.navigation.awesomePages;
	const nav = site.navigation.nav;
	let items: Item[];
	if (nav && !(awesome && hasRest(nav))) items = explicitItems(nav, titles);
	else {
		const tree = nestPaths(listed);
		if (nav) {
			const explicit = explicitItems(nav, titles);
			const used = new Set(flatten(explicit).map((entry) => entry.path));
			items = insertRest(explicit, restBlocks(tree, used, nav));
		} else items = tree;
		if (awesome) items = arrange(items, '', { awesome, pagesFiles, titles });
	}
	const placement = new Map<string, PageNav>();
	flatten(items).forEach((entry, order) => {
		if (placement.has(entry.path)) return;
		placement.set(entry.path, {
			order,
			...(entry.label && { label: entry.label }),
			...(entry.titled && { titled: true }),
		});
	});
	for (const path of titles.keys()) {
		if (!placement.has(path))
			placement.set(path, { hidden: true, ...(notInNav.has(path) && { notInNav: true }) });
	}
	return placement;
}

/** MkDocs' `file_sort_key`: by folder, the folder's `index` (or `README`) first, then by name. */
function sortFiles(paths: string[]): string[] {
	const keys = new Map(
		paths.map((path) => {
			const parts = path.split('/');
			const name = parts.pop() ?? '';
			return [path, { dirs: parts, index: !/^(?:index|README)\.mdx?$/i.test(name), name }];
		}),
	);
	const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return paths.sort((a, b) => {
		const [ka, kb] = [keys.get(a), keys.get(b)];
		if (!ka || !kb) return 0;
		for (let i = 0; i < Math.min(ka.dirs.length, kb.dirs.length); i++)
			if (ka.dirs[i] !== kb.dirs[i]) return compare(ka.dirs[i] ?? '', kb.dirs[i] ?? '');
		if (ka.dirs.length !== kb.dirs.length) return ka.dirs.length - kb.dirs.length;
		if (ka.index !== kb.index) return ka.index ? 1 : -1;
		return compare(ka.name, kb.name);
	});
}

/** MkDocs' `nest_paths`: pages in order, each folder a section where its first page appears. */
function nestPaths(paths: readonly string[]): Item[] {
	const root: Item[] = [];
	const sections = new Map<string, Item[]>([['', root]]);
	for (const path of paths) {
		let children = root;
		let dir = '';
		for (const part of path.split('/').slice(0, -1)) {
			dir = dir ? `${dir}/${part}` : part;
			let section = sections.get(dir);
			if (!section) {
				section = [];
				children.push({ kind: 'section', title: part, dir, explicit: false, children: section });
				sections.set(dir, section);
			}
			children = section;
		}
		children.push({ kind: 'page', path });
	}
	return root;
}

function explicitItems(entries: readonly NavEntry[], titles: ReadonlyMap<string, string>): Item[] {
	const items: Item[] = [];
	for (const entry of entries) {
		if (entry.kind === 'page' && titles.has(entry.path))
			items.push({ kind: 'page', path: entry.path, ...(entry.title && { title: entry.title }) });
		else if (entry.kind === 'section')
			items.push({
				kind: 'section',
				title: entry.title,
				explicit: true,
				children: explicitItems(entry.children, titles),
			});
		else if (entry.kind === 'rest')
			items.push({ kind: 'section', explicit: true, dir: restKey(entry), children: [] });
	}
	return items;
}

const restKey = (entry: Extract<NavEntry, { kind: 'rest' }>) => `\0rest:${JSON.stringify(entry)}`;

function hasRest(entries: readonly NavEntry[]): boolean {
	return entries.some(
		(entry) => entry.kind === 'rest' || (entry.kind === 'section' && hasRest(entry.children)),
	);
}

/** awesome-pages' rest blocks for `mkdocs.yml`: the pages `nav` does not name, each to the first `...` whose filter matches its path. */
function restBlocks(
	tree: Item[],
	used: ReadonlySet<string>,
	nav: readonly NavEntry[],
): Map<string, Item[]> {
	const rests: Array<Extract<NavEntry, { kind: 'rest' }>> = [];
	const collect = (entries: readonly NavEntry[]) => {
		for (const entry of entries) {
			if (entry.kind === 'rest') rests.push(entry);
			else if (entry.kind === 'section') collect(entry.children);
		}
	};
	collect(nav);
	// Filtered rests match first, the catch-all last, whatever their order in `nav`.
	const ordered = [...rests.filter((r) => r.filter), ...rests.filter((r) => !r.filter)];
	const generate = (items: Item[]): Map<string, Item[]> => {
		const result = new Map<string, Item[]>(ordered.map((rest) => [restKey(rest), []]));
		for (const item of items) {
			if (item.kind === 'page') {
				if (used.has(item.path)) continue;
				const rest = ordered.find((candidate) => restMatches(candidate, item.path));
				if (rest) result.get(restKey(rest))?.push(item);
			} else {
				for (const [key, children] of generate(item.children)) {
					if (children.length === 0) continue;
					const rest = ordered.find((candidate) => restKey(candidate) === key);
					if (rest?.flat) result.get(key)?.push(...children);
					else result.get(key)?.push({ ...item, children });
				}
			}
		}
		return result;
	};
	return generate(tree);
}

function insertRest(items: Item[], blocks: ReadonlyMap<string, Item[]>): Item[] {
	return items.flatMap((item): Item[] => {
		if (item.kind !== 'section') return [item];
		if (item.dir?.startsWith('\0rest:')) return blocks.get(item.dir) ?? [];
		return [{ ...item, children: insertRest(item.children, blocks) }];
	});
}

function restMatches(rest: Extract<NavEntry, { kind: 'rest' }>, name: string): boolean {
	if (!rest.filter) return true;
	if ('glob' in rest.filter) return compileGlobs([rest.filter.glob]).indexOf(name) !== -1;
	return treeRegex(rest.filter.regex)?.test(name) ?? false;
}

interface ArrangeContext {
	awesome: NavSorting;
	pagesFiles: ReadonlyMap<string, PagesMeta>;
	titles: ReadonlyMap<string, string>;
}

/** awesome-pages on one folder's items: sort, then the folder's `.pages` `nav`, then its subfolders. */
function arrange(items: Item[], dir: string, context: ArrangeContext): Item[] {
	const meta = context.pagesFiles.get(dir) ?? {};
	const sorted = sortItems(items, { ...context.awesome, ...meta }, context.titles);
	const arranged = meta.nav ? applyPagesNav(sorted, meta.nav) : sorted;
	return arranged.flatMap((item): Item[] => {
		if (item.kind !== 'section') return [item];
		if (item.explicit || item.dir === undefined)
			return [{ ...item, children: arrange(item.children, `\0virtual`, context) }];
		const sectionMeta = context.pagesFiles.get(item.dir);
		if (sectionMeta?.hide) return [];
		const children = arrange(item.children, item.dir, context);
		return children.length === 0
			? []
			: [{ ...item, ...(sectionMeta?.title && { title: sectionMeta.title }), children }];
	});
}

function sortItems(
	items: Item[],
	sorting: NavSorting,
	titles: ReadonlyMap<string, string>,
): Item[] {
	if (items.length < 2 || (!sorting.order && !sorting.natural && !sorting.orderBy)) return items;
	const keyOf = (item: Item): string => {
		if (sorting.orderBy === 'title')
			return item.kind === 'page'
				? (item.title ?? titles.get(item.path) ?? '')
				: (item.title ?? '');
		return basename(item);
	};
	const collator = new Intl.Collator('en', {
		numeric: true,
		sensitivity: sorting.ignoreCase ? 'base' : 'variant',
	});
	const compare = (a: string, b: string): number => {
		if (sorting.natural) return collator.compare(a, b);
		const [x, y] = sorting.ignoreCase ? [a.toLowerCase(), b.toLowerCase()] : [a, b];
		return x < y ? -1 : x > y ? 1 : 0;
	};
	const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
	return sorting.order === 'desc' ? sorted.reverse() : sorted;
}

/** A `.pages` `nav`: entries by file or folder name, titles, virtual sections, `...` for the rest (filtered by name); what it leaves out is hidden. */
function applyPagesNav(items: Item[], entries: readonly NavEntry[]): Item[] {
	const byName = new Map(items.map((item) => [basename(item), item]));
	const used = new Set<Item>();
	const rests: Array<{ entry: Extract<NavEntry, { kind: 'rest' }>; items: Item[] }> = [];
	const build = (list: readonly NavEntry[]): Array<Item | { rest: number }> =>
		list.flatMap((entry): Array<Item | { rest: number }> => {
			if (entry.kind === 'rest') {
				rests.push({ entry, items: [] });
				return [{ rest: rests.length - 1 }];
			}
			if (entry.kind === 'section')
				return [
					{
						kind: 'section',
						title: entry.title,
						explicit: true,
						children: build(entry.children) as Item[],
					},
				];
			if (entry.kind !== 'page') return [];
			const item = byName.get(entry.path);
			if (!item) return [];
			used.add(item);
			return [entry.title ? { ...item, title: entry.title } : item];
		});
	const built = build(entries);
	const order = [...rests.filter((r) => r.entry.filter), ...rests.filter((r) => !r.entry.filter)];
	for (const item of items) {
		if (used.has(item)) continue;
		order.find((rest) => restMatches(rest.entry, basename(item)))?.items.push(item);
	}
	const expand = (list: Array<Item | { rest: number }>): Item[] =>
		list.flatMap((item): Item[] =>
			'rest' in item
				? (rests[item.rest]?.items ?? [])
				: item.kind === 'section' && item.explicit
					? [{ ...item, children: expand(item.children as Array<Item | { rest: number }>) }]
					: [item],
		);
	return expand(built);
}

function basename(item: Item): string {
	if (item.kind === 'page') return item.path.split('/').pop() ?? item.path;
	return (item.dir ?? '').split('/').pop() ?? '';
}

/** Pages in reading order, each with the label navigation gives it (a `nav` title, `titled`: the tool's title for the page; a folder's `.pages` title for its folder page). */
function flatten(items: readonly Item[]): Array<{ path: string; label?: string; titled?: true }> {
	const out: Array<{ path: string; label?: string; titled?: true }> = [];
	for (const item of items) {
		if (item.kind === 'page') {
			out.push({
				path: item.path,
				...(item.title && { label: item.title, titled: true as const }),
			});
			continue;
		}
		const children = flatten(item.children);
		const folderPage =
			item.dir !== undefined && !item.explicit
				? children.find(
						(child) =>
							dirnameOf(child.path) === item.dir &&
							/(?:^|\/)(?:index|README)\.mdx?$/i.test(child.path),
					)
				: undefined;
		if (folderPage && item.title && item.title !== item.dir?.split('/').pop() && !folderPage.label)
			folderPage.label = item.title;
		out.push(...children);
	}
	return out;
}

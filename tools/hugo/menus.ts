import { nameAsWords } from '../../markdown/page-title.ts';
import type { MenuEntry, SiteMenu } from '../../markdown/site-index.ts';
import type { ToolPage } from '../tool.ts';
import { configValue, isTable } from './config-values.ts';

/** One entry while the menus are assembled (Hugo's `MenuEntry`). */
interface Entry {
	menu: string;
	identifier: string;
	parent: string;
	name: string;
	weight: number;
	route?: string;
	url?: string;
	children: Entry[];
}

/**
 * Hugo's menus, assembled as Hugo does (`navigation/menu.go`, `assembleMenus`): the entries of the
 * site config's `menu` tables and of each page's `menu` front matter (a menu name, a list of
 * names, or a table per menu with `name`, `weight`, `parent`, `identifier`); a page entry is named
 * by the page's `linkTitle`, else its title, and weighs the page's `weight` unless it sets one.
 * Entries nest under the entry whose `identifier` (else `name`) their `parent` names; a parent
 * nobody defines becomes an entry without a link. Each level is sorted by weight (0 last), then
 * name. A config entry links to the page its `pageRef` or `url` names, else to its `url` as is.
 */
export function assembleHugoMenus(
	configMenus: Record<string, unknown[]>,
	pages: Iterable<ToolPage>,
): SiteMenu[] {
	const list = [...pages];
	const byRoute = new Map(list.map((page) => [page.route, page]));
	const byPath = new Map(list.map((page) => [page.path.replace(/\.mdx?$/i, ''), page]));
	const flat = new Map<string, Entry>();
	const order: string[] = Object.keys(configMenus);
	const add = (entry: Entry) => {
		flat.set(`${entry.menu}\u0000${entry.identifier}`, entry);
		if (!order.includes(entry.menu)) order.push(entry.menu);
	};
	for (const [menu, entries] of Object.entries(configMenus)) {
		for (const raw of entries) {
			if (!isTable(raw)) continue;
			const name = text(configValue(raw, 'name'));
			const target = linkOf(
				text(configValue(raw, 'pageRef')),
				text(configValue(raw, 'url')),
				byRoute,
				byPath,
			);
			add({
				menu,
				identifier: text(configValue(raw, 'identifier')) || name,
				parent: text(configValue(raw, 'parent')),
				name,
				weight: number(configValue(raw, 'weight')),
				...target,
				children: [],
			});
		}
	}
	for (const page of list) {
		const menus = page.frontmatter?.data?.['menu'] ?? page.frontmatter?.data?.['menus'];
		for (const [menu, settings] of pageMenus(menus)) {
			const name = text(configValue(settings, 'name')) || linkTitle(page);
			const weight =
				number(configValue(settings, 'weight')) || number(page.frontmatter?.data?.['weight']);
			add({
				menu,
				identifier: text(configValue(settings, 'identifier')) || name,
				parent: text(configValue(settings, 'parent')),
				name,
				weight,
				route: page.route,
				children: [],
			});
		}
	}
	const children = new Map<string, Entry[]>();
	for (const entry of flat.values()) {
		if (entry.parent === '') continue;
		const key = `${entry.menu}\u0000${entry.parent}`;
		children.set(key, [...(children.get(key) ?? []), entry]);
	}
	for (const [key, list_] of children) {
		let parent = flat.get(key);
		if (!parent) {
			const [menu = '', identifier = ''] = key.split('\u0000');
			parent = { menu, identifier, parent: '', name: identifier, weight: 0, children: [] };
			flat.set(key, parent);
		}
		parent.children = sortEntries(list_);
	}
	return order.flatMap((menu) => {
		const top = sortEntries(
			[...flat.values()].filter((entry) => entry.menu === menu && entry.parent === ''),
		);
		return top.length === 0
			? []
			: [{ name: menu, title: nameAsWords(menu), entries: top.map(toMenuEntry) }];
	});
}

/** A page's `menu` front matter as (menu, settings) pairs. */
function pageMenus(value: unknown): Array<[string, unknown]> {
	if (typeof value === 'string') return value.trim() === '' ? [] : [[value, {}]];
	if (Array.isArray(value))
		return value
			.filter((name): name is string => typeof name === 'string')
			.map((name) => [name, {}]);
	return isTable(value) ? Object.entries(value) : [];
}

function linkTitle(page: ToolPage): string {
	const set = page.frontmatter?.data?.['linkTitle'];
	return typeof set === 'string' && set !== '' ? set : page.title;
}

/** Where a config entry leads: the page its `pageRef` (a content path) or `url` (a route) names, else the URL itself. */
function linkOf(
	pageRef: string,
	url: string,
	byRoute: Map<string, ToolPage>,
	byPath: Map<string, ToolPage>,
): { route?: string; url?: string } {
	if (pageRef !== '') {
		const path = pageRef.replace(/^\/+|\/+$/g, '').replace(/\.mdx?$/i, '');
		const prefix = path === '' ? '' : `${path}/`;
		const page = [path, `${prefix}_index`, `${prefix}index`]
			.map((candidate) => byPath.get(candidate))
			.find(Boolean);
		if (page) return { route: page.route };
	}
	if (url === '') return {};
	if (url.startsWith('/') && !url.startsWith('//')) {
		const page = byRoute.get(
			`/${url.replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/'),
		);
		if (page) return { route: page.route };
	}
	return { url };
}

/** Hugo's `defaultMenuEntrySort`: weight (0 after every other), then name, ignoring case first, then identifier. */
function sortEntries(entries: Entry[]): Entry[] {
	return [...entries].sort((a, b) => {
		if (a.weight !== b.weight) {
			if (b.weight === 0) return -1;
			if (a.weight === 0) return 1;
			return a.weight - b.weight;
		}
		const byName = compareStrings(a.name, b.name);
		return byName !== 0
			? byName
			: a.identifier < b.identifier
				? -1
				: a.identifier > b.identifier
					? 1
					: 0;
	});
}

function compareStrings(a: string, b: string): number {
	const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
	if (la !== lb) return la < lb ? -1 : 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

function toMenuEntry(entry: Entry): MenuEntry {
	return {
		title: entry.name,
		...(entry.route !== undefined && { route: entry.route }),
		...(entry.url !== undefined && { url: entry.url }),
		children: entry.children.map(toMenuEntry),
	};
}

const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const number = (value: unknown): number =>
	typeof value === 'number' && Number.isFinite(value)
		? Math.trunc(value)
		: typeof value === 'string' && /^-?\d+$/.test(value.trim())
			? Number(value)
			: 0;

import { closest, distance } from 'fastest-levenshtein';
import type { Position } from '../core/position.ts';
import { safeDecode } from '../markdown/routes.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { positionOfKey } from '../tree/parse-page.ts';
import { expandRunbookUrl, type Expansion } from './runbook-url.ts';
import type { AlertRule, AlertSet } from './types.ts';

/** Where the site is published: `site.url` (may be unset) and `site.base`. */
export interface SiteLocation {
	url: string | undefined;
	base: string;
}

/** What a runbook URL lands on in this site. */
type RunbookTarget =
	| { kind: 'page'; path: string; route: string; hash: string }
	| { kind: 'missing'; route: string; hash: string; suggestion: string | undefined }
	/** An absolute URL on another host or outside the site's base path. */
	| { kind: 'outside' }
	/** An absolute URL, and no `site.url` to map it onto the pages. */
	| { kind: 'unmapped' }
	| { kind: 'invalid' };

/**
 * A URL → its route and fragment on this site: `https://runbooks.example.com/erp/ops/#fix` with
 * `site.url` `https://runbooks.example.com` → `/erp/ops/` and `fix`. Site-absolute paths
 * (`/erp/ops/`) need no `site.url`; `index.html`, `.html` and a missing trailing slash are accepted,
 * as a static host serves them.
 */
export function routeOfUrl(
	url: string,
	site: SiteLocation,
): { route: string; hash: string } | 'outside' | 'unmapped' | 'invalid' {
	let parsed: URL;
	const absolute = /^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//');
	try {
		parsed = new URL(url, 'http://site.invalid');
	} catch {
		return 'invalid';
	}
	if (absolute && !['http:', 'https:'].includes(parsed.protocol)) return 'invalid';
	const { host, prefix } = siteParts(site);
	if (absolute) {
		if (!site.url) return 'unmapped';
		if (parsed.host !== host) return 'outside';
	} else if (!url.startsWith('/')) return 'invalid';
	let path = parsed.pathname;
	if (!`${path}/`.startsWith(prefix)) return 'outside';
	path = path
		.slice(prefix.length - 1)
		.replace(/\/index\.html?$/i, '/')
		.replace(/\.html?$/i, '/');
	const route = `/${safeDecode(path).split('/').filter(Boolean).join('/')}/`.replace(/^\/\/$/, '/');
	return { route, hash: safeDecode(parsed.hash.replace(/^#/, '')) };
}

// Ten thousand rules map onto one site: parse its URL once.
const partsCache = new Map<string, { host: string; prefix: string }>();
function siteParts(site: SiteLocation): { host: string; prefix: string } {
	const key = `${site.url ?? ''}\0${site.base}`;
	let parts = partsCache.get(key);
	if (!parts)
		partsCache.set(
			key,
			(parts = { host: site.url ? new URL(site.url).host : '', prefix: sitePrefix(site) }),
		);
	return parts;
}

/** `site.url`'s path joined with `site.base`, with a trailing slash: what every page URL starts with. */
function sitePrefix(site: SiteLocation): string {
	const fromUrl = site.url ? new URL(site.url).pathname : '/';
	return `/${[...fromUrl.split('/'), ...site.base.split('/')].filter(Boolean).join('/')}/`.replace(
		/^\/\/$/,
		'/',
	);
}

/** The public URL of a route (for "did you mean"): `site.url` + base + route, or base + route without `site.url`. */
export function urlOfRoute(route: string, site: SiteLocation): string {
	const origin = site.url ? new URL(site.url).origin : '';
	return `${origin}${sitePrefix(site).replace(/\/$/, '')}${route}`;
}

/** A page an alert sends readers to, or one that names the alert in its frontmatter `alerts:`. */
interface PageAlert {
	rule: AlertRule;
	/** The fragment of the runbook URL (`''` for none, or when only the frontmatter names it). */
	hash: string;
	via: 'runbook_url' | 'frontmatter';
}

export interface RunbookLink {
	rule: AlertRule;
	/** The `runbook_url` annotation as written. */
	template: string;
	expansion: Expansion;
	/** Set when the expansion is complete. */
	target?: RunbookTarget;
}

export interface RunbookIndex {
	/** One per rule with a `runbook_url`, in source order. */
	links: RunbookLink[];
	/** Alerts per page path (relative to the root), for the panel, the status page and orphan checks. */
	byPage: Map<string, PageAlert[]>;
	/** Alert names pages declare in frontmatter `alerts:`, with their position. */
	declared: Array<{ path: string; name: string; position: Position }>;
}

const cache = new WeakMap<AlertSet, WeakMap<GuidebookTree, RunbookIndex>>();

/** Maps every rule's `runbook_url` onto the tree's pages, once per alert set and tree. */
export function indexRunbooks(
	set: AlertSet,
	tree: GuidebookTree,
	site: SiteLocation,
): RunbookIndex {
	const cached = cache.get(set)?.get(tree);
	if (cached) return cached;
	const pathByRoute = new Map([...tree.pages.values()].map((page) => [page.route, page.path]));
	const routes = [...pathByRoute.keys()];
	const byPage = new Map<string, PageAlert[]>();
	const add = (path: string, alert: PageAlert): void => {
		const list = byPage.get(path) ?? [];
		if (!list.some((a) => a.rule === alert.rule)) list.push(alert);
		byPage.set(path, list);
	};
	const links: RunbookLink[] = [];
	for (const rule of set.rules) {
		const template = rule.annotations['runbook_url'];
		if (template === undefined) continue;
		const expansion = expandRunbookUrl(template.trim(), rule);
		const link: RunbookLink = { rule, template, expansion };
		if (expansion.ok) {
			link.target = resolveTarget(expansion.url, site, pathByRoute, routes);
			if (link.target.kind === 'page')
				add(link.target.path, { rule, hash: link.target.hash, via: 'runbook_url' });
		}
		links.push(link);
	}
	const declared: RunbookIndex['declared'] = [];
	for (const page of tree.pages.values()) {
		const list = page.frontmatter?.data?.['alerts'];
		if (!Array.isArray(list) || !page.frontmatter) continue;
		list.forEach((name, index) => {
			if (typeof name !== 'string') return;
			declared.push({
				path: page.path,
				name,
				position: positionOfKey(page.frontmatter!, ['alerts', index]),
			});
			for (const rule of set.rules)
				if (rule.name === name) add(page.path, { rule, hash: '', via: 'frontmatter' });
		});
	}
	const index = { links, byPage, declared };
	if (!cache.has(set)) cache.set(set, new WeakMap());
	cache.get(set)!.set(tree, index);
	return index;
}

function resolveTarget(
	url: string,
	site: SiteLocation,
	pathByRoute: Map<string, string>,
	routes: string[],
): RunbookTarget {
	const mapped = routeOfUrl(url, site);
	if (typeof mapped === 'string') return { kind: mapped };
	const path = pathByRoute.get(mapped.route);
	if (path) return { kind: 'page', path, route: mapped.route, hash: mapped.hash };
	const limit = Math.max(3, Math.floor(mapped.route.length / 4));
	// A typo rarely changes the folder: look among the route's siblings first (and only measure
	// routes whose length alone keeps them within the limit).
	const parent = mapped.route.replace(/[^/]+\/$/, '');
	const close = routes.filter((route) => Math.abs(route.length - mapped.route.length) <= limit);
	const siblings = close.filter(
		(route) => route.startsWith(parent) && route.slice(parent.length).split('/').length <= 2,
	);
	const candidates = siblings.length > 0 ? siblings : close;
	const near = candidates.length > 0 ? closest(mapped.route, candidates) : undefined;
	const suggestion = near !== undefined && distance(near, mapped.route) <= limit ? near : undefined;
	return { kind: 'missing', route: mapped.route, hash: mapped.hash, suggestion };
}

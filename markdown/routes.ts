/**
 * Path ↔ route mapping for a guidebook tree. Pure and isomorphic: the site's pages, its remark
 * plugins and the checks in `checks/` all use it, so a link the checks accept is a link that renders.
 */
import { withStandIns } from './route-stand-ins.ts';

/** Source extensions that become pages. */
const pageExtensions = ['.md', '.mdx'] as const;

/** File names (without extension, case-insensitive) that are their folder's page on a forge. */
const folderPageNames: ReadonlySet<string> = new Set(['readme', 'index']);

export function isPageFile(path: string): boolean {
	const lower = path.toLowerCase();
	return pageExtensions.some((ext) => lower.endsWith(ext));
}

/** `ops.md` → `ops`; Middleman's `ops.html.md` → `ops` too (its URL has no `.html` either). */
export function stripExtension(path: string): string {
	return path.replace(/(?:\.html)?\.mdx?$/i, '');
}

/** True for a page whose name (without extension, in any case) is one of `names`: `README.md`, `index.mdx` at any depth on a forge. */
export function isFolderPage(path: string, names: ReadonlySet<string> = folderPageNames): boolean {
	return names.has((stripExtension(path).split('/').pop() ?? '').toLowerCase());
}

/**
 * The site route of a page, relative path in, `/`-wrapped route out:
 * `erp/operations.md` → `/erp/operations/`, `erp/README.md` → `/erp/`, `README.md` → `/`.
 * `folderPage`: whether it is its folder's page (a forge's README or index, else the tool's);
 * `shown`: each segment as the tool publishes it (Docusaurus drops number prefixes).
 */
export function routeForPath(
	path: string,
	folderPage = isFolderPage(path),
	shown?: (segment: string) => string,
): string {
	let segments = stripExtension(path).split('/').filter(Boolean);
	if (folderPage) segments.pop();
	if (shown) segments = segments.map(shown).filter(Boolean);
	return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/**
 * Characters a page's route cannot hold: `\`, which browsers read as a folder separator, and the
 * private-use characters that stand in for `#`, `?` and `%` while Astro builds
 * (`route-stand-ins.ts`). Every other character a file name may hold is published as written and
 * reached through `hrefForRoute` (`#`, `?` and `%` percent-encoded, as GitHub links them).
 */
const unpublishableCharacters = /[\\\uE023\uE03F\uE025]/;

/** The first character of `route` no site page can be published under (`\`, a stand-in), if any. */
export function unpublishableCharacter(route: string): string | undefined {
	return unpublishableCharacters.exec(route)?.[0];
}

/** The `[...slug]` param Astro needs for a route (`undefined` for the home page), `#`, `?` and `%` as their stand-ins (`route-stand-ins.ts`). */
export function slugForRoute(route: string): string | undefined {
	const trimmed = route.replace(/^\/|\/$/g, '');
	return trimmed === '' ? undefined : withStandIns(trimmed);
}

/**
 * A route as an `href`: each segment percent-encoded where a URL path needs it (space, `%`, `#`,
 * `?`, non-ASCII, …) and nowhere else. The sub-delimiters a path segment may hold as they are
 * (`+ & = , ; ! $ ' ( ) * : @`) stay literal, because static servers disagree on decoding them:
 * sirv decodes with `decodeURI`, which leaves `%2B` encoded, so `/c%2B%2B/` would miss
 * `c++/index.html` while `/c++/` finds it on every server.
 */
export function hrefForRoute(route: string, base = '/'): string {
	const encoded = route
		.split('/')
		.map((segment) => encodePathSegment(segment))
		.join('/');
	return `${base.replace(/\/$/, '')}${encoded}`;
}

/** `encodeURIComponent` minus the sub-delimiters RFC 3986 allows in a path segment. */
function encodePathSegment(segment: string): string {
	// Most segments need nothing encoded (every page's navigation asks for hundreds).
	if (/^[\w.~-]*$/.test(segment)) return segment;
	return encodeURIComponent(segment).replace(/%(2B|26|3D|2C|3B|24|3A|40)/g, (escape) =>
		decodeURIComponent(escape),
	);
}

/**
 * Routes the site generates that no file of the tree backs, which a root-absolute link may name
 * (`[Live status](/status/)`).
 */
export const generatedRoutes: ReadonlySet<string> = new Set(['/status/', '/status/reviews/']);

/** The generated route a root-absolute href names (`/status`, `/status/#x` → `/status/`), if any. */
export function generatedRouteOf(href: string): string | undefined {
	if (!href.startsWith('/') || href.startsWith('//')) return undefined;
	const path = safeDecode(href.replace(/[?#].*$/, ''));
	const route = path.endsWith('/') ? path : `${path}/`;
	return generatedRoutes.has(route) ? route : undefined;
}

/** A root-absolute href as a file path of the site, for a tool's static folders: `/img/a%20b.png?x` → `img/a b.png`. */
export function sitePathOfHref(href: string): string {
	return safeDecode(href.replace(/[?#].*$/, ''))
		.split('/')
		.filter((part) => part !== '' && part !== '.')
		.join('/');
}

/**
 * A URL path (a `slug`, a route) as a browser and Astro's router read it: percent-decoded, `\`
 * read as `/`, `.` and `..` segments resolved, as a route (`/a/b/`). `undefined` when it climbs
 * above the site's top (`/../../tmp/x`, `/%2e%2e/x`, `\..\x`): no page can be written there.
 */
export function normaliseUrlPath(path: string): string | undefined {
	const segments: string[] = [];
	for (const segment of safeDecode(path).replaceAll('\\', '/').split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment !== '..') segments.push(segment);
		else if (segments.pop() === undefined) return undefined;
	}
	return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Every route from the home page down to `route`, in order: `/erp/ops/` → `/`, `/erp/`, `/erp/ops/`. */
export function routeAncestors(route: string): string[] {
	const segments = route.split('/').filter(Boolean);
	return ['/', ...segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}/`)];
}

/** The folder (relative, no trailing slash, '' for the root) a file lives in. */
export function dirnameOf(path: string): string {
	const i = path.lastIndexOf('/');
	return i === -1 ? '' : path.slice(0, i);
}

/** The href that leads from `fromPath` to `toPath` (both relative to the root): `erp/ops.md`, `crm/api.md` → `../crm/api.md`. */
export function relativeHref(fromPath: string, toPath: string): string {
	const from = dirnameOf(fromPath).split('/').filter(Boolean);
	const to = toPath.split('/').filter(Boolean);
	let common = 0;
	while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
	return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/') || '.';
}

export interface ResolvedLink {
	/** Target path relative to the tree root, normalised (`a/../b` → `b`); `''` is the root folder. */
	path: string;
	/** Decoded fragment without `#`, or `''`. */
	hash: string;
	/** The target walks above the tree root (`../../README.md` from one level down). */
	escapesRoot: boolean;
}

/** Hrefs with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`). */
function isExternalHref(href: string): boolean {
	return /^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//');
}

/**
 * Resolves an href written in `fromPath` against the tree, the way a git forge does: relative to
 * the page's folder, or, when it starts with `/`, to the tree's root (`/docs/x.md`, `/test`).
 * Returns `undefined` for external hrefs, which this resolver does not own.
 */
export function resolveRelativeHref(fromPath: string, href: string): ResolvedLink | undefined {
	if (isExternalHref(href)) return undefined;
	const hashAt = href.indexOf('#');
	const rawPath = (hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, '');
	const rawHash = hashAt === -1 ? '' : href.slice(hashAt + 1);
	const stack = href.startsWith('/') ? [] : dirnameOf(fromPath).split('/');
	let escapesRoot = false;
	if (rawPath !== '') {
		for (const part of safeDecode(rawPath).split('/')) {
			if (part === '' || part === '.') continue;
			if (part === '..') {
				if (stack.filter(Boolean).length === 0) escapesRoot = true;
				else stack.pop();
				continue;
			}
			stack.push(part);
		}
	}
	const joined = stack.filter(Boolean).join('/');
	// `#anchor` alone points into the page itself, not its folder.
	const path = rawPath === '' ? fromPath : joined;
	return { path, hash: safeDecode(rawHash), escapesRoot };
}

/**
 * Docusaurus reads a link without a page extension (`docuseal`, `../crm/login-503#ready`) as a URL
 * relative to the page's own URL, which it serves without a trailing slash: from the page at
 * `/erpnext/queue-backlog/`, `docuseal` is `/erpnext/docuseal/`. The route it names and its decoded
 * fragment; `undefined` for external, root-absolute, same-page and page-file hrefs.
 */
export function resolveRouteRelativeHref(
	fromRoute: string,
	href: string,
): { route: string; hash: string } | undefined {
	if (isExternalHref(href) || href.startsWith('/') || href.startsWith('#')) return undefined;
	const hashAt = href.indexOf('#');
	const rawPath = (hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, '');
	if (rawPath === '' || isPageFile(rawPath)) return undefined;
	const stack = fromRoute.split('/').filter(Boolean).slice(0, -1);
	for (const part of safeDecode(rawPath).split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') stack.pop();
		else stack.push(part);
	}
	return {
		route: stack.length === 0 ? '/' : `/${stack.join('/')}/`,
		hash: safeDecode(hashAt === -1 ? '' : href.slice(hashAt + 1)),
	};
}

/** `base/path` (both `/`-separated) with `.` and `..` applied; `undefined` when it climbs above `base`'s top. */
export function joinPath(base: string, path: string): string | undefined {
	const stack = base.split('/').filter(Boolean);
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part !== '..') stack.push(part);
		else if (stack.pop() === undefined) return undefined;
	}
	return stack.join('/');
}

/** `decodeURIComponent`, or the value as written when it is not valid percent-encoding. */
export function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

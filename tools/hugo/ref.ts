import type { HugoLinks } from './links.ts';
import { byLowerCasePath, hugoPathInRoot } from './content-paths.ts';
import { dirnameOf, joinPath, relativeHref, resolveRelativeHref } from '../../markdown/routes.ts';
import { hugoRouteForPath } from './pages.ts';

/**
 * The Hugo site's content around the root, when the root is one part of it (`content/v2.3`,
 * served at `/v2.3/`): the root's URL there, and the pages outside it by their path in the content
 * (`cli/v2.3/_index.md`). A `ref` looks pages up in the whole content.
 */
export interface HugoContent {
	rootUrl: string;
	pages: ReadonlySet<string>;
}

const contents = new WeakMap<HugoLinks, HugoContent>();

/** The content around the root a Hugo site's links record (`HugoLinks.contentPages`), as a parse reads it; none when the root is the whole content. */
export function hugoContentOf(links: HugoLinks): { hugoContent?: HugoContent } {
	if (links.rootUrl === undefined || !links.contentPages?.length) return {};
	let content = contents.get(links);
	if (!content)
		contents.set(links, (content = { rootUrl: links.rootUrl, pages: new Set(links.contentPages) }));
	return { hugoContent: content };
}

/**
 * What a `ref`/`relref` shows where it is text (in code): the URL of the page it names, in the
 * root (its route on this site) or outside it (its URL in the content, each segment
 * percent-encoded), its `#fragment` kept; `undefined` when no page matches. Hugo's own URL may
 * differ in case: it lower-cases paths, and this keeps the file's.
 */
export function hugoRefUrl(
	shortcodeTarget: string,
	fromPath: string,
	pages: ReadonlySet<string>,
	content?: HugoContent,
): string | undefined {
	const hashAt = shortcodeTarget.indexOf('#');
	const hash = hashAt === -1 ? '' : shortcodeTarget.slice(hashAt);
	const found = resolveHugoRef(
		hashAt === -1 ? shortcodeTarget : shortcodeTarget.slice(0, hashAt),
		fromPath,
		pages,
		content,
	);
	if (!found) return undefined;
	return `${'page' in found ? hugoRouteForPath(found.page) : contentPageUrl(found.outside)}${hash}`;
}

/**
 * The page a Hugo `ref`/`relref` names, the way Hugo looks it up: `/path` from the content root,
 * else relative to the page, then from the content root, then by name anywhere (`contentBaseName`); with or
 * without `.md`, a folder meaning its `_index.md` (or a bundle's `index.md`). Case-insensitive,
 * like Hugo's page lookup. A page of the root (`page`), or with the site's content known
 * (`content`) one outside it (`outside`, its path in the content); `undefined` when no page
 * matches (Hugo's REF_NOT_FOUND). The root is looked in first, and `/path` read from the root too,
 * as Waymark reads a root that is the whole content: a tree whose refs work on Hugo never loses one.
 */
function resolveHugoRef(
	target: string,
	fromPath: string,
	pages: ReadonlySet<string>,
	content?: HugoContent,
): { page: string } | { outside: string } | undefined {
	const inRootPages = (path: string | undefined) =>
		path === undefined ? undefined : findPage(path, pages);
	// A path of the content (`v2.3/ops/x`, `cli/v2.3`): the root's page when it leads into the root, else one outside it.
	const inContent = (
		path: string | undefined,
	): { page: string } | { outside: string } | undefined => {
		if (path === undefined || content === undefined) return undefined;
		const own = hugoPathInRoot(path, content.rootUrl);
		const page = own === undefined ? undefined : inRootPages(own);
		if (page) return { page };
		const outside = own === undefined ? findPage(path, content.pages) : undefined;
		return outside ? { outside } : undefined;
	};
	const page = (found: string | undefined) => (found ? { page: found } : undefined);
	if (target === '') return { page: fromPath };
	if (target.startsWith('/'))
		return page(inRootPages(normalise(target.slice(1)))) ?? inContent(joinPath('', target));
	const relative = resolveRelativeHref(fromPath, target);
	const fromFolder =
		relative && !relative.escapesRoot
			? page(inRootPages(relative.path))
			: content
				? inContent(joinPath(`${content.rootUrl}${dirnameOf(fromPath)}`, target))
				: undefined;
	const found =
		fromFolder ??
		page(inRootPages(normalise(target))) ??
		(target.startsWith('.') ? undefined : inContent(joinPath('', target)));
	if (found || target.includes('/')) return found;
	const name = target.replace(/\.mdx?$/i, '').toLowerCase();
	const byName = nameIndex(pages).get(name) ?? [];
	if (byName.length === 1) return { page: byName[0]! };
	const outside = byName.length === 0 && content ? (nameIndex(content.pages).get(name) ?? []) : [];
	return outside.length === 1 ? { outside: outside[0]! } : undefined;
}

/** The page of `pages` a path names (`x` → `x.md`, `x/_index.md`, `x/index.md`), in any case. */
function findPage(path: string, pages: ReadonlySet<string>): string | undefined {
	const byLowerCase = byLowerCasePath(pages);
	const trimmed = path.replace(/\/+$/, '');
	const candidates = /\.mdx?$/i.test(trimmed)
		? [trimmed]
		: [`${trimmed}.md`, `${trimmed}/_index.md`, `${trimmed}/index.md`, trimmed];
	for (const candidate of candidates) {
		const found = byLowerCase.get(candidate.replace(/^\/+/, '').toLowerCase());
		if (found) return found;
	}
	return undefined;
}

/**
 * The name Hugo's lookup by name knows a page by (`ContentBaseName`, its reverse index's key): the
 * file's name without extension, or for a bundle (`_index.md`, `index.md`) its folder's name, so
 * `{{< ref bindings >}}` reaches `bindings/_index.md`. Two pages of one name are Hugo's ambiguous
 * reference, which finds neither.
 */
function contentBaseName(page: string): string {
	const parts = page.toLowerCase().split('/');
	const name = (parts.pop() ?? '').replace(/\.mdx?$/, '');
	return name === 'index' || name === '_index' ? (parts.pop() ?? '') : name;
}

/**
 * The href a `ref` becomes in the page: relative to it, so the checks and the site resolve it like
 * any link. A page of the site's content outside the root (`/cli/v2.3`, `../../v1.20/concepts/x`
 * from `content/v2.3`) becomes its URL on the site (`/cli/v2.3/`), which the checks find among the
 * repository's files as they do a link written as that URL (`hugoFilesBeyondRoot`). A ref that
 * finds no page anywhere stays a path from the page, which `internal-links` reports at its line.
 */
export function hrefForHugoRef(
	shortcodeTarget: string,
	fromPath: string,
	pages: ReadonlySet<string>,
	content?: HugoContent,
): { href: string; found: boolean } {
	const hashAt = shortcodeTarget.indexOf('#');
	const target = hashAt === -1 ? shortcodeTarget : shortcodeTarget.slice(0, hashAt);
	const hash = hashAt === -1 ? '' : shortcodeTarget.slice(hashAt);
	if (target === '') return { href: hash || '#', found: true };
	const found = resolveHugoRef(target, fromPath, pages, content);
	if (found && 'outside' in found)
		return { href: `${contentPageUrl(found.outside)}${hash}`, found: true };
	if (found)
		return {
			href:
				found.page === fromPath
					? `${found.page.split('/').pop() ?? found.page}${hash}`
					: `${relativeHref(fromPath, found.page)}${hash}`,
			found: true,
		};
	// A path through the content into the root (`/v2.3/ops/gone`) is reported as the root's own (`ops/gone`).
	const fromTop = target.startsWith('/') ? normalise(target.slice(1)) : undefined;
	const own =
		fromTop !== undefined && content ? hugoPathInRoot(fromTop, content.rootUrl) : undefined;
	const written =
		own !== undefined
			? relativeHref(fromPath, own || '.')
			: fromTop !== undefined
				? relativeHref(fromPath, fromTop || '.')
				: target;
	return { href: `${written}${hash}`, found: false };
}

/** The URL Hugo gives a page of its content (`cli/v2.3/_index.md` → `/cli/v2.3/`), its path's case kept for the checks, which find its file. */
function contentPageUrl(path: string): string {
	const url = path.replace(/\.mdx?$/i, '').replace(/(?:^|\/)_?index$/i, '');
	return `/${url.split('/').map(encodeURIComponent).join('/')}${url === '' ? '' : '/'}`;
}

const nameIndexes = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();
/** Pages by the name Hugo's lookup by name knows them by, built once per set (a site's content may hold tens of thousands). */
function nameIndex(pages: ReadonlySet<string>): Map<string, string[]> {
	let index = nameIndexes.get(pages);
	if (!index) {
		nameIndexes.set(pages, (index = new Map<string, string[]>()));
		for (const page of pages) {
			const name = contentBaseName(page);
			const same = index.get(name);
			if (same) same.push(page);
			else index.set(name, [page]);
		}
	}
	return index;
}

function normalise(path: string): string {
	const resolved = resolveRelativeHref('', path);
	return resolved && !resolved.escapesRoot ? resolved.path : path;
}

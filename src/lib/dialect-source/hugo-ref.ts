import { dirnameOf, joinPath, relativeHref, resolveRelativeHref } from '../routes.ts';

/** The page a `ref`/`relref` names, its `#fragment` aside (`resolveHugoRef`); `undefined` for none. */
export function hugoRefPage(shortcodeTarget: string, fromPath: string, pages: ReadonlySet<string>, rootUrl?: string): string | undefined {
	const hashAt = shortcodeTarget.indexOf('#');
	return resolveHugoRef(hashAt === -1 ? shortcodeTarget : shortcodeTarget.slice(0, hashAt), fromPath, pages, rootUrl);
}

/**
 * The page a Hugo `ref`/`relref` names, the way Hugo looks it up: `/path` from the content root,
 * else relative to the page, then from the content root, then by name anywhere (`contentBaseName`); with or
 * without `.md`, a folder meaning its `_index.md` (or a bundle's `index.md`). Case-insensitive,
 * like Hugo's page lookup. `undefined` when no page matches (Hugo's REF_NOT_FOUND).
 */
function resolveHugoRef(target: string, fromPath: string, pages: ReadonlySet<string>, rootUrl?: string): string | undefined {
	const byLowerCase = lowerCaseIndex(pages);
	const find = (base: string): string | undefined => {
		const trimmed = base.replace(/\/+$/, '');
		const candidates = /\.mdx?$/i.test(trimmed) ? [trimmed] : [`${trimmed}.md`, `${trimmed}/_index.md`, `${trimmed}/index.md`, trimmed];
		for (const candidate of candidates) {
			const found = byLowerCase.get(candidate.replace(/^\/+/, '').toLowerCase());
			if (found) return found;
		}
		return undefined;
	};
	// A path through the site's content back into the root (`/v2.3/ops/x`, `../../v2.3/ops/x` in
	// `/v2.3/`) names the root's own page.
	const throughContent = (path: string | undefined): string | undefined => {
		const own = path === undefined ? undefined : inRoot(path, rootUrl);
		return own === undefined ? undefined : find(own);
	};
	if (target === '') return fromPath;
	if (target.startsWith('/')) return find(normalise(target.slice(1))) ?? throughContent(normalise(target.slice(1)));
	const relative = resolveRelativeHref(fromPath, target);
	const inContent = relative?.escapesRoot && rootUrl !== undefined ? joinPath(`${rootUrl}${dirnameOf(fromPath)}`, target) : undefined;
	const found = (relative && !relative.escapesRoot ? find(relative.path) : undefined) ?? throughContent(inContent) ?? find(normalise(target));
	if (found || target.includes('/')) return found;
	const name = target.replace(/\.mdx?$/i, '').toLowerCase();
	const byName = [...pages].filter((page) => contentBaseName(page) === name);
	return byName.length === 1 ? byName[0] : undefined;
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
 * any link. A `ref` no page of the root answers may name a page of the site's content outside the
 * root (`/cli/v2.3`, `../../v1.20/concepts/x` from `content/v2.3`): with the root's URL on its Hugo
 * site known (`rootUrl`, `/v2.3/`), it becomes that page's URL on the site (`/cli/v2.3/`), which the
 * checks look up among the repository's files as they do a link written as that URL
 * (`hugoFilesBeyondRoot`).
 */
export function hrefForHugoRef(shortcodeTarget: string, fromPath: string, pages: ReadonlySet<string>, rootUrl?: string): { href: string; found: boolean } {
	const hashAt = shortcodeTarget.indexOf('#');
	const target = hashAt === -1 ? shortcodeTarget : shortcodeTarget.slice(0, hashAt);
	const hash = hashAt === -1 ? '' : shortcodeTarget.slice(hashAt);
	if (target === '') return { href: hash || '#', found: true };
	const page = resolveHugoRef(target, fromPath, pages, rootUrl);
	if (page) return { href: page === fromPath ? `${page.split('/').pop() ?? page}${hash}` : `${relativeHref(fromPath, page)}${hash}`, found: true };
	const beyond = rootUrl === undefined ? undefined : urlBeyondRoot(target, fromPath, rootUrl);
	if (beyond) return { href: `${beyond}${hash}`, found: false };
	// Written as a relative path from the page, so `internal-links` reports it at its line: a path
	// through the content into the root (`/v2.3/ops/gone`) as the root's own (`ops/gone`).
	const fromTop = target.startsWith('/') ? normalise(target.slice(1)) : undefined;
	const leaves = rootUrl !== undefined && (fromTop !== undefined || resolveRelativeHref(fromPath, target)?.escapesRoot === true);
	const own = leaves ? inRoot(fromTop ?? joinPath(`${rootUrl}${dirnameOf(fromPath)}`, target) ?? '', rootUrl) : undefined;
	const written = own !== undefined ? relativeHref(fromPath, own || '.') : fromTop !== undefined ? relativeHref(fromPath, fromTop || '.') : target;
	return { href: `${written}${hash}`, found: false };
}

/** A path from the content's top as a path in the root (`v2.3/ops/backup` → `ops/backup` in `/v2.3/`); `undefined` outside it. */
function inRoot(path: string, rootUrl: string | undefined): string | undefined {
	const root = rootUrl?.split('/').filter(Boolean) ?? [];
	const parts = path.split('/');
	return root.length > 0 && root.every((segment, i) => parts[i] === segment) ? parts.slice(root.length).join('/') : undefined;
}

/**
 * The site URL of the content page `target` names when Hugo's lookup leaves the root for it: from
 * the page's folder in the content (a path starting with `.` only that way), else from the content
 * root. `undefined` when it stays in the root (a page missing there: reported as such) or leaves
 * the content.
 */
function urlBeyondRoot(target: string, fromPath: string, rootUrl: string): string | undefined {
	const root = rootUrl.split('/').filter(Boolean);
	if (root.length === 0) return undefined;
	const fromPage = target.startsWith('/') ? undefined : joinPath(`${rootUrl}${dirnameOf(fromPath)}`, target);
	const fromTop = target.startsWith('.') ? undefined : joinPath('', target);
	const outside = [fromPage, fromTop].find((path) => path !== undefined && path !== '' && inRoot(path, rootUrl) === undefined);
	if (outside === undefined) return undefined;
	// A page's URL: its path without `.md`, a bundle's (`_index.md`, `index.md`) its folder's.
	const url = outside.replace(/\.mdx?$/i, '').replace(/(?:^|\/)_?index$/i, '');
	return `/${url}${url === '' ? '' : '/'}`;
}

const lowerCaseIndexes = new WeakMap<ReadonlySet<string>, Map<string, string>>();
function lowerCaseIndex(pages: ReadonlySet<string>): Map<string, string> {
	let index = lowerCaseIndexes.get(pages);
	if (!index) lowerCaseIndexes.set(pages, (index = new Map([...pages].map((page) => [page.toLowerCase(), page]))));
	return index;
}

function normalise(path: string): string {
	const resolved = resolveRelativeHref('', path);
	return resolved && !resolved.escapesRoot ? resolved.path : path;
}

import { relativeHref, resolveRelativeHref } from '../routes.ts';

/** The page a `ref`/`relref` names, its `#fragment` aside (`resolveHugoRef`); `undefined` for none. */
export function hugoRefPage(shortcodeTarget: string, fromPath: string, pages: ReadonlySet<string>): string | undefined {
	const hashAt = shortcodeTarget.indexOf('#');
	return resolveHugoRef(hashAt === -1 ? shortcodeTarget : shortcodeTarget.slice(0, hashAt), fromPath, pages);
}

/**
 * The page a Hugo `ref`/`relref` names, the way Hugo looks it up: `/path` from the content root,
 * else relative to the page, then from the content root, then by name anywhere (`contentBaseName`); with or
 * without `.md`, a folder meaning its `_index.md` (or a bundle's `index.md`). Case-insensitive,
 * like Hugo's page lookup. `undefined` when no page matches (Hugo's REF_NOT_FOUND).
 */
function resolveHugoRef(target: string, fromPath: string, pages: ReadonlySet<string>): string | undefined {
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
	if (target === '') return fromPath;
	if (target.startsWith('/')) return find(normalise(target.slice(1)));
	const relative = resolveRelativeHref(fromPath, target);
	const found = (relative && !relative.escapesRoot ? find(relative.path) : undefined) ?? find(normalise(target));
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

/** The href a `ref` becomes in the page: relative to it, so the checks and the site resolve it like any link. */
export function hrefForHugoRef(shortcodeTarget: string, fromPath: string, pages: ReadonlySet<string>): { href: string; found: boolean } {
	const hashAt = shortcodeTarget.indexOf('#');
	const target = hashAt === -1 ? shortcodeTarget : shortcodeTarget.slice(0, hashAt);
	const hash = hashAt === -1 ? '' : shortcodeTarget.slice(hashAt);
	if (target === '') return { href: hash || '#', found: true };
	const page = resolveHugoRef(target, fromPath, pages);
	if (page) return { href: page === fromPath ? `${page.split('/').pop() ?? page}${hash}` : `${relativeHref(fromPath, page)}${hash}`, found: true };
	// Written as a relative path from the page, so `internal-links` reports it at its line.
	const written = target.startsWith('/') ? relativeHref(fromPath, normalise(target.slice(1)) || '.') : target;
	return { href: `${written}${hash}`, found: false };
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

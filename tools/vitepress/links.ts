import { dirnameOf, joinPath, safeDecode } from '../../markdown/routes.ts';
import { publishedPath, srcPathOf, type VitepressPlace } from './pages.ts';

/** Every page of the root by the path VitePress publishes it at, in `srcDir`. */
export function pagesByPublishedPath(
	pages: Iterable<string>,
	place: VitepressPlace,
): Map<string, string> {
	const byPublished = new Map<string, string>();
	for (const page of pages) {
		const src = srcPathOf(page, place);
		if (src !== undefined) byPublished.set(publishedPath(src, place.rewrites), page);
	}
	return byPublished;
}

/**
 * The page a link reaches on the VitePress site, as its router resolves it: relative to the page's
 * published path (after `rewrites`), `/x` from `srcDir`'s top (the `base` left out when written),
 * `x.md`, `x.html` and `x` the page `x.md`, `x/` its `index.md`. `undefined` when it names no page.
 */
export function vitepressPageOf(
	fromPath: string,
	href: string,
	place: VitepressPlace,
	byPublished: ReadonlyMap<string, string>,
): { path: string; hash: string } | undefined {
	if (/^[a-z][a-z\d+.-]*:|^\/\/|^#|^\?/i.test(href) || href === '') return undefined;
	const hashAt = href.search(/[?#]/);
	const hash = hashAt === -1 ? '' : href.slice(hashAt).replace(/^\?[^#]*/, '');
	let path = safeDecode(hashAt === -1 ? href : href.slice(0, hashAt));
	if (path.startsWith('/') && place.base !== '/' && (path + '/').startsWith(place.base))
		path = path.slice(place.base.length - 1);
	const fromSrc = srcPathOf(fromPath, place);
	if (fromSrc === undefined) return undefined;
	const from = publishedPath(fromSrc, place.rewrites);
	const joined = path.startsWith('/') ? path.replace(/^\/+/, '') : joinPath(dirnameOf(from), path);
	if (joined === undefined) return undefined;
	const target = path.endsWith('/') && joined !== '' ? `${joined}/` : joined;
	const candidates =
		target === '' || target.endsWith('/')
			? [`${target}index.md`]
			: /\.md$/i.test(target)
				? [target]
				: /\.html$/i.test(target)
					? [target.replace(/\.html$/i, '.md')]
					: /\.[A-Za-z0-9]{1,5}$/.test(target)
						? []
						: [`${target}.md`, `${target}/index.md`];
	for (const candidate of candidates) {
		const page = byPublished.get(candidate);
		if (page !== undefined)
			return { path: page, hash: hash.startsWith('#') ? safeDecode(hash.slice(1)) : '' };
	}
	return undefined;
}

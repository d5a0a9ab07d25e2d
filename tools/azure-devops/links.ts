import { dirnameOf, joinPath, safeDecode } from '../../markdown/routes.ts';
import { wikiKey, wikiPathKey } from './page-names.ts';

/** Every page of the root by its path as the wiki matches it (`wikiPathKey`), from the wiki's top. */
export function pagesByWikiPath(pages: Iterable<string>, rootInWiki: string): Map<string, string> {
	const byKey = new Map<string, string>();
	for (const page of pages) {
		const key = wikiPathKey(rootInWiki + page);
		if (!byKey.has(key)) byKey.set(key, page);
	}
	return byKey;
}

/**
 * The page a link reaches on the wiki: `/Team%20Docs/Page` (a page path from the wiki's top, its
 * spaces written as `%20`, `-` or as they are, `.md` or not), or a path relative to the page's
 * folder (`./Page.md`, `../Team-Docs/Page`). `undefined` when it names no page.
 */
export function wikiPageOf(
	fromPath: string,
	href: string,
	rootInWiki: string,
	byKey: ReadonlyMap<string, string>,
): { path: string; hash: string } | undefined {
	if (/^[a-z][a-z\d+.-]*:|^\/\/|^#|^\?/i.test(href) || href === '') return undefined;
	const hashAt = href.search(/[?#]/);
	const hash = hashAt === -1 ? '' : href.slice(hashAt).replace(/^\?[^#]*/, '');
	const written = hashAt === -1 ? href : href.slice(0, hashAt);
	const from = written.startsWith('/') ? '' : dirnameOf(rootInWiki + fromPath);
	const joined = joinPath(from, written);
	if (joined === undefined || joined === '') return undefined;
	const page = byKey.get(joined.split('/').map(wikiKey).join('/'));
	return page === undefined
		? undefined
		: { path: page, hash: hash.startsWith('#') ? safeDecode(hash.slice(1)) : '' };
}

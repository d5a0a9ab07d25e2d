import { safeDecode } from '../../markdown/routes.ts';

/**
 * A wiki page's title from its file name, as Azure DevOps names it: `-` stands for a space and
 * `%2D`-style escapes for the characters a file name cannot hold or that would read as a space
 * (`Run%2Dbook%3A-restore.md` is the page "Run-book: restore").
 */
export function wikiTitle(name: string): string {
	return safeDecode(name.replace(/\.md$/i, '').replace(/-/g, ' '));
}

/**
 * A path segment as the wiki matches it against its pages: decoded, in lower case, each run of
 * spaces and hyphens one `-`. A page's file name (`Team-Docs`, `Run%2Dbook`) and the ways a link
 * writes its path (`Team%20Docs`, `Team-Docs`, `Team Docs`) meet there.
 */
export function wikiKey(segment: string): string {
	return safeDecode(segment.replace(/\.md$/i, ''))
		.toLowerCase()
		.replace(/[\s-]+/g, '-');
}

/** A page's path (relative to the wiki's root) as keys, `/`-joined. */
export const wikiPathKey = (path: string): string =>
	path.split('/').filter(Boolean).map(wikiKey).join('/');

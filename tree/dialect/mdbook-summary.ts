import type { PageModel } from '../parse-page.ts';
import type { NavEntry } from './mkdocs-nav-config.ts';

/**
 * The book's chapters in `SUMMARY.md`'s order, as mdBook's sidebar lists them: every link to a
 * page of the tree, prefix, numbered and suffix chapters alike, named by its link's text. A draft
 * chapter (`[Title]()`), a link out of the book and a second link to one chapter add nothing.
 * Read from the page's links, which the tree has parsed already, in the order they are written.
 */
export function summaryNavigation(summary: Pick<PageModel, 'links'>, pages: ReadonlySet<string>): NavEntry[] {
	const entries: NavEntry[] = [];
	const seen = new Set<string>();
	for (const link of summary.links) {
		if (link.kind !== 'link') continue;
		const path = chapterPath(link.url, pages);
		if (path === undefined || seen.has(path)) continue;
		seen.add(path);
		entries.push({ kind: 'page', path, ...(link.text.trim() !== '' && { title: link.text.trim() }) });
	}
	return entries;
}

/** The page a summary link names: a path from the book's `src`, as written or percent-decoded. */
function chapterPath(url: string, pages: ReadonlySet<string>): string | undefined {
	const written = url.replace(/[?#].*$/s, '');
	if (written === '' || /^[a-z][a-z\d+.-]*:|^\/\//i.test(written)) return undefined;
	const path = written.split('/').filter((part) => part !== '' && part !== '.').join('/');
	if (pages.has(path)) return path;
	try {
		const decoded = decodeURIComponent(path);
		return pages.has(decoded) ? decoded : undefined;
	} catch {
		return undefined;
	}
}

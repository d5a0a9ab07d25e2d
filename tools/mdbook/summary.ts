import type { Nodes, Parent, Root } from 'mdast';
import type { NavEntry } from '../mkdocs/nav-config.ts';
import { mkdocsNavigation, type NavPage } from '../mkdocs/nav.ts';
import type { PageNav } from '../page-nav.ts';

/**
 * A summary's chapters as the sidebar (mdBook's `SUMMARY.md`, GitBook's), read as an MkDocs `nav`
 * of pages: a page it leaves out is built but listed nowhere, so a link to it still lands.
 */
export function summarySidebar(
	pages: readonly NavPage[],
	chapters: readonly NavEntry[] | undefined,
): Map<string, PageNav> {
	if (!chapters) return new Map<string, PageNav>();
	const present = new Set(pages.map((page) => page.path));
	return mkdocsNavigation(
		pages,
		{
			navigation: {
				nav: chapters.filter((entry) => entry.kind !== 'page' || present.has(entry.path)),
			},
			notInNav: [],
			rootPath: '',
		},
		new Map(),
	);
}

/**
 * The book's chapters in `SUMMARY.md`'s order, as mdBook's summary parser reads the file: the links
 * of its prefix and suffix paragraphs, and the first link of each list item, nested items after
 * their parent; part titles, separators and anything else add no chapter. A chapter is named by
 * its link's text and code (mdBook drops HTML), and found by its path with `%20` read as a space,
 * as mdBook reads it. A draft chapter (`[Title]()`), a link out of the book and a second link to
 * one chapter add nothing. Read from the file as written (mdBook reads it before any
 * preprocessor), parsed as a page is (`parseMarkdown`), so a hostile summary is bounded as a page is (its nesting
 * cut at `maxNestingDepth`); walked without recursion.
 */
export function summaryNavigation(
	text: string,
	pages: ReadonlySet<string>,
	parseMarkdown: (path: string, text: string) => Root,
): NavEntry[] {
	const root = parseMarkdown('SUMMARY.md', text);
	const definitions = new Map<string, string>();
	for (const node of root.children)
		if (node.type === 'definition') definitions.set(node.identifier, node.url);
	const entries: NavEntry[] = [];
	const seen = new Set<string>();
	const add = (link: Nodes | undefined) => {
		const url =
			link?.type === 'link'
				? link.url
				: link?.type === 'linkReference'
					? definitions.get(link.identifier)
					: undefined;
		const path = url === undefined ? undefined : chapterPath(url, pages);
		if (!link || path === undefined || seen.has(path)) return;
		seen.add(path);
		const title = labelOf(link).trim();
		entries.push({ kind: 'page', path, ...(title !== '' && { title }) });
	};
	// Depth first, in document order: an item's link, then its nested items, then the next item.
	const stack: Nodes[] = [];
	pushReversed(stack, root.children);
	for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
		if (node.type === 'paragraph') node.children.filter(isLink).forEach(add);
		else if (node.type === 'list') pushReversed(stack, node.children);
		else if (node.type === 'listItem') {
			const first = node.children.find((child) => child.type === 'paragraph');
			if (first?.type === 'paragraph') add(first.children.find(isLink));
			pushReversed(
				stack,
				node.children.filter((child) => child.type === 'list'),
			);
		}
	}
	return entries;
}

/**
 * The pages of `pages` mdBook builds no page for: every Markdown file the summary's chapters
 * (`entries`) leave out, but the summary itself, which Waymark keeps as a page (the forge shows it,
 * and its links are checked). mdBook renders the chapters its summary lists, and copies every other
 * file of `src` but Markdown (`copy_files_except_ext(…, &["md"])`), so such a file has no URL on
 * the book's site: a template, a draft, notes kept beside the book.
 */
export function unlistedChapters(
	entries: readonly NavEntry[],
	pages: Iterable<string>,
	summary: string,
): string[] {
	const listed = new Set(entries.flatMap((entry) => (entry.kind === 'page' ? [entry.path] : [])));
	// A summary that lists no chapter of the tree (empty, or nothing in it read as one) would leave
	// a site of one page: the pages stay, as in a tree without a summary.
	if (listed.size === 0) return [];
	return [...pages].filter((path) => path !== summary && !listed.has(path));
}

/** `items` onto `stack` last first, so they come off in order; one by one, as a list may be longer than a call's arguments. */
function pushReversed(stack: Nodes[], items: readonly Nodes[]): void {
	for (let i = items.length - 1; i >= 0; i--) stack.push(items[i] as Nodes);
}

const isLink = (node: Nodes): boolean => node.type === 'link' || node.type === 'linkReference';

/** A link's text and code, as mdBook names a chapter: HTML in it is left out. Without recursion. */
function labelOf(link: Nodes): string {
	let label = '';
	const stack: Nodes[] = [link];
	for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
		if (node.type === 'text' || node.type === 'inlineCode') label += node.value;
		else if ('children' in node) pushReversed(stack, (node as Parent).children);
	}
	return label;
}

/** The page a summary link names: a path from the book's `src`, `%20` read as a space. */
function chapterPath(url: string, pages: ReadonlySet<string>): string | undefined {
	if (url === '' || /^[a-z][a-z\d+.-]*:|^\/\//i.test(url)) return undefined;
	const path = url
		.replaceAll('%20', ' ')
		.split('/')
		.filter((part) => part !== '' && part !== '.')
		.join('/');
	return pages.has(path) ? path : undefined;
}

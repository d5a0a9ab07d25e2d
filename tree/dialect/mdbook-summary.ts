import type { List, Nodes, Paragraph } from 'mdast';
import { parseMarkdown } from '../parse-markdown.ts';
import type { NavEntry } from './mkdocs-nav-config.ts';

/**
 * The book's chapters in `SUMMARY.md`'s order, as mdBook's summary parser reads the file: the links
 * of its prefix and suffix paragraphs, and the first link of each list item, nested items after
 * their parent; part titles, separators and anything else add no chapter. A chapter is named by
 * its link's text and code (mdBook drops HTML), and found by its path with `%20` read as a space,
 * as mdBook reads it. A draft chapter (`[Title]()`), a link out of the book and a second link to
 * one chapter add nothing. Read from the file as written: mdBook reads it before any preprocessor.
 */
export function summaryNavigation(text: string, pages: ReadonlySet<string>): NavEntry[] {
	const root = parseMarkdown(text);
	const definitions = new Map<string, string>();
	for (const node of root.children) if (node.type === 'definition') definitions.set((node).identifier, (node).url);
	const entries: NavEntry[] = [];
	const seen = new Set<string>();
	const add = (link: Nodes | undefined) => {
		const url = link?.type === 'link' ? link.url : link?.type === 'linkReference' ? definitions.get(link.identifier) : undefined;
		const path = url === undefined ? undefined : chapterPath(url, pages);
		if (!link || path === undefined || seen.has(path)) return;
		seen.add(path);
		const title = labelOf(link).trim();
		entries.push({ kind: 'page', path, ...(title !== '' && { title }) });
	};
	const readList = (list: List) => {
		for (const item of list.children) {
			const first = item.children.find((child): child is Paragraph => child.type === 'paragraph');
			add(first?.children.find(isLink));
			for (const child of item.children) if (child.type === 'list') readList(child);
		}
	};
	for (const node of (root).children) {
		if (node.type === 'paragraph') node.children.filter(isLink).forEach(add);
		else if (node.type === 'list') readList(node);
	}
	return entries;
}

const isLink = (node: Nodes): boolean => node.type === 'link' || node.type === 'linkReference';

/** A link's text and code, as mdBook names a chapter: HTML in it is left out. */
function labelOf(node: Nodes): string {
	if (node.type === 'text' || node.type === 'inlineCode') return node.value;
	return 'children' in node ? (node.children as Nodes[]).map(labelOf).join('') : '';
}

/** The page a summary link names: a path from the book's `src`, `%20` read as a space. */
function chapterPath(url: string, pages: ReadonlySet<string>): string | undefined {
	if (url === '' || /^[a-z][a-z\d+.-]*:|^\/\//i.test(url)) return undefined;
	const path = url.replaceAll('%20', ' ').split('/').filter((part) => part !== '' && part !== '.').join('/');
	return pages.has(path) ? path : undefined;
}

import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';

/** One page in the offline copy's search index: its file, title and searchable words. */
export interface OfflineSearchEntry {
	/** The page's file in the copy, `ops/db/index.html`. */
	file: string;
	title: string;
	text: string;
}

/**
 * The part of a built page the search box finds, as Pagefind indexes it (integration/pagefind-index.ts):
 * the text of `[data-pagefind-body]`, without diagram sources and `[data-pagefind-ignore]`; the
 * title is the page's `<h1>`. A page without that body (the 404 and status pages) is not searched.
 */
export function searchEntry(file: string, html: string): OfflineSearchEntry | undefined {
	const tree = fromHtml(html);
	const body = find(tree, (element) => element.properties['dataPagefindBody'] !== undefined);
	if (!body) return undefined;
	prune(body);
	const heading = find(body, (element) => element.tagName === 'h1');
	const title = (
		heading
			? toString(heading)
			: toString(find(tree, (element) => element.tagName === 'title') ?? body)
	)
		.replace(/\s+/g, ' ')
		.trim();
	return { file, title, text: toString(body).replace(/\s+/g, ' ').trim() };
}

/**
 * The index as a classic script (`file://` lets a page load a script, never `fetch` a file):
 * `window.waymarkOfflineIndex = [...]`, entries in file order. `</` is escaped so no page's text
 * can end the script.
 */
export function searchIndexScript(entries: OfflineSearchEntry[]): string {
	const sorted = [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
	return `window.waymarkOfflineIndex = ${JSON.stringify(sorted).replaceAll('</', '<\\/')};\n`;
}

function find(node: Root | Element, test: (element: Element) => boolean): Element | undefined {
	for (const child of node.children) {
		if (child.type !== 'element') continue;
		if (test(child)) return child;
		const found = find(child, test);
		if (found) return found;
	}
	return undefined;
}

/** Leaves out what Pagefind leaves out: `[data-pagefind-ignore]`, a diagram's mermaid source, scripts and styles. */
function prune(node: Element): void {
	node.children = node.children.filter((child) => {
		if (child.type !== 'element') return true;
		const classes = child.properties['className'];
		const isSource = Array.isArray(classes) && classes.includes('wm-diagram__source');
		if (
			child.properties['dataPagefindIgnore'] !== undefined ||
			isSource ||
			child.tagName === 'script' ||
			child.tagName === 'style'
		)
			return false;
		prune(child);
		return true;
	});
}

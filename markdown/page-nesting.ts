import { dirnameOf } from './routes.ts';

/** What nesting reads of a page (`IndexedPage`). */
interface NestedPage {
	path: string;
	route: string;
	/** The path of the page a tool lists it under. */
	parent?: string;
	hidden?: boolean;
	folderPage?: true;
}

/** Pages listed under another page rather than their folder's (`IndexedPage.parent`), as the site shows them. */
export interface Nesting<Page extends NestedPage = NestedPage> {
	/** The page each nested page is listed under, by path: only links the site keeps. */
	parentOf: ReadonlyMap<string, string>;
	/** The pages listed under each page, by its path, hidden ones left out. */
	childrenOf: ReadonlyMap<string, Page[]>;
}

/**
 * The tool's parents the site keeps. A link is dropped (the page stays in its folder's list, so
 * every page stays reachable) when the parent is missing, the page itself, hidden, or the home
 * page (which heads every list), when the page is the home page, and when it closes a loop:
 * following parents, and folder pages above pages that have none, would come back to the page.
 */
export function nestingOf<Page extends NestedPage>(pages: readonly Page[]): Nesting<Page> {
	const byPath = new Map(pages.map((page) => [page.path, page]));
	const links = new Map<string, string>();
	for (const page of pages) {
		const parent = page.parent === undefined ? undefined : byPath.get(page.parent);
		if (!parent || parent === page || parent.hidden || parent.route === '/' || page.route === '/')
			continue;
		links.set(page.path, parent.path);
	}
	// A link dropped sends its page to its folder, which may close another loop: until none is left.
	if (links.size > 0) {
		const up = folderUp(pages);
		while (dropLoops(links, up));
	}
	const childrenOf = new Map<string, Page[]>();
	for (const [path, parent] of links) {
		const page = byPath.get(path)!;
		if (page.hidden) continue;
		const children = childrenOf.get(parent) ?? [];
		children.push(page);
		childrenOf.set(parent, children);
	}
	return { parentOf: links, childrenOf };
}

/** The folder page a page is listed under when it has no parent: the nearest one above it, not the home page. */
function folderUp(pages: readonly NestedPage[]): (path: string) => string | undefined {
	const folderPages = new Map<string, string>();
	for (const page of pages)
		if (
			page.folderPage &&
			!page.hidden &&
			page.route !== '/' &&
			!folderPages.has(dirnameOf(page.path))
		)
			folderPages.set(dirnameOf(page.path), page.path);
	const byPath = new Map(pages.map((page) => [page.path, page]));
	return (path) => {
		const dir = dirnameOf(path);
		let current = byPath.get(path)?.folderPage ? dirnameOf(dir) : dir;
		for (;;) {
			const found = folderPages.get(current);
			if (found !== undefined && found !== path) return found;
			if (current === '') return undefined;
			current = dirnameOf(current);
		}
	};
}

/** Removes the links of every page on a loop of what each page is listed under, each page walked once; whether it removed any. */
function dropLoops(
	links: Map<string, string>,
	folderUp: (path: string) => string | undefined,
): boolean {
	let dropped = false;
	const up = (path: string) => links.get(path) ?? folderUp(path);
	const settled = new Set<string>();
	for (const start of [...links.keys()]) {
		const walk: string[] = [];
		const onWalk = new Set<string>();
		let at: string | undefined = start;
		while (at !== undefined && !settled.has(at) && !onWalk.has(at)) {
			walk.push(at);
			onWalk.add(at);
			at = up(at);
		}
		if (at !== undefined && onWalk.has(at))
			for (const path of walk.slice(walk.indexOf(at))) dropped = links.delete(path) || dropped;
		for (const path of walk) settled.add(path);
	}
	return dropped;
}

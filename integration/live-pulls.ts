import type { GuidebookTree } from '../tree/load-tree.ts';
import { toolNamed } from '../tools/index.ts';
import { readPageDigest } from './page-entry.ts';

/**
 * In `waymark dev`, what keeps the files pages pull in (MkDocs snippets and templates, mdBook's
 * included files) current: the tree the site renders from (its tool's data holds the records, the
 * objects the site's Markdown plugins read), and how to read the tree again.
 */
export interface LivePulls {
	tree: GuidebookTree;
	reloadTree(): Promise<GuidebookTree>;
}

/** Per page that pulls files in, a key of the page as read with them (`readPageDigest`): it changes when what they give the page does. */
export function pulledKeysOf(tree: GuidebookTree): Record<string, string> {
	const keys: Record<string, string> = {};
	for (const page of tree.pages.values())
		if (page.pulled && page.pulled.length > 0) keys[page.path] = readPageDigest(page);
	return keys;
}

/** What in a page's text may pull a file in, for the tree's tool: an edit that adds or removes one reads the tree again. */
export function pullMarkersOf(tree: Pick<GuidebookTree, 'dialect' | 'toolData'>): string[] {
	return tree.toolData ? (toolNamed(tree.dialect.name).pullMarkers?.(tree.toolData) ?? []) : [];
}

/**
 * Every file some page pulls in, and every place looked in first (a file added there changes a
 * page), from the root; one from elsewhere in the repository (`../../examples/a.toml`) is never
 * matched by the watcher, which watches the root only.
 */
export function pulledFilesOf(tree: GuidebookTree): Set<string> {
	return new Set([...tree.pages.values()].flatMap((page) => page.pulled ?? []));
}

/**
 * The tree read again, its answers put into the records the site renders from (in place: the
 * Markdown plugins hold these objects), and the pages whose key changed, their keys updated in
 * `keys`. Settings (`mkdocs.yml`'s extensions, `book.toml`) are read when `waymark dev` starts.
 */
export async function refreshPulls(
	live: LivePulls,
	keys: Record<string, string>,
): Promise<{ changed: string[]; pulled: Set<string> }> {
	const fresh = await live.reloadTree();
	const held = live.tree.toolData;
	if (held && fresh.toolData)
		toolNamed(live.tree.dialect.name).refreshPulls?.(held, fresh.toolData);
	const now = pulledKeysOf(fresh);
	const changed = [...new Set([...Object.keys(keys), ...Object.keys(now)])].filter(
		(path) => keys[path] !== now[path],
	);
	for (const path of changed) {
		const key = now[path];
		if (key === undefined) delete keys[path];
		else keys[path] = key;
	}
	return { changed, pulled: pulledFilesOf(fresh) };
}

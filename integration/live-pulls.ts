import type { TreeFiles } from '../markdown/link-target.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { readPageDigest } from './page-entry.ts';
import { mkdocsPullMarkers } from '../tools/mkdocs/source.ts';

/**
 * In `waymark dev`, what keeps the files pages pull in (MkDocs snippets and templates, mdBook's
 * included files) current: the records the site's Markdown renders them from (`files`, the
 * objects its plugins hold), and how to read the tree again.
 */
export interface LivePulls {
	files: TreeFiles;
	reloadTree(): Promise<GuidebookTree>;
}

/** Per page that pulls files in, a key of the page as read with them (`readPageDigest`): it changes when what they give the page does. */
export function pulledKeysOf(tree: GuidebookTree): Record<string, string> {
	const keys: Record<string, string> = {};
	for (const page of tree.pages.values()) if (page.pulled && page.pulled.length > 0) keys[page.path] = readPageDigest(page);
	return keys;
}

/** What in a page's text may pull a file in, for the tree's tool: an edit that adds or removes one reads the tree again. */
export function pullMarkersOf(tree: GuidebookTree): string[] {
	if (tree.mdbookIncludes) return ['{{'];
	if (tree.mkdocs) return mkdocsPullMarkers(tree.mkdocs.markdown);
	return [];
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
export async function refreshPulls(live: LivePulls, keys: Record<string, string>): Promise<{ changed: string[]; pulled: Set<string> }> {
	const fresh = await live.reloadTree();
	const { mkdocs, mdbookIncludes } = live.files;
	if (mkdocs && fresh.mkdocs) {
		replaceEntries(mkdocs.snippets, fresh.mkdocs.snippets);
		replaceEntries(mkdocs.includes, fresh.mkdocs.includes);
		if (mkdocs.markdownIncludes && fresh.mkdocs.markdownIncludes) replaceEntries(mkdocs.markdownIncludes, fresh.mkdocs.markdownIncludes);
		replaceEntries(mkdocs.icons, fresh.mkdocs.icons);
		if (fresh.mkdocs.pageBudget !== undefined) mkdocs.pageBudget = fresh.mkdocs.pageBudget;
	}
	if (mdbookIncludes && fresh.mdbookIncludes) {
		replaceEntries(mdbookIncludes.files, fresh.mdbookIncludes.files);
		mdbookIncludes.pageBudget = fresh.mdbookIncludes.pageBudget;
	}
	const now = pulledKeysOf(fresh);
	const changed = [...new Set([...Object.keys(keys), ...Object.keys(now)])].filter((path) => keys[path] !== now[path]);
	for (const path of changed) {
		const key = now[path];
		if (key === undefined) delete keys[path];
		else keys[path] = key;
	}
	return { changed, pulled: pulledFilesOf(fresh) };
}

function replaceEntries<T>(target: Record<string, T>, source: Readonly<Record<string, T>>): void {
	for (const key of Object.keys(target)) if (!Object.hasOwn(source, key)) delete target[key];
	Object.assign(target, source);
}

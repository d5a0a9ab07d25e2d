import { closest, distance } from 'fastest-levenshtein';
import { dirnameOf, generatedRouteOf, isFolderPage, resolveRelativeHref } from '../../../src/lib/routes.ts';
import type { GuidebookTree } from '../../../tree/load-tree.ts';

/** What a relative href lands on. */
type LinkTarget =
	| { kind: 'page'; path: string }
	| { kind: 'asset'; path: string }
	| { kind: 'folder'; path: string; page: string | undefined }
	| { kind: 'case-mismatch'; path: string; actual: string }
	| { kind: 'missing'; path: string; suggestion: string | undefined }
	| { kind: 'outside'; path: string };

export interface TreeIndex {
	resolve(fromPath: string, href: string): { target: LinkTarget; hash: string } | undefined;
	/** The page a folder shows (README/index), if any. */
	folderPage(folder: string): string | undefined;
}

const cache = new WeakMap<GuidebookTree, TreeIndex>();

/** Lookup tables over the tree's files, built once per tree and shared by every rule. */
export function indexTree(tree: GuidebookTree): TreeIndex {
	const cached = cache.get(tree);
	if (cached) return cached;
	const pages = new Set(tree.files.pages);
	const assets = new Set(tree.files.assets);
	const folders = new Set(tree.files.folders);
	const byLowerCase = new Map<string, string>();
	for (const path of [...pages, ...assets, ...folders]) byLowerCase.set(path.toLowerCase(), path);
	const folderPages = new Map<string, string>();
	for (const page of tree.files.pages) {
		if (!isFolderPage(page)) continue;
		const folder = dirnameOf(page);
		const current = folderPages.get(folder);
		// README wins over index, as on a forge.
		if (!current || /readme/i.test(page.split('/').pop() ?? '')) folderPages.set(folder, page);
	}
	let allPaths: string[] | undefined;

	function suggest(path: string): string | undefined {
		// A missing extension is the commonest near miss (`ops` for `ops.md`), and far in edit distance.
		for (const candidate of [`${path}.md`, `${path}.mdx`, path.replace(/\.html?$/i, '.md')]) if (candidate !== path && pages.has(candidate)) return candidate;
		allPaths ??= [...pages, ...assets, ...[...folders].filter(Boolean)];
		if (allPaths.length === 0) return undefined;
		// Prefer a neighbour in the same folder: a typo rarely changes the folder.
		const siblings = allPaths.filter((p) => dirnameOf(p) === dirnameOf(path));
		const candidate = siblings.length > 0 ? closest(path, siblings) : closest(path, allPaths);
		return distance(candidate, path) <= Math.max(2, Math.floor(path.length / 4)) ? candidate : undefined;
	}

	const index: TreeIndex = {
		folderPage: (folder) => folderPages.get(folder),
		resolve(fromPath, href) {
			const resolved = resolveRelativeHref(fromPath, href);
			if (!resolved) return undefined;
			const { path, hash } = resolved;
			if (resolved.escapesRoot) return { target: { kind: 'outside', path }, hash };
			if (generatedRouteOf(href)) return { target: { kind: 'asset', path }, hash };
			if (pages.has(path)) return { target: { kind: 'page', path }, hash };
			if (assets.has(path)) return { target: { kind: 'asset', path }, hash };
			if (folders.has(path)) return { target: { kind: 'folder', path, page: folderPages.get(path) }, hash };
			const actual = byLowerCase.get(path.toLowerCase());
			if (actual) return { target: { kind: 'case-mismatch', path, actual }, hash };
			return { target: { kind: 'missing', path, suggestion: suggest(path) }, hash };
		},
	};
	cache.set(tree, index);
	return index;
}

/** The href that leads from `fromPath` to `toPath` (both relative to the root), for "did you mean". */
export function relativeHref(fromPath: string, toPath: string): string {
	const from = dirnameOf(fromPath).split('/').filter(Boolean);
	const to = toPath.split('/').filter(Boolean);
	let common = 0;
	while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
	return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/') || '.';
}

/** Anchors of `pagePath` closest to `hash`, for "did you mean". */
export function suggestAnchor(hash: string, anchors: Iterable<string>): string | undefined {
	const list = [...anchors];
	if (list.length === 0) return undefined;
	const candidate = closest(hash, list);
	return distance(candidate, hash) <= Math.max(2, Math.floor(hash.length / 3)) ? candidate : undefined;
}

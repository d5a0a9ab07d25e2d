/**
 * Paths of a Hugo site's content, as Hugo compares them: in any case (Hugo lower-cases the paths
 * of its pages). Shared by the `ref` lookup (`ref.ts`), the site's links to
 * pages outside the root (`links.ts`) and the listing of those pages (`content.ts`).
 */

/**
 * A path from the content's top as a path in the root (`v2.3/ops/backup` → `ops/backup` in
 * `/v2.3/`); `undefined` outside it. A root that is the whole content (`/`) has nothing outside it:
 * callers ask only of a root that is one part of the content.
 */
export function hugoPathInRoot(path: string, rootUrl: string): string | undefined {
	const root = rootUrl.split('/').filter(Boolean);
	const parts = path.split('/');
	return root.length > 0 &&
		root.every((segment, i) => parts[i]?.toLowerCase() === segment.toLowerCase())
		? parts.slice(root.length).join('/')
		: undefined;
}

const lowerCaseIndexes = new WeakMap<Iterable<string>, Map<string, string>>();

/** The pages of a set or list by their lower-cased path, built once per set (a site's content may hold tens of thousands). */
export function byLowerCasePath(pages: Iterable<string>): ReadonlyMap<string, string> {
	let index = lowerCaseIndexes.get(pages);
	if (!index)
		lowerCaseIndexes.set(
			pages,
			(index = new Map([...pages].map((page) => [page.toLowerCase(), page]))),
		);
	return index;
}

/**
 * just-the-docs' page hierarchy (`_includes/components/nav/children.html`): a page is a child of
 * the page whose `title` is its `parent`. `grand_parent` keeps the candidates whose own `parent`
 * it is, `ancestor` those it names or that have it above them; a page with `has_children: false`
 * takes none; and a page with neither, whose `parent` is also a top-level page's title, is that
 * page's child only (just-the-docs keeps older three-level sites so). Where just-the-docs lists a
 * child under each of several pages, the site lists it once, under the one nearest its folder;
 * where no page matches, just-the-docs leaves it out of its sidebar and the site keeps it in its
 * folder (no parent).
 */

/** What the hierarchy reads of a page's front matter, with the config's `defaults`. */
export interface TitledPage {
	path: string;
	title?: string;
	parent?: string;
	grandParent?: string;
	ancestor?: string;
	/** `has_children: false`: no page is its child. */
	childless?: true;
}

/** Most parents followed up from a page for its `ancestor`. */
const maxAncestors = 32;

/** The page each page is listed under, by path, as just-the-docs nests them by title. */
export function parentsByTitle(pages: readonly TitledPage[]): Map<string, string> {
	const byTitle = new Map<string, TitledPage[]>();
	for (const page of pages)
		if (page.title !== undefined)
			byTitle.set(page.title, [...(byTitle.get(page.title) ?? []), page]);
	const topTitles = new Set(
		pages
			.filter((page) => page.parent === undefined && page.title !== undefined)
			.map((page) => page.title),
	);
	const parents = new Map<string, string>();
	for (const page of pages) {
		if (page.parent === undefined) continue;
		const candidates = (byTitle.get(page.parent) ?? []).filter(
			(candidate) =>
				candidate !== page &&
				!candidate.childless &&
				(page.grandParent === undefined || candidate.parent === page.grandParent) &&
				(page.ancestor === undefined ||
					candidate.title === page.ancestor ||
					titlesAbove(candidate, byTitle).has(page.ancestor)) &&
				(page.grandParent !== undefined ||
					page.ancestor !== undefined ||
					!topTitles.has(page.parent) ||
					candidate.parent === undefined),
		);
		const parent = nearest(page.path, candidates);
		if (parent) parents.set(page.path, parent.path);
	}
	return parents;
}

/** The titles above a page, following `parent` titles through every page of each title, within `maxAncestors`. */
function titlesAbove(page: TitledPage, byTitle: ReadonlyMap<string, TitledPage[]>): Set<string> {
	const titles = new Set<string>();
	let level = page.parent === undefined ? [] : [page.parent];
	for (let depth = 0; depth < maxAncestors && level.length > 0; depth++) {
		const next: string[] = [];
		for (const title of level) {
			if (titles.has(title)) continue;
			titles.add(title);
			for (const above of byTitle.get(title) ?? [])
				if (above.parent !== undefined) next.push(above.parent);
		}
		level = next;
	}
	return titles;
}

/** The candidate sharing the most folders with `path`; the first by path among equals. */
function nearest(path: string, candidates: readonly TitledPage[]): TitledPage | undefined {
	const folders = path.split('/').slice(0, -1);
	const shared = (other: string) => {
		const theirs = other.split('/').slice(0, -1);
		let count = 0;
		while (count < folders.length && folders[count] === theirs[count]) count++;
		return count;
	};
	return [...candidates].sort(
		(a, b) => shared(b.path) - shared(a.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
	)[0];
}

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

/** Most parents followed up from a page for its `ancestor`, and most levels of `ancestor` resolved through. */
const maxAncestors = 32;

/** The page each page is listed under, by path, as just-the-docs nests them by title. */
export function parentsByTitle(pages: readonly TitledPage[]): Map<string, string> {
	const byTitle = new Map<string, TitledPage[]>();
	for (const page of pages) {
		if (page.title === undefined) continue;
		const same = byTitle.get(page.title);
		if (same) same.push(page);
		else byTitle.set(page.title, [page]);
	}
	const topTitles = new Set(
		pages
			.filter((page) => page.parent === undefined && page.title !== undefined)
			.map((page) => page.title),
	);
	const resolved = new Map<TitledPage, TitledPage | undefined>();
	const resolving = new Set<TitledPage>();
	/** The titles above a page as just-the-docs nests it, within `maxAncestors`. */
	const titlesAbove = (page: TitledPage, depth: number): Set<string> => {
		const titles = new Set<string>();
		let at = parentOf(page, depth + 1);
		for (let step = 0; at && step < maxAncestors && !titles.has(at.title ?? ''); step++) {
			if (at.title !== undefined) titles.add(at.title);
			at = parentOf(at, depth + 1);
		}
		return titles;
	};
	// Memoized; `ancestor` makes a page's parent depend on its candidates' own, within `maxAncestors` levels and never on itself.
	const parentOf = (page: TitledPage, depth: number): TitledPage | undefined => {
		if (resolved.has(page)) return resolved.get(page);
		if (page.parent === undefined || resolving.has(page) || depth > maxAncestors) return undefined;
		resolving.add(page);
		const { parent, grandParent, ancestor } = page;
		const candidates = (byTitle.get(parent) ?? []).filter(
			(candidate) =>
				candidate !== page &&
				!candidate.childless &&
				(grandParent === undefined || candidate.parent === grandParent) &&
				(ancestor === undefined ||
					candidate.title === ancestor ||
					titlesAbove(candidate, depth).has(ancestor)) &&
				(grandParent !== undefined ||
					ancestor !== undefined ||
					!topTitles.has(parent) ||
					candidate.parent === undefined),
		);
		resolving.delete(page);
		const found = nearest(page.path, candidates);
		resolved.set(page, found);
		return found;
	};
	const parents = new Map<string, string>();
	for (const page of pages) {
		const parent = parentOf(page, 0);
		if (parent) parents.set(page.path, parent.path);
	}
	return parents;
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

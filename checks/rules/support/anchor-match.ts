import type { PageModel } from '../../../tree/parse-page.ts';
import { fragmentId } from '../../../markdown/anchors.ts';
import { suggestAnchor } from './tree-suggestions.ts';

/** How a link's `#fragment` compares with the ids of the page it points at. */
export type AnchorMatch =
	/** `landsOn`: the id a fragment written in another case reaches on GitHub, which looks ids up in lower case too. */
	| { kind: 'found'; landsOn?: string }
	/** GitLab before 17.0's id for a heading (repeated hyphens merged): it works there only; `current` is the id GitLab 17.0+ and GitHub give. */
	| { kind: 'legacy'; current: string }
	/** No such id; `suggestion` is an id of the page, as the forge renders it, never one that would break there. */
	| { kind: 'missing'; anchors: readonly string[]; suggestion: string | undefined };

/**
 * The one place a fragment is compared with a page's ids (heading slugs, explicit ids, HTML
 * `id`/`name`), so `internal-links`, `relations` and every other caller judge a fragment the same
 * way. The page's ids are its tool's (MkDocs: Python-Markdown's `toc` ids); a heading's id the
 * tool gave before (GitLab before 17.0) is `legacy`. `ignoreCase`: the tool's pages find a
 * fragment in any case (`ToolReading.fragmentsIgnoreCase`).
 */
export function matchAnchor(page: PageModel, fragment: string, ignoreCase = false): AnchorMatch {
	// A text fragment (`#:~:text=…`) is the browser's to find in the page's text, not an id.
	const hash = fragmentId(fragment);
	if (hash === '' || hash === 'top' || page.anchors.has(hash)) return { kind: 'found' };
	// GitHub's page script tries the fragment in lower case too (`#Motivation` reaches `## Motivation`, whose id is `motivation`); GitLab's does not.
	if (ignoreCase && page.anchors.has(hash.toLowerCase()))
		return { kind: 'found', landsOn: hash.toLowerCase() };
	const current = page.legacyAnchors?.get(hash);
	if (current) return { kind: 'legacy', current };
	return {
		kind: 'missing',
		anchors: anchorList(page),
		suggestion: suggestAnchor(hash, page.anchors),
	};
}

const lists = new WeakMap<ReadonlySet<string>, string[]>();

/** A page's ids in order, listed once per page (a page with many broken links to it asks for them again and again). */
export function anchorList(page: PageModel): readonly string[] {
	let list = lists.get(page.anchors);
	if (!list) {
		list = [...page.anchors];
		lists.set(page.anchors, list);
	}
	return list;
}

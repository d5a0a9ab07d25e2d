import type { PageModel } from '../../../tree/parse-page.ts';
import { suggestAnchor } from './tree-index.ts';

/** How a link's `#fragment` compares with the ids of the page it points at. */
export type AnchorMatch =
	| { kind: 'found' }
	/** No such id; `suggestion` is an id of the page, as the forge renders it, never one that would break there. */
	| { kind: 'missing'; anchors: string[]; suggestion: string | undefined };

/**
 * The one place a fragment is compared with a page's ids (heading slugs, explicit ids, HTML
 * `id`/`name`). Forge-specific id forms (GitLab before 17.0, MkDocs) extend this function, so
 * `internal-links`, `relations` and every other caller judge a fragment the same way.
 */
export function matchAnchor(page: PageModel, hash: string): AnchorMatch {
	if (hash === '' || hash === 'top' || page.anchors.has(hash)) return { kind: 'found' };
	const anchors = [...page.anchors];
	return { kind: 'missing', anchors, suggestion: suggestAnchor(hash, anchors) };
}

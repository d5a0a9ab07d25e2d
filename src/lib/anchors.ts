import GithubSlugger from 'github-slugger';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';

/**
 * Heading anchors, GitHub's way: lowercase, punctuation dropped, spaces to `-`, duplicates
 * suffixed `-1`, `-2`. A trailing `{#custom-id}` sets the id explicitly and is not shown.
 * Shared by the site's heading ids and the `internal-links` rule so both agree on every anchor.
 */
const explicitId = /\s*\{#([^\s}]+)\}\s*$/;

export function splitExplicitId(text: string): { text: string; id?: string } {
	const match = explicitId.exec(text);
	if (!match?.[1]) return { text };
	return { text: text.slice(0, match.index), id: match[1] };
}

/**
 * The text a heading's anchor is made from: what a reader sees, so inline HTML tags are left out
 * (`## <span>Html</span> inline` → `html-inline`, as on GitHub) and image alt text is kept.
 */
export function headingText(heading: Heading): string {
	return toString(heading, { includeHtml: false });
}

/** One slugger per page: call `slug()` for each heading in document order. */
export function createAnchorSlugger(): { slug(headingText: string): string } {
	const slugger = new GithubSlugger();
	return {
		slug(headingText) {
			const { text, id } = splitExplicitId(headingText);
			return id ?? slugger.slug(text);
		},
	};
}

import GithubSlugger from 'github-slugger';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';

/**
 * Heading anchors as a forge spells them (github-slugger: lowercase, punctuation dropped, spaces
 * to `-`, duplicates suffixed `-1`, `-2`), shared by the site's heading ids and the
 * `internal-links` rule so both agree on every anchor; a tool that spells them otherwise brings
 * its own slugger (`tools/<name>/`). A trailing `{#custom-id}` sets the id explicitly and is not shown.
 */
const whitespace = /\s/;

// As `/\s*\{#([^\s}]+)\}\s*$/` reads it, scanned once from the end: that expression retried at
// every start takes quadratic time on a long run of spaces or of ` {`.
export function splitExplicitId(text: string): { text: string; id?: string } {
	let end = text.length;
	while (end > 0 && whitespace.test(text[end - 1]!)) end--;
	const close = end - 1;
	if (text[close] !== '}') return { text };
	// The id can hold `{` and `#`, but no space and no `}`: the match lies in the run before `}`.
	let run = close;
	while (run > 0 && text[run - 1] !== '}' && !whitespace.test(text[run - 1]!)) run--;
	const open = text.indexOf('{#', run);
	if (open === -1 || open + 2 >= close) return { text };
	let cut = open;
	while (cut > 0 && whitespace.test(text[cut - 1]!)) cut--;
	return { text: text.slice(0, cut), id: text.slice(open + 2, close) };
}

/**
 * The text a heading's anchor is made from: what a reader sees, so inline HTML tags are left out
 * (`## <span>Html</span> inline` → `html-inline`, as on GitHub) and image alt text is kept.
 */
export function headingText(heading: Heading): string {
	return toString(heading, { includeHtml: false });
}

/** One slugger per page, as github-slugger spells ids (a trailing `{#id}` sets one): call `slug()` for each heading in document order. */
export function createAnchorSlugger(): { slug(headingText: string): string } {
	const slugger = new GithubSlugger();
	return {
		slug(headingText) {
			const { text, id } = splitExplicitId(headingText);
			return id ?? slugger.slug(text);
		},
	};
}

/**
 * The element id a URL fragment names: a fragment directive (`#:~:text=timeout`, `#setup:~:text=x`,
 * a text fragment browsers scroll to and highlight) is not part of it. `''` when it names none.
 */
export function fragmentId(fragment: string): string {
	const directive = fragment.indexOf(':~:');
	return directive === -1 ? fragment : fragment.slice(0, directive);
}

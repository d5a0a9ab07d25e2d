import GithubSlugger from 'github-slugger';
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Dialect } from '../../tools/dialect.ts';

/**
 * Heading anchors as the tree's forge spells them, shared by the site's heading ids and the
 * `internal-links` rule so both agree on every anchor. GitHub, GitLab 17+, Hugo (goldmark) and
 * Docusaurus: lowercase, punctuation dropped, spaces to `-`, duplicates suffixed `-1`, `-2`.
 * MkDocs (Python-Markdown's `toc`): every run of spaces and hyphens becomes one `-`, duplicates
 * `_1`, `_2`. A trailing `{#custom-id}` sets the id explicitly and is not shown.
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
 * Python-Markdown's `attr_list` at the end of a heading (its `HEADER_RE`): one space or more, then
 * `{`, an optional `:`, the list, `}`, so `{#id}`, `{ #id }`, `{: #id .wide }` and `{ .wide }`. The
 * list is never shown; `#id` (or `id=…`) sets the id, the last one winning. Without the space
 * before it, the braces are text.
 */
// As `/[ ]+\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}[ ]*$/` reads it, scanned once from the end: that
// expression retried at every start takes quadratic time on a long run of spaces or of ` {`.
function attrListAtEnd(text: string): { index: number; list: string } | undefined {
	let end = text.length;
	while (end > 0 && text[end - 1] === ' ') end--;
	const close = end - 1;
	if (text[close] !== '}') return undefined;
	// The list can hold `{`, but no `}` and no line break: the match lies in the run before `}`,
	// and starts at its first `{` after a space.
	let run = close;
	while (run > 0 && text[run - 1] !== '}' && text[run - 1] !== '\n') run--;
	let open = text.indexOf('{', run);
	while (open !== -1 && open < close && !(open > run && text[open - 1] === ' ')) open = text.indexOf('{', open + 1);
	if (open === -1 || open >= close) return undefined;
	let last = close - 1;
	while (last > open && text[last] === ' ') last--;
	if (last === open) return undefined;
	let first = text[open + 1] === ':' ? open + 2 : open + 1;
	while (text[first] === ' ') first++;
	// Only the `:` left: it is the list.
	if (first > last) first = open + 1;
	let index = open - 1;
	while (index > run && text[index - 1] === ' ') index--;
	return { index, list: text.slice(first, last + 1) };
}
/** Its tokens, as `get_attrs` scans them: quoted and bare `key=value` pairs, and words. */
export const attrListToken = /[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+/g;

export function splitAttrList(text: string): { text: string; id?: string } {
	const match = attrListAtEnd(text);
	if (!match) return { text };
	let id: string | undefined;
	for (const [token] of match.list.matchAll(attrListToken)) {
		if (token.startsWith('#')) id = token.slice(1);
		else if (token.startsWith('id=')) id = token.slice(3).replace(/^(["'])(.*)\1$/, '$2');
	}
	return { text: text.slice(0, match.index), ...(id !== undefined && id !== '' && { id }) };
}

/** How the dialect's tool reads an id written after a heading: Python-Markdown's attribute list (MkDocs), else `{#id}`. */
export function splitHeadingId(text: string, dialect: Dialect | undefined): { text: string; id?: string } {
	return dialect === 'mkdocs' ? splitAttrList(text) : splitExplicitId(text);
}

/**
 * The text a heading's anchor is made from: what a reader sees, so inline HTML tags are left out
 * (`## <span>Html</span> inline` → `html-inline`, as on GitHub) and image alt text is kept.
 */
export function headingText(heading: Heading): string {
	return toString(heading, { includeHtml: false });
}

/** One slugger per page: call `slug()` for each heading in document order. */
export function createAnchorSlugger(dialect: Dialect = 'github'): { slug(headingText: string): string } {
	if (dialect === 'mkdocs') return pythonMarkdownSlugger();
	const slugger = new GithubSlugger();
	return {
		slug(headingText) {
			const { text, id } = splitExplicitId(headingText);
			return id ?? slugger.slug(text);
		},
	};
}

/**
 * GitLab before 17.0 merged repeated hyphens (`## Restore + verify` → `restore-verify`); 17.0 and
 * later keep them, like GitHub (`restore--verify`, gitlab-org/gitlab#440733). The old id of a
 * heading whose current id is `slug`, or `undefined` when both agree.
 */
export function legacyGitlabAnchor(slug: string): string | undefined {
	const legacy = slug.replace(/-{2,}/g, '-');
	return legacy === slug ? undefined : legacy;
}

function pythonMarkdownSlugger(): { slug(headingText: string): string } {
	const seen = new Set<string>();
	return {
		slug(headingText) {
			const { text, id } = splitAttrList(headingText);
			let slug =
				id ??
				text
					.normalize('NFKD')
					.replace(/[^ -~\t\n]/g, '')
					.replace(/[^\w\s-]/g, '')
					.trim()
					.toLowerCase()
					.replace(/[-\s]+/g, '-');
			// Python-Markdown's `unique()`: `id`, `id_1`, `id_2`, …
			while (seen.has(slug) || slug === '') {
				const numbered = /^(.*)_([0-9]+)$/.exec(slug);
				slug = numbered ? `${numbered[1]}_${Number(numbered[2]) + 1}` : `${slug}_1`;
			}
			seen.add(slug);
			return slug;
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

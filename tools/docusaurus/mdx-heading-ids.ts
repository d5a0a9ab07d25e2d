import { htmlCommentsAsMdx } from './mdx-comments.ts';

/**
 * `## Title {#id}` in an MDX page, as Docusaurus reads it: its `markdown.mdx1Compat.headingIds`
 * (on by default) escapes the first `{#` of every line that starts a heading
 * (`escapeMarkdownHeadingIds` in @docusaurus/utils), where MDX 3 alone reads `{#id}` as an
 * expression and fails the page. The brace is escaped in place of the space before it, so the line
 * keeps its width (Docusaurus inserts the backslash); the heading then ends in `{#id}`, which sets
 * its id as on a `.md` page. Lines in fenced code are left as written, where Docusaurus would show
 * the backslash.
 */
function headingIdsAsMdx(text: string): string {
	if (!text.includes('{#')) return text;
	let fence: string | undefined;
	return text
		.split(/(?<=\n)/)
		.map((line) => {
			const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
			if (fence === undefined && marker) fence = marker;
			else if (
				fence !== undefined &&
				marker &&
				marker[0] === fence[0] &&
				marker.length >= fence.length &&
				line.trim() === marker
			)
				fence = undefined;
			else if (fence === undefined && /^#{1,6}(?!#)/.test(line)) return escapeFirstId(line);
			return line;
		})
		.join('');
}

function escapeFirstId(line: string): string {
	const at = line.indexOf('{#');
	if (at === -1 || line[at - 1] === '\\') return line;
	return line[at - 1] === ' ' || line[at - 1] === '\t'
		? `${line.slice(0, at - 1)}\\${line.slice(at)}`
		: `${line.slice(0, at)}\\${line.slice(at)}`;
}

/** An MDX page as Docusaurus hands it to MDX: with its two `mdx1Compat` readings, heading ids and HTML comments. */
export function docusaurusMdxSource(text: string): string {
	return htmlCommentsAsMdx(headingIdsAsMdx(text));
}

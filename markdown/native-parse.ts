import type { MarkdownParser } from '../core/environment.ts';
import type { Root } from 'mdast';
import type { Processor } from 'unified';

// Sätteri parses in Rust and returns the mdast remark-parse would (GFM, directives, frontmatter,
// positions) for a fraction of the CPU. One loader for the site's pipeline and the checks; where
// the binding cannot load, both keep remark.
let markdownToMdast: typeof import('satteri').markdownToMdast | undefined;
try {
	({ markdownToMdast } = await import('satteri'));
} catch {
	markdownToMdast = undefined;
}

/**
 * A link or image whose text holds a footnote call: `[see[^1]](url)`. Sätteri (0.10) breaks it
 * into text, the call and a bare URL, where remark-parse and GitHub make a link, so such a page is
 * read by remark-parse. The pattern may also match where there is no link (inside a code span):
 * that page is only parsed a little slower.
 */
const footnoteInLinkText = /\[[^\]\n]*\[\^[^\]\s]+\][^\]\n]*\][([]/;

/**
 * A table's row right before a container directive's closing fence (`| c | d |` then `:::`, as an
 * MkDocs admonition ending in a table is rewritten): Sätteri (0.10) reads the fence as one more
 * row, where remark-parse and the directive syntax close the container, so such a page is read by
 * remark-parse. Any line with a pipe counts: a page it matches where no table is is only read a
 * little slower.
 */
function tableBeforeFence(markdown: string): boolean {
	if (!markdown.includes(':::')) return false;
	const lines = markdown.split('\n');
	return lines.some(
		(line, i) => i > 0 && closingFence.test(line) && (lines[i - 1] ?? '').includes('|'),
	);
}
const closingFence = /^[ \t>]*:{3,}[ \t]*$/;

/**
 * MDX's reading of indentation, which Docusaurus gives its `.md` pages too (`markdown.format:
 * 'mdx'`): no indented code, so a line indented four columns or more is whatever it would be
 * indented less (a list item, a fence, a paragraph), and such a block may interrupt a paragraph.
 * micromark's own switch, as MDX sets it; Sätteri has none, so a page where it matters is read
 * by remark-parse with it (`indentationMatters`).
 */
const noIndentedCode = { disable: { null: ['codeIndented'] } };

/** The unified plugin that gives remark-parse MDX's reading of indentation (`noIndentedCode`). */
export function remarkNoIndentedCode(this: Processor): void {
	const data = this.data();
	data.micromarkExtensions = [...(data.micromarkExtensions ?? []), noIndentedCode];
}

/**
 * A line indented four columns or more (a tab counts to the next four), after any block quote
 * markers and list markers (`>     kubectl`, `-     item`), where reading without indented code can
 * differ. Lines in fenced code count too: such a page is only read a little slower.
 */
const indentedLine = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))*(?: {4}| {0,3}\t)/m;

/** Whether reading `markdown` without indented code may differ from CommonMark's reading: it has an indented line. */
export function indentationMatters(markdown: string): boolean {
	return indentedLine.test(markdown);
}

/**
 * Sätteri's parser with GFM and directives (and YAML frontmatter when asked), or `undefined` where
 * its binding cannot load or `parser` is `remark`. The parser may throw on text it cannot handle;
 * callers fall back to remark-parse, which accepts any text.
 */
export function nativeParser(options: {
	frontmatter: boolean;
	parser?: MarkdownParser;
}): ((markdown: string) => Root) | undefined {
	const parse = markdownToMdast;
	if (!parse || options.parser === 'remark') return undefined;
	const features = { gfm: true, frontmatter: options.frontmatter, directive: true };
	return (markdown) => {
		if (footnoteInLinkText.test(markdown))
			throw new Error('Unexpected footnote call in link text: read by remark-parse.');
		if (tableBeforeFence(markdown))
			throw new Error('Unexpected directive fence right after a table row: read by remark-parse.');
		return parse(markdown, { features }) as unknown as Root;
	};
}

import { literalLines } from '../syntax/code-lines.ts';

// One JSX tag as MDX reads it on a line of its own: `<TabItem value="a" default>`, `</TabItem>`,
// `<br />`, a fragment. Attribute values may hold `>` inside quotes or braces.
const attribute = String.raw`\s+[\w.:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^\s"'=<>\x60{}]+))?`;
const tag = String.raw`<(?:\/?[A-Za-z][\w.:-]*(?:${attribute})*\s*\/?|\/?)>`;
/** Block quote markers and indentation in front of a line's content. */
const containerPrefix = /^[ \t]*(?:>[ \t]?[ \t]*)*/;
const tagsOnly = new RegExp(String.raw`^(?:${tag}\s*)+$`);
// CommonMark's HTML block kind 6 (`details`, `summary`, `div`, …) starts even with text after its
// tag, and goes on to the next blank line.
const blockTagNames =
	'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const blockTagStart = new RegExp(String.raw`^<\/?(?:${blockTagNames})(?:[\s/>]|$)`, 'i');

/**
 * A Docusaurus page's lines with a blank line where CommonMark's HTML block would take in Markdown
 * that MDX reads after a tag. Docusaurus compiles `.md` pages as MDX
 * (`markdown.format: 'mdx'`, its default), which has no HTML blocks: after `<TabItem value="a">` or
 * `<details>` the next line is Markdown, so a fence or `:::note` there opens a code block or an
 * admonition. CommonMark keeps every line up to the next blank one as raw HTML (kind 6 for
 * `details` even with text after the tag, kind 7 for a line of tags only), so the fence showed as
 * text and every later fence paired off by one. A blank line goes after a line of tags, before a
 * line of tags that follows a paragraph's line (MDX's flow tag ends it), and, after a block tag with
 * text (`<summary>Script</summary>`, or its text wrapped onto the next line), before the first line
 * that starts a block, where MDX's paragraph ends; none changes what MDX reads (a test parses both).
 * A line indented four columns or more gets one too: the site and the checks read a Docusaurus page
 * without indented code, as MDX does (`remarkNoIndentedCode`).
 * `origins` gives each line the file's line it comes from (an added one: the line above it).
 */
export function separateMdxFlowLines(
	lines: readonly string[],
): { lines: string[]; origins: number[] } | undefined {
	// Fences count inside block quotes and on a list item's first line too: no tag in code is touched.
	const literal = literalLines(
		lines.map((line) =>
			line
				.replace(/^(?:[ \t]*>[ \t]?)+/, '')
				.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?=`{3,}|~{3,})/, ''),
		),
	);
	const inList = listItemLines(lines, literal);
	// Lines that get a blank line before them.
	const before = new Set<number>();
	// Where the last scan for a line that starts a block stopped: the lines before it start none.
	let scanned = -1;
	for (const [i, line] of lines.entries()) {
		const flow = !literal[i] && mdxFlowLine(line);
		if (!flow || inList[i]) continue;
		// A line of tags after a paragraph's line closes it in MDX; in CommonMark it went on it.
		if (
			flow === 'tags' &&
			(lines[i - 1] ?? '').trim() !== '' &&
			!literal[i - 1] &&
			!mdxFlowLine(lines[i - 1] ?? '')
		)
			before.add(i);
		// After a line of tags the next line is Markdown; after a block tag with text, MDX's paragraph
		// goes on to the first line that starts a block, which the HTML block took in.
		let next = i + 1;
		if (flow === 'block') {
			next = Math.max(next, scanned);
			while (
				next < lines.length &&
				(lines[next] ?? '').trim() !== '' &&
				!startsBlock(lines[next] ?? '')
			)
				next++;
			scanned = next;
		}
		if ((lines[next] ?? '').trim() !== '') before.add(next);
	}
	if (before.size === 0) return undefined;
	const out: string[] = [];
	const origins: number[] = [];
	for (const [i, line] of lines.entries()) {
		if (before.has(i)) {
			// Inside a block quote the added line keeps its markers; its origin is the line above.
			out.push(prefixOf(line).replace(/[ \t]+$/, ''));
			origins.push(Math.max(i, 1));
		}
		out.push(line);
		origins.push(i + 1);
	}
	return { lines: out, origins };
}

/** What starts a block in MDX even right after a paragraph's line: a fence, heading, quote, rule, list item, directive or line of tags. */
const interrupts =
	/^(?:`{3,}|~{3,}|#{1,6}(?:[ \t]|$)|>|(?:[-*_][ \t]*){3,}$|[-*+][ \t]+\S|1[.)][ \t]+\S|:{3,})/;

function startsBlock(line: string): boolean {
	const content = line.slice(prefixOf(line).length).trimEnd();
	return interrupts.test(content) || tagsOnly.test(content);
}

const prefixOf = (line: string): string => containerPrefix.exec(line)?.[0] ?? '';

const listItemStart = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * For each line, whether it goes on a list item's paragraph (the lines above it, back to a blank
 * one, start with a list item). Before such a line, MDX ends the list at a line of tags where
 * CommonMark goes on with it; a blank line there was never shown to read as MDX does (generated
 * pages leave this case out), and after it a blank line would make the list loose. So the tags
 * stay on the item, shown by neither. One pass, however long the page.
 */
function listItemLines(lines: readonly string[], literal: readonly boolean[]): boolean[] {
	const result = lines.map(() => false);
	let runInList = false;
	for (let i = 1; i < lines.length; i++) {
		const above = lines[i - 1] ?? '';
		const aboveInRun = above.trim() !== '' && !literal[i - 1];
		if (!aboveInRun) continue;
		// The line above starts its run when the one above it is blank or code.
		const startsRun = i - 2 < 0 || (lines[i - 2] ?? '').trim() === '' || literal[i - 2] === true;
		if (startsRun) runInList = listItemStart.test(above);
		result[i] = runInList;
	}
	return result;
}

/**
 * Whether MDX reads `line` as JSX where CommonMark starts an HTML block that takes in the lines
 * after it: a line of tags only, or a block tag with text after it (`<summary>Script</summary>`).
 */
function mdxFlowLine(line: string): 'tags' | 'block' | undefined {
	const content = line.slice(prefixOf(line).length).trimEnd();
	if (!content.startsWith('<') || content.startsWith('<!--')) return undefined;
	if (tagsOnly.test(content)) return 'tags';
	return blockTagStart.test(content) ? 'block' : undefined;
}

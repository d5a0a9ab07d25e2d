import { literalLines } from './code-lines.ts';

// One JSX tag as MDX reads it on a line of its own: `<TabItem value="a" default>`, `</TabItem>`,
// `<br />`, a fragment. Attribute values may hold `>` inside quotes or braces.
const attribute = String.raw`\s+[\w.:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^\s"'=<>\x60]+))?`;
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
 * A Docusaurus page's lines with a blank line after each line MDX reads as JSX and CommonMark as
 * the start of an HTML block, where the next line goes on. Docusaurus compiles `.md` pages as MDX
 * (`markdown.format: 'mdx'`, its default), which has no HTML blocks: after `<TabItem value="a">` or
 * `<details>` the next line is Markdown, so a fence or `:::note` there opens a code block or an
 * admonition. CommonMark keeps every line up to the next blank one as raw HTML (kind 6 for
 * `details` even with text after the tag, kind 7 for a line of tags only), so the fence showed as
 * text and every later fence paired off by one. A blank line after the tag line ends the HTML block
 * there, and one before a line of tags ends the paragraph or list item above, as MDX's flow tag
 * does; neither changes what MDX reads. (A line of text right after `<summary>x</summary>` goes on
 * MDX's paragraph and becomes a paragraph of its own here: both show it as text.) Inside a block
 * quote an added line keeps its markers. `origins` gives each line the file's line it comes from
 * (an added one: the tag's).
 */
export function separateMdxFlowLines(lines: readonly string[]): { lines: string[]; origins: number[] } | undefined {
	const literal = literalLines(lines);
	const out: string[] = [];
	const origins: number[] = [];
	const addBlank = (prefix: string, origin: number) => {
		out.push(prefix.replace(/[ \t]+$/, ''));
		origins.push(origin);
	};
	for (const [i, line] of lines.entries()) {
		const flow = !literal[i] && mdxFlowLine(line);
		// A line of tags after a paragraph's or list item's line closes it in MDX; in CommonMark it went on it.
		if (flow === 'tags' && (lines[i - 1] ?? '').trim() !== '' && !literal[i - 1] && !mdxFlowLine(lines[i - 1] ?? '')) addBlank(prefixOf(line), i + 1);
		out.push(line);
		origins.push(i + 1);
		if (flow && (lines[i + 1] ?? '').trim() !== '') addBlank(prefixOf(line), i + 1);
	}
	return out.length > lines.length ? { lines: out, origins } : undefined;
}

const prefixOf = (line: string): string => containerPrefix.exec(line)?.[0] ?? '';

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

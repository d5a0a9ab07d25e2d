import { codeSpanRanges } from '../../core/code-spans.ts';
import { literalLines } from '../syntax/code-lines.ts';
import type { OriginLines } from '../syntax/line-origins.ts';

/**
 * An attribute list after a link or image is never text on MkDocs: `attr_list` reads it after the
 * inline patterns have run, and Python-Markdown's `_` emphasis needs a boundary the `_` of
 * `"_blank"` never closes. CommonMark would pair that `_` with one later on the line
 * (`_In a [post](x){:target="_blank"} we …_`: knative's blog), leaving `{:target="` as text and
 * the rest in italics. Escaped here, the list reaches the page as written and the site reads it as
 * an attribute list (`src/lib/mkdocs-shortcodes.ts`). Only where it matters: a `_` in a list on a
 * line with another `_` outside it, never in fenced code or a code span (a `*` pairs inside the
 * list on MkDocs too, so it is left alone). Not recognised: indented code and HTML blocks, and code
 * spans running over two lines, where such a line would show its `\_`.
 */
export function protectInlineAttrLists(input: OriginLines): OriginLines {
	const literal = literalLines(input.lines, { frontmatter: false });
	const lines = input.lines.map((line, i) =>
		literal[i] || !line.includes('){') || !line.includes('_') ? line : escapeListUnderscores(line),
	);
	return { ...input, lines };
}

/** The line with each `_` escaped inside the lists after links (`){…}`) outside code spans, when a `_` stands outside them too. */
function escapeListUnderscores(line: string): string {
	const lists = listsAfterLinks(line, codeSpanRanges(line));
	if (lists.length === 0) return line;
	const inLists = lists.reduce((count, [from, to]) => count + countOf(line, '_', from, to), 0);
	if (inLists === 0 || countOf(line, '_', 0, line.length) === inLists) return line;
	let out = '';
	let at = 0;
	for (const [from, to] of lists) {
		out += line.slice(at, from) + line.slice(from, to).replaceAll('_', '\\_');
		at = to;
	}
	return out + line.slice(at);
}

/**
 * Where each `{…}` right after a `)` starts and ends, as `attr_list`'s inline pattern reads one
 * (`\{:?[ ]*[^}\n ][^}\n]*\}`), outside code spans. One pass: the next `}` is found once per stretch
 * of the line, so a line of `){` with no `}` costs linear time.
 */
function listsAfterLinks(line: string, spans: Array<[number, number]>): Array<[number, number]> {
	const lists: Array<[number, number]> = [];
	let span = 0;
	let close = -1;
	for (let at = line.indexOf('){'); at !== -1; at = line.indexOf('){', at + 1)) {
		const open = at + 1;
		if (close < open) close = line.indexOf('}', open);
		if (close === -1) break;
		while (span < spans.length && (spans[span] as [number, number])[1] <= open) span++;
		if (span < spans.length && (spans[span] as [number, number])[0] <= open) continue;
		let first = open + 1;
		if (line[first] === ':') first++;
		while (line[first] === ' ') first++;
		if (first >= close) continue;
		lists.push([open, close + 1]);
		at = close;
	}
	return lists;
}

function countOf(line: string, char: string, from: number, to: number): number {
	let count = 0;
	for (let i = line.indexOf(char, from); i !== -1 && i < to; i = line.indexOf(char, i + 1)) count++;
	return count;
}

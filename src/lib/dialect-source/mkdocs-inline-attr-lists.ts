import { literalLines } from './code-lines.ts';
import type { OriginLines } from './line-origins.ts';

/** Python-Markdown's `attr_list` right after a link or an image: `[x](y){:target="_blank"}`. */
const afterLink = /\)\{:?[ ]*[^}\n ][^}\n]*\}/g;

/**
 * An attribute list after a link or image is never text on MkDocs: `attr_list` reads it after the
 * inline patterns have run, and Python-Markdown's emphasis needs a word boundary, so the `_` of
 * `_blank` opens nothing. CommonMark would pair that `_` with one later on the line
 * (`_In a [post](x){:target="_blank"} we …_`: knative's blog), leaving `{:target="` as text and
 * the rest in italics. Escaped here, outside code, the list reaches the page as written and the
 * site reads it as an attribute list (`src/lib/mkdocs-shortcodes.ts`).
 */
export function protectInlineAttrLists(input: OriginLines): OriginLines {
	const literal = literalLines(input.lines, { frontmatter: false });
	const lines = input.lines.map((line, i) => {
		if (literal[i] || !line.includes('){')) return line;
		const spans = codeSpans(line);
		// Lists come in order along the line, as do spans: one pointer walks both.
		let span = 0;
		return line.replace(afterLink, (list, at: number) => {
			while (span < spans.length && (spans[span] as [number, number])[1] <= at) span++;
			const inCode = span < spans.length && (spans[span] as [number, number])[0] <= at;
			return /[_*]/.test(list) && !inCode ? list.replace(/[_*]/g, '\\$&') : list;
		});
	});
	return { lines, origins: input.origins };
}

/**
 * The inline code spans of a line, each from its opening backticks to the end of its closing run
 * of the same length (CommonMark); a run with no partner is text. Each run is looked at once per
 * length, so the scan is linear however many unpaired runs a line holds.
 */
function codeSpans(line: string): Array<[number, number]> {
	const runs = [...line.matchAll(/`+/g)].map((match) => ({ at: match.index, length: match[0].length }));
	const byLength = new Map<number, number[]>();
	for (const [k, run] of runs.entries()) {
		const same = byLength.get(run.length);
		if (same) same.push(k);
		else byLength.set(run.length, [k]);
	}
	const next = new Map<number, number>();
	const spans: Array<[number, number]> = [];
	for (let k = 0; k < runs.length; k++) {
		const run = runs[k] as { at: number; length: number };
		const same = byLength.get(run.length) as number[];
		let p = next.get(run.length) ?? 0;
		while (p < same.length && (same[p] as number) <= k) p++;
		next.set(run.length, p);
		if (p >= same.length) continue;
		const closer = runs[same[p] as number] as { at: number; length: number };
		spans.push([run.at, closer.at + closer.length]);
		k = same[p] as number;
	}
	return spans;
}

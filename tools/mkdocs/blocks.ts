import { dedent, indentWidth, isBlank, literalLines } from '../syntax/code-lines.ts';
import type { OriginLines } from '../syntax/line-origins.ts';
import type { PastedLine } from '../syntax/pasted-lines.ts';

/** The first line of an indented MkDocs block, as the container directive it becomes. */
export interface ContainerOpener {
	indent: string;
	/** The directive after its colons: name, `[label]`, `{attributes}` (`note[Title]{collapse=closed}`). */
	directive: string;
}

/**
 * Python-Markdown's indented blocks (admonitions, content tabs: whichever `openers` recognise),
 * with their body indented four columns, as container directives (`:::note[Title]` … `:::`).
 * Blocks nest in any order: a body is rewritten first, so an outer fence is always longer than
 * the fences it holds. The closing fence takes the blank line after the body when there is one.
 */
export function rewriteIndentedBlocks(
	input: OriginLines,
	openers: ReadonlyArray<(line: string) => ContainerOpener | undefined>,
): OriginLines {
	const { lines, origins, pasted } = input;
	const literal = literalLines(lines, { frontmatter: false });
	const out: OriginLines = { lines: [], origins: [], ...(pasted && { pasted: [] }) };
	const push = (line: string, origin: number | undefined, place?: PastedLine) => {
		out.lines.push(line);
		out.origins.push(origin ?? out.origins.at(-1) ?? 1);
		out.pasted?.push(place);
	};
	let i = 0;
	while (i < lines.length) {
		const line = lines[i] ?? '';
		const opener = literal[i]
			? undefined
			: openers.reduce<ContainerOpener | undefined>(
					(found, recognise) => found ?? recognise(line),
					undefined,
				);
		if (!opener) {
			push(line, origins[i], pasted?.[i]);
			i++;
			continue;
		}
		const bodyIndent = indentWidth(opener.indent) + 4;
		let last = i;
		let next = i + 1;
		for (; next < lines.length; next++) {
			const candidate = lines[next] ?? '';
			if (isBlank(candidate)) continue;
			if (indentWidth(candidate) < bodyIndent) break;
			last = next;
		}
		const body = {
			lines: lines.slice(i + 1, last + 1).map((l) => (isBlank(l) ? '' : dedent(l, 4))),
			origins: origins.slice(i + 1, last + 1),
			...(pasted && { pasted: pasted.slice(i + 1, last + 1) }),
		};
		const inner = rewriteIndentedBlocks(body, openers);
		const colons = ':'.repeat(Math.max(3, longestColonFence(inner.lines) + 1));
		push(`${opener.indent}${colons}${opener.directive}`, origins[i], pasted?.[i]);
		inner.lines.forEach((bodyLine, k) => push(bodyLine, inner.origins[k], inner.pasted?.[k]));
		// The closing fence takes the place of the first blank line after the body, if there is one,
		// but never the empty line after the file's final newline: the text would lose that newline.
		const takesBlank = last + 1 < next && isBlank(lines[last + 1] ?? '') && last + 2 < lines.length;
		push(`${opener.indent}${colons}`, origins[takesBlank ? last + 1 : last]);
		i = takesBlank ? last + 2 : last + 1;
	}
	return out;
}

function longestColonFence(lines: readonly string[]): number {
	let longest = 0;
	for (const line of lines) {
		const match = /^[ \t]*(:{3,})/.exec(line);
		if (match?.[1]) longest = Math.max(longest, match[1].length);
	}
	return longest;
}

import { dedent, indentWidth, isBlank, literalLines } from './code-lines.ts';

const opener = /^([ \t]*)(!!!|\?\?\?\+?)[ \t]*([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"(.*)")?[ \t]*$/;

/**
 * Python-Markdown admonitions (`!!! note "Title"`, and `pymdownx.details`' collapsible `??? tip`,
 * `???+ warning`) with their body indented four columns, as container directives
 * (`:::note[Title]` … `:::`) the site renders as callouts. Nested admonitions get longer fences.
 * The closing fence takes the blank line after the body, so the lines keep their numbers (one
 * line is added only when the body is followed directly by unindented text).
 */
export function rewriteMkdocsAdmonitions(lines: readonly string[], literal: readonly boolean[]): string[] {
	const out: string[] = [];
	let i = 0;
	while (i < lines.length) {
		const line = lines[i] ?? '';
		const match = literal[i] ? null : opener.exec(line);
		if (!match) {
			out.push(line);
			i++;
			continue;
		}
		const [, indent = '', marker = '', type = 'note', title] = match;
		const bodyIndent = indentWidth(indent) + 4;
		let last = i;
		let next = i + 1;
		for (; next < lines.length; next++) {
			const candidate = lines[next] ?? '';
			if (isBlank(candidate)) continue;
			if (indentWidth(candidate) < bodyIndent) break;
			last = next;
		}
		const body = lines.slice(i + 1, last + 1).map((l) => (isBlank(l) ? '' : dedent(l, 4)));
		const inner = rewriteMkdocsAdmonitions(body, literalLines(body, { frontmatter: false }));
		const colons = ':'.repeat(Math.max(3, longestColonFence(inner) + 1));
		const label = title === undefined ? '' : title === '' ? '' : `[${escapeLabel(title)}]`;
		const attributes = [title === '' ? 'notitle' : '', marker === '???' ? 'collapse=closed' : marker === '???+' ? 'collapse=open' : ''].filter(Boolean);
		out.push(`${indent}${colons}${type.toLowerCase()}${label}${attributes.length > 0 ? `{${attributes.join(' ')}}` : ''}`, ...inner, `${indent}${colons}`);
		// The closing fence took the place of the first blank line after the body, if there is one.
		i = last + 1 < next && isBlank(lines[last + 1] ?? '') ? last + 2 : last + 1;
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

/** A directive label is Markdown between brackets: unbalanced brackets would end it early. */
export function escapeLabel(text: string): string {
	return text.replace(/[[\]\\]/g, (char) => `\\${char}`);
}

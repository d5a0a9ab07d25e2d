import { literalLines } from '../syntax/code-lines.ts';
import type { OriginLines } from '../syntax/line-origins.ts';
import type { SourceNote } from '../syntax/source-note.ts';

/**
 * mkdocstrings' autodoc line, as its block processor finds it (`AutoDocProcessor.regex`): `:::`
 * and an identifier on a line of its own, optionally after a heading's `#`s.
 */
const autodocLine = /^(#{1,6} *|)::: ?(\S[^\r]*)\r?$/;

/** The YAML options under it, as `detab` takes them: lines indented by four spaces or a tab. */
const optionLine = /^(?: {4}|\t)/;

/** After a blank line, the next block is still its options when it starts so (`AutoDocProcessor.run`). */
const optionsBlock = /^(?: {4}|\t)(?:options|handler):/;

/**
 * mkdocstrings writes an object's reference from the code (`::: netbox.views.generic.ObjectView`,
 * its options indented below), which Waymark never runs: each block, outside code, becomes a short
 * notice naming the object, and a `dialect-syntax` warning at its line, where the page would show
 * the line as text.
 */
export function rewriteAutodocBlocks(
	input: OriginLines,
	notes: SourceNote[],
	options: { attrList: boolean },
): OriginLines {
	const literal = literalLines(input.lines, { frontmatter: false });
	const lines: string[] = [];
	const origins: number[] = [];
	const pasted: OriginLines['pasted'] = input.pasted && [];
	for (let i = 0; i < input.lines.length; i++) {
		const line = input.lines[i] as string;
		const origin = input.origins[i] ?? 1;
		const match = literal[i] ? null : autodocLine.exec(line);
		if (!match) {
			lines.push(line);
			origins.push(origin);
			pasted?.push(input.pasted?.[i]);
			continue;
		}
		const name = (match[2] as string).trimEnd();
		const takeOptions = () => {
			while (
				i + 1 < input.lines.length &&
				!literal[i + 1] &&
				optionLine.test(input.lines[i + 1] as string)
			)
				i++;
		};
		takeOptions();
		let next = i + 1;
		while (next < input.lines.length && (input.lines[next] as string).trim() === '') next++;
		if (
			next < input.lines.length &&
			next > i + 1 &&
			!literal[next] &&
			optionsBlock.test(input.lines[next] as string)
		) {
			i = next - 1;
			takeOptions();
		}
		notes.push({
			line: origin,
			column: 1,
			severity: 'warning',
			message: `Unexpected mkdocstrings block \`::: ${name}\`, expected Markdown: mkdocstrings writes this reference from the code, which Waymark never runs; the page shows a notice in its place`,
		});
		// Blank lines around it: the notice is a paragraph of its own, as the reference is a block.
		// mkdocstrings gives the reference the object's path as its id (NetBox links
		// `views.md#netbox.views.generic.ObjectView`): with `attr_list`, the notice takes it.
		const anchor = options.attrList && /^[\w.:-]+$/.test(name) ? [`{: #${name} }`] : [];
		for (const text of [
			'',
			`*(The reference of \`${name.replaceAll('`', '')}\`, which mkdocstrings writes from the code, is not shown here)*`,
			...anchor,
			'',
		]) {
			lines.push(text);
			origins.push(origin);
			pasted?.push(undefined);
		}
	}
	return { lines, origins, ...(pasted && { pasted }) };
}

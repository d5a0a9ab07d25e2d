/**
 * HTML comments in an MDX page, as Docusaurus reads them: its `markdown.mdx1Compat.comments`
 * (on by default) adds `<!-- … -->` to MDX, where MDX 3 alone refuses `<!`. Each becomes an MDX
 * comment, `{/* … *\/}` padded to the same width, outside code blocks and code spans, so every line
 * and column stays where it was: the checks and the site then parse what Docusaurus shows, nothing.
 */
export function htmlCommentsAsMdx(text: string): string {
	if (!text.includes('<!--')) return text;
	let out = '';
	let inComment = false;
	let fence: string | undefined;
	for (const line of text.split(/(?<=\n)/)) {
		const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (!inComment && fence === undefined && marker) fence = marker;
		else if (
			fence !== undefined &&
			marker &&
			marker[0] === fence[0] &&
			marker.length >= fence.length &&
			line.trim() === marker
		) {
			fence = undefined;
			out += line;
			continue;
		}
		if (fence !== undefined) {
			out += line;
			continue;
		}
		let i = 0;
		let rewritten = '';
		while (i < line.length) {
			if (inComment) {
				const end = line.indexOf('-->', i);
				if (end === -1) {
					// `*/` inside would end the MDX comment early: it is written `* /`.
					rewritten += line.slice(i).replaceAll('*/', '* /');
					break;
				}
				rewritten += `${line.slice(i, end).replaceAll('*/', '* /')}*/}`;
				i = end + 3;
				inComment = false;
				continue;
			}
			const tick = /`+/.exec(line.slice(i));
			const open = line.indexOf('<!--', i);
			if (open === -1) {
				rewritten += line.slice(i);
				break;
			}
			if (tick && i + tick.index < open) {
				// A code span: copied as written up to its closing run of the same length.
				const start = i + tick.index;
				const close = line.indexOf(tick[0], start + tick[0].length);
				const to = close === -1 ? start + tick[0].length : close + tick[0].length;
				rewritten += line.slice(i, to);
				i = to;
				continue;
			}
			rewritten += `${line.slice(i, open)}{/* `;
			i = open + 4;
			inComment = true;
		}
		out += rewritten;
	}
	return out;
}

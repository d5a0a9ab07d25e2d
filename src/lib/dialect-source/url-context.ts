/**
 * Whether `offset` in `text` lies where a URL is being written, where the notice a tool's tag
 * leaves in its place (emphasised prose, spaces and all) cannot stand: an inline link's
 * destination (`](…`), a link reference definition (`[id]: …`, which a space in its URL turns into
 * a paragraph, and every definition after it with it), an autolink or HTML tag (`<…`), or a bare
 * URL (`https://…` up to the tag, no space). There the tag is left out, so the rest of the line reads
 * as the tool reads it. Looks back over the line only, and at most 200 characters.
 */
export function inUrlContext(text: string, offset: number): boolean {
	const from = Math.max(text.lastIndexOf('\n', offset - 1) + 1, offset - 200);
	const before = text.slice(from, offset);
	const open = before.lastIndexOf('](');
	if (open !== -1 && !before.slice(open).includes(')')) return true;
	if (/^ {0,3}(?:> ?)*(?:[-*+] +|\d{1,9}[.)] +)?\[[^\]]+\]:/.test(before)) return true;
	const angle = before.lastIndexOf('<');
	if (angle !== -1 && !before.slice(angle).includes('>') && /^<[a-z]/i.test(before.slice(angle))) return true;
	return /(?:^|\s)(?:[a-z][a-z\d+.-]*:\/\/|www\.)\S*$/i.test(before);
}

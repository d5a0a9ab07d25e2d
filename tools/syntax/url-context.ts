/**
 * Whether `offset` in `text` lies where a URL is being written, where the notice a tool's tag
 * leaves in its place (emphasised prose, spaces and all) cannot stand: an inline link's
 * destination (`](…`), a link reference definition (`[id]: …`, which a space in its URL turns into
 * a paragraph, and every definition after it with it), an autolink (`<scheme:…`) or an HTML tag's
 * attribute value (`<a href="…`), or a bare URL (`https://…` up to the tag, no space). There the tag
 * is left out, so the rest of the line reads as the tool reads it. Looks back over the line only,
 * and at most `lookBack` characters, so a page of very long lines stays linear.
 */
export function inUrlContext(text: string, offset: number): boolean {
	// The window first: searching a line of megabytes back for its start from every tag is quadratic.
	const recent = text.slice(Math.max(0, offset - lookBack), offset);
	const before = recent.slice(recent.lastIndexOf('\n') + 1);
	const open = before.lastIndexOf('](');
	if (open !== -1 && !closesDestination(before.slice(open + 2))) return true;
	if (/^ {0,3}(?:> ?)*(?:[-*+] +|\d{1,9}[.)] +)?\[[^\]]+\]:/.test(before)) return true;
	const angle = before.lastIndexOf('<');
	if (
		angle !== -1 &&
		!before.slice(angle).includes('>') &&
		(autolink.test(before.slice(angle)) || inAttributeValue.test(before.slice(angle)))
	)
		return true;
	return /^(?:[a-z][a-z\d+.-]*:\/\/|www\.)/i.test(lastWord(before));
}

/** What follows the last whitespace of `before`: read from its end, so a long line costs only its last word. */
function lastWord(before: string): string {
	let start = before.length;
	while (start > 0 && !/\s/.test(before[start - 1] as string)) start--;
	return before.slice(start);
}

/** Whether an inline link's destination, `written` so far, has its `)`: parentheses inside it come in pairs (CommonMark), as in a Kibana URL's state. */
function closesDestination(written: string): boolean {
	let depth = 0;
	for (const char of written) {
		if (char === '(') depth++;
		else if (char === ')' && depth-- === 0) return true;
	}
	return false;
}

/** A Kibana or Grafana URL's state runs to a few thousand characters; a line longer than this is looked at from here. */
const lookBack = 4096;

/** An autolink: `<` and a URL scheme (`latency <p99` is prose). */
const autolink = /^<[a-z][a-z\d+.-]{1,31}:/i;

/** An open tag up to an attribute's value not yet closed: `<a href="…`, `<img class=x src=…`. */
const inAttributeValue =
	/^<[a-z][a-z\d-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s+[^\s"'<>/=]+\s*=\s*(?:"[^"]*|'[^']*|[^\s"'=<>`]*)$/i;

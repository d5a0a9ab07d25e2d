/**
 * Python-Markdown's `attr_list` at the end of a heading (its `HEADER_RE`): one space or more, then
 * `{`, an optional `:`, the list, `}`, so `{#id}`, `{ #id }`, `{: #id .wide }` and `{ .wide }`. The
 * list is never shown; `#id` (or `id=…`) sets the id, the last one winning. Without the space
 * before it, the braces are text.
 */
// As `/[ ]+\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}[ ]*$/` reads it, scanned once from the end: that
// expression retried at every start takes quadratic time on a long run of spaces or of ` {`.
function attrListAtEnd(text: string): { index: number; list: string } | undefined {
	let end = text.length;
	while (end > 0 && text[end - 1] === ' ') end--;
	const close = end - 1;
	if (text[close] !== '}') return undefined;
	// The list can hold `{`, but no `}` and no line break: the match lies in the run before `}`,
	// and starts at its first `{` after a space.
	let run = close;
	while (run > 0 && text[run - 1] !== '}' && text[run - 1] !== '\n') run--;
	let open = text.indexOf('{', run);
	while (open !== -1 && open < close && !(open > run && text[open - 1] === ' '))
		open = text.indexOf('{', open + 1);
	if (open === -1 || open >= close) return undefined;
	let last = close - 1;
	while (last > open && text[last] === ' ') last--;
	if (last === open) return undefined;
	let first = text[open + 1] === ':' ? open + 2 : open + 1;
	while (text[first] === ' ') first++;
	// Only the `:` left: it is the list.
	if (first > last) first = open + 1;
	let index = open - 1;
	while (index > run && text[index - 1] === ' ') index--;
	return { index, list: text.slice(first, last + 1) };
}
/** Its tokens, as `get_attrs` scans them: quoted and bare `key=value` pairs, and words. */
export const attrListToken = /[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+/g;

export function splitAttrList(text: string): { text: string; id?: string } {
	const match = attrListAtEnd(text);
	if (!match) return { text };
	let id: string | undefined;
	for (const [token] of match.list.matchAll(attrListToken)) {
		if (token.startsWith('#')) id = token.slice(1);
		else if (token.startsWith('id=')) id = token.slice(3).replace(/^(["'])(.*)\1$/, '$2');
	}
	return { text: text.slice(0, match.index), ...(id !== undefined && id !== '' && { id }) };
}

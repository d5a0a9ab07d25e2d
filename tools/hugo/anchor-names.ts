/**
 * Hugo's heading ids, character for character: Goldmark's `autoIDType` (`github`,
 * `github-ascii`, `blackfriday`: hugo `markup/goldmark/autoid.go`) and Blackfriday's own
 * `SanitizedAnchorName` (russross/blackfriday v1, the renderer of Hugo before 0.100). Go's
 * `unicode` classes are the Unicode properties of the same names: a letter is `\p{L}`, a digit
 * (`IsDigit`) `\p{Nd}`, a number (`IsNumber`) `\p{N}`.
 */

/** How Goldmark spells an id in Hugo (`markup.goldmark.parser.autoIDType`). */
export type GoldmarkIdType = 'github' | 'github-ascii' | 'blackfriday';

const letter = /\p{L}/u;
const digit = /\p{Nd}/u;
const numberChar = /\p{N}/u;
const mark = /\p{Mn}/gu;

/** Go's `unicode.IsSpace`, which `bytes.TrimSpace` trims (JavaScript's `\s` differs by U+0085 and U+FEFF). */
const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** `unicode.ToLower`: the simple mapping, one code point (JavaScript's full mapping makes `İ` two). */
function toLower(char: string): string {
	return String.fromCodePoint(char.toLowerCase().codePointAt(0) ?? 0);
}

function trimGoSpace(text: string): string {
	const chars = [...text];
	let start = 0;
	let end = chars.length;
	while (start < end && goSpace.test(chars[start] ?? '')) start++;
	while (end > start && goSpace.test(chars[end - 1] ?? '')) end--;
	return chars.slice(start, end).join('');
}

/** Goldmark's id for `text` in Hugo, before duplicates are numbered; `''` when nothing is left. */
export function goldmarkAnchorName(text: string, type: GoldmarkIdType): string {
	if (type === 'blackfriday') return blackfridayAnchorName(text);
	const ascii = type === 'github-ascii';
	// `text.RemoveAccents`: decomposed, combining marks dropped, composed again.
	const source = trimGoSpace(
		ascii ? text.normalize('NFD').replace(mark, '').normalize('NFC') : text,
	);
	let id = '';
	for (const char of source) {
		if (ascii && char.charCodeAt(0) > 0x7f) continue;
		if (char === '-' || char === ' ') id += '-';
		else if (char === '_' || letter.test(char) || digit.test(char)) id += toLower(char);
	}
	return id;
}

/** Blackfriday's `SanitizedAnchorName`: runs of anything but letters and numbers become one `-`, none at the start or end. */
export function blackfridayAnchorName(text: string): string {
	let id = '';
	let dash = false;
	for (const char of text) {
		if (letter.test(char) || numberChar.test(char)) {
			if (dash && id !== '') id += '-';
			dash = false;
			id += toLower(char);
		} else dash = true;
	}
	return id;
}

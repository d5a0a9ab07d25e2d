import { parseEntities } from 'parse-entities';

/** A JSX tag's attributes: a string, `true` for a bare name, or an expression in braces, as written. */
export type JsxAttributes = ReadonlyMap<string, string | true | { expression: string }>;

/** An opening tag read from the lines it spans. */
export interface JsxOpeningTag {
	attributes: JsxAttributes;
	/** The line its `>` is on. */
	end: number;
}

/** Lines a tag may span: an attribute list longer than this is not a tag this reads. */
const maxTagLines = 50;

/**
 * The opening tag `<name …>` that line `at` holds alone (spaces or tabs before it, nothing after
 * its `>`, attributes over as many lines as they take): `undefined` when the line does not start
 * with that tag, `'invalid'` when it does but is not a whole tag on lines of its own
 * (self-closing, text after it, a value never closed). String values are read as JSX reads them
 * (no escapes; HTML entities decoded as MDX decodes them, with `parse-entities`), braces kept as written.
 */
export function jsxOpeningTag(
	lines: readonly string[],
	at: number,
	name: string,
): JsxOpeningTag | 'invalid' | undefined {
	const first = lines[at] ?? '';
	const start = /^[ \t]*/.exec(first)?.[0] ?? '';
	if (!first.startsWith(`<${name}`, start.length)) return undefined;
	const after = first[start.length + name.length + 1];
	if (after !== undefined && after !== '>' && after !== '/' && !/\s/.test(after)) return undefined;
	const text = lines.slice(at, at + maxTagLines).join('\n');
	const attributes = new Map<string, string | true | { expression: string }>();
	let i = start.length + name.length + 1;
	for (;;) {
		while (i < text.length && /\s/.test(text[i] ?? '')) i++;
		const char = text[i];
		if (char === undefined || char === '/') return 'invalid';
		if (char === '>') break;
		const attributeName = /^[A-Za-z_$][\w$.:-]*/.exec(text.slice(i, i + 200))?.[0];
		if (!attributeName) return 'invalid';
		i += attributeName.length;
		let j = i;
		while (j < text.length && /[ \t\r\n]/.test(text[j] ?? '')) j++;
		if (text[j] !== '=') {
			attributes.set(attributeName, true);
			continue;
		}
		j++;
		while (j < text.length && /[ \t\r\n]/.test(text[j] ?? '')) j++;
		const quote = text[j];
		if (quote === '"' || quote === "'") {
			const close = text.indexOf(quote, j + 1);
			if (close === -1) return 'invalid';
			attributes.set(attributeName, parseEntities(text.slice(j + 1, close)));
			i = close + 1;
		} else if (quote === '{') {
			const close = closingBrace(text, j);
			if (close === -1) return 'invalid';
			const expression = text.slice(j + 1, close);
			const literal = /^\s*(["'`])((?:(?!\1)[^\\]|\\.)*)\1\s*$/.exec(expression);
			attributes.set(attributeName, literal ? unescapeJs(literal[2] ?? '') : { expression });
			i = close + 1;
		} else return 'invalid';
	}
	const end = at + (text.slice(0, i).match(/\n/g)?.length ?? 0);
	const rest = text.slice(i + 1, text.indexOf('\n', i) === -1 ? undefined : text.indexOf('\n', i));
	if (rest.trim() !== '') return 'invalid';
	return { attributes, end };
}

/** The index of the `}` that closes the `{` at `open`, past strings and nested braces; -1 if none. */
function closingBrace(text: string, open: number): number {
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		const char = text[i];
		if (char === '"' || char === "'" || char === '`') {
			// A string inside the expression: braces in it do not count.
			let j = i + 1;
			while (j < text.length && text[j] !== char) j += text[j] === '\\' ? 2 : 1;
			i = j;
		} else if (char === '{') depth++;
		else if (char === '}' && --depth === 0) return i;
	}
	return -1;
}

const jsEscapes: Record<string, string> = {
	n: '\n',
	r: '\r',
	t: '\t',
	b: '\b',
	f: '\f',
	v: '\v',
	'0': '\0',
};

/** A JavaScript string literal's text: `\n`, `\u00e9`, `\x41` and `\'` as JavaScript reads them. */
function unescapeJs(text: string): string {
	return text.replace(
		/\\(u\{[\da-fA-F]+\}|u[\da-fA-F]{4}|x[\da-fA-F]{2}|.)/g,
		(_, escape: string) => {
			if (escape.length > 1) {
				const code = Number.parseInt(escape.replace(/^[ux]\{?|\}$/g, ''), 16);
				return code <= 0x10ffff ? String.fromCodePoint(code) : escape;
			}
			return jsEscapes[escape] ?? escape;
		},
	);
}

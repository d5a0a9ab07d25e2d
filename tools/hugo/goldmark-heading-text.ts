import type { Heading, PhrasingContent } from 'mdast';

/**
 * The text Hugo makes a heading's id from with Goldmark (hugo `markup/goldmark/internal/render`
 * `TextPlain`, as the attributes extension calls it), read from the mdast of the same heading:
 * text as written, code spans' text, raw HTML without its tags; of any other inline node (emphasis,
 * a link, an image) only its first child counts, as in `textPlainTo`; an autolink has no text.
 * Typographer substitutions (on by default) apply to text, so `--` is an en dash there.
 */
export interface GoldmarkTextOptions {
	/** `markup.goldmark.extensions.typographer`: what `---`, `--`, `...`, `<<` and `>>` become; `undefined` when disabled. */
	typographer?: TypographerSubstitutions;
	/** The page's Markdown, to tell an autolink (`<https://x>`, `www.x.org`) from a written link. */
	source?: string;
}

/** The typographer's substitutions Hugo passes to Goldmark, as HTML (`&ndash;` by default). */
export interface TypographerSubstitutions {
	emDash: string;
	enDash: string;
	ellipsis: string;
	leftAngleQuote: string;
	rightAngleQuote: string;
}

/** Hugo's defaults (`goldmark_config.Default`). */
export const defaultTypographer: TypographerSubstitutions = {
	emDash: '&mdash;',
	enDash: '&ndash;',
	ellipsis: '&hellip;',
	leftAngleQuote: '&laquo;',
	rightAngleQuote: '&raquo;',
};

/** The heading's plain text as Hugo reads it for its id (the last line of a multi-line heading). */
export function goldmarkHeadingText(heading: Heading, options: GoldmarkTextOptions = {}): string {
	let text = '';
	for (const child of heading.children) text += plainText(child, options);
	return text.split('\n').at(-1) ?? '';
}

function plainText(node: PhrasingContent, options: GoldmarkTextOptions): string {
	switch (node.type) {
		case 'text':
			return options.typographer ? typographed(node.value, options.typographer) : node.value;
		case 'inlineCode':
			return node.value;
		case 'html':
			return node.value.replace(/<[^>]*>/g, '').trim();
		case 'break':
			return '\n';
		case 'image':
		case 'imageReference':
			return node.alt ?? '';
		case 'link': {
			const start = node.position?.start.offset;
			// An autolink is a node without children in Goldmark.
			if (options.source !== undefined && start !== undefined && options.source[start] !== '[')
				return '';
			break;
		}
		default:
			break;
	}
	const first = 'children' in node ? node.children[0] : undefined;
	return first ? plainText(first, options) : '';
}

/** Goldmark's typographer over one text: `---`, `--`, `...`, `<<`, `>>` left to right (quotes become quote marks, which no id keeps). */
function typographed(text: string, substitutions: TypographerSubstitutions): string {
	if (!/--|\.\.\.|<<|>>/.test(text)) return text;
	let out = '';
	for (let i = 0; i < text.length;) {
		const rest = text.slice(i, i + 3);
		const [value, length] = rest.startsWith('---')
			? [substitutions.emDash, 3]
			: rest.startsWith('--')
				? [substitutions.enDash, 2]
				: rest.startsWith('...')
					? [substitutions.ellipsis, 3]
					: rest.startsWith('<<')
						? [substitutions.leftAngleQuote, 2]
						: rest.startsWith('>>')
							? [substitutions.rightAngleQuote, 2]
							: [undefined, 1];
		out += value === undefined || value === '' ? text.slice(i, i + length) : decodeEntities(value);
		i += length;
	}
	return out;
}

const namedEntities: Record<string, string> = {
	ndash: '\u2013',
	mdash: '\u2014',
	hellip: '\u2026',
	laquo: '\u00ab',
	raquo: '\u00bb',
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	nbsp: '\u00a0',
};

/** The HTML entities a substitution may be written with, as text (what `util.ResolveEntityNames` does for the id). */
function decodeEntities(value: string): string {
	return value.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
		if (name.startsWith('#x') || name.startsWith('#X'))
			return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
		if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
		return namedEntities[name.toLowerCase()] ?? entity;
	});
}

/**
 * A trailing Goldmark attribute list (`## Restore {#restore .wide data-x="a b"}`), which Hugo reads
 * when `markup.goldmark.parser.attribute.title` is on (the default): the text before it and the
 * `id` it sets. Read from the last `{` with one pass over its characters.
 */
export function splitGoldmarkAttributes(text: string): { text: string; id?: string } {
	const trimmed = text.trimEnd();
	if (!trimmed.endsWith('}')) return { text };
	const open = trimmed.lastIndexOf('{');
	const attributes = open === -1 ? undefined : attributeTokens(trimmed.slice(open + 1, -1));
	if (!attributes || attributes.length === 0) return { text };
	let id: string | undefined;
	for (const attribute of attributes) {
		if (/^#[^\s#.]+$/.test(attribute)) id = attribute.slice(1);
		else if (/^\.[^\s#.]+$/.test(attribute)) continue;
		else {
			const pair = /^([A-Za-z_:][\w:.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))$/.exec(attribute);
			if (!pair) return { text };
			if (pair[1] === 'id') id = pair[2] ?? pair[3] ?? pair[4];
		}
	}
	return { text: trimmed.slice(0, open).trimEnd(), ...(id !== undefined && { id }) };
}

/** `#id .class key="a b"` as its attributes; quotes keep spaces together. `undefined` for an unclosed quote. */
function attributeTokens(list: string): string[] | undefined {
	const tokens: string[] = [];
	let current = '';
	let quote = '';
	for (const char of list) {
		if (quote !== '') {
			current += char;
			if (char === quote) quote = '';
		} else if (char === '"' || char === "'") {
			current += char;
			quote = char;
		} else if (/[\s,]/.test(char)) {
			if (current !== '') tokens.push(current);
			current = '';
		} else current += char;
	}
	if (quote !== '') return undefined;
	if (current !== '') tokens.push(current);
	return tokens;
}

/**
 * A label's value as it goes into a page: quoted for the place it fills, or refused. Label values
 * come from a URL anyone can write or from whatever Prometheus scraped, so a value is text that the
 * page shows and a reader copies, never markup and never a command of its own: in a shell block it
 * stays one word of the command (POSIX single quotes), and where Waymark cannot quote it safely it
 * is not filled at all.
 */

/**
 * Where a placeholder stands: `text` (prose, inline code, a shell comment: the value as it is),
 * `code` (a block of another language: only plain values), `shell` (an unquoted word),
 * `shell-double`/`shell-single` (inside quotes), `heredoc`/`heredoc-literal` (a here-document
 * body, expanded or not), `none` (inside `${…}`, `$((…))`, `$'…'`: never filled).
 */
export type FillContext =
	| 'text'
	| 'code'
	| 'shell'
	| 'shell-double'
	| 'shell-single'
	| 'heredoc'
	| 'heredoc-literal'
	| 'none';

/** Every place a placeholder can stand, for those that read `data-fill` from a page. */
export const fillContexts: readonly FillContext[] = [
	'text',
	'code',
	'shell',
	'shell-double',
	'shell-single',
	'heredoc',
	'heredoc-literal',
	'none',
];

/** The longest value filled in; a longer one is refused, not cut (a cut value is another value). */
export const maxValueLength = 256;

/** A value that needs no quoting anywhere: letters, digits and `_./:,+@=-`, not starting with `-` or a symbol a shell reads. */
const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./:,+@=-]*$/;

/**
 * Characters no filled value may hold: control characters (a line break would end a command or a
 * here-document), and invisible ones that make a command read differently from what it does
 * (bidirectional overrides and isolates, zero-width characters, line and paragraph separators).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** Why a value is never filled anywhere, or undefined when it may be. */
export function refusal(value: string): string | undefined {
	if (value.length > maxValueLength) return `longer than ${maxValueLength} characters`;
	if (hidden.test(value)) return 'it holds control or invisible characters';
	return undefined;
}

const singleQuoted = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * `value` as it fills a placeholder in `context`, or undefined when it cannot go there:
 * - `shell`: as it is when plain, else in single quotes (`'` written `'\''`);
 * - `shell-double`: the double quotes closed around a single-quoted value (`"a"'b c'"d"`), so `$`,
 *   backquotes and `!` in it stay text;
 * - `shell-single`: each `'` written `'\''`;
 * - `heredoc`: `\`, `$` and backquotes escaped; `heredoc-literal` and `text`: as it is;
 * - `code`: only a plain value (Waymark does not know every language's strings);
 * - `none`: never.
 */
export function fillValue(context: FillContext, value: string): string | undefined {
	if (value === '' || refusal(value) !== undefined) return undefined;
	switch (context) {
		case 'text':
		case 'heredoc-literal':
			return value;
		case 'code':
			return plain.test(value) ? value : undefined;
		case 'shell':
			return plain.test(value) ? value : singleQuoted(value);
		case 'shell-double':
			return plain.test(value) ? value : `"${singleQuoted(value)}"`;
		case 'shell-single':
			return value.replaceAll("'", `'\\''`);
		case 'heredoc':
			return value.replace(/[\\$`]/g, '\\$&');
		case 'none':
			return undefined;
	}
}

/** Code block languages read as POSIX shell: their placeholders are quoted as the shell needs. */
// Not fish: inside its single quotes `\\` and `\'` are escapes, so a value ending in `\` would open a quote.
const shellLanguages = new Set(['sh', 'bash', 'shell', 'shellscript', 'zsh', 'ksh', 'dash', 'ash']);
/** Session transcripts: lines after a `$ ` or `% ` prompt are shell, the rest is output. */
const sessionLanguages = new Set([
	'console',
	'shellsession',
	'shell-session',
	'sh-session',
	'terminal',
]);

/** How a code block's language is read for placeholders. */
export function blockKind(language: string): 'shell' | 'session' | 'code' {
	const lang = language.toLowerCase();
	if (shellLanguages.has(lang)) return 'shell';
	if (sessionLanguages.has(lang)) return 'session';
	return 'code';
}

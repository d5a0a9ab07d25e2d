/**
 * Which label values may go into a page. Label values come from a URL anyone can write or from
 * whatever Prometheus scraped, and a reader pastes the commands they fill into a shell, so a value
 * is filled only when it is inert wherever it could stand: in every shell (sh, bash, zsh, fish,
 * inside quotes, here-documents, nested `sh -c`, arithmetic, comments), in SQL, YAML and JSON, and
 * as an argument to any command. No quoting is attempted: a shell has more contexts than any model
 * of it, so the value must need none. Any other value is not filled; the page shows it beside the
 * placeholder as data, with the reason (`components/alert-context/`).
 */

/** The longest value filled in; a longer one is refused, not cut (a cut value is another value). */
export const maxValueLength = 256;

/**
 * The characters a filled value may hold: ASCII letters and digits and `_./:@+%-`. None of them
 * is read by a shell, a SQL statement or YAML as anything but part of a word (`%` for `urlquery`'s
 * output; `:` and `@` for `host:port` and `user@host`).
 */
const inertCharacter = /[A-Za-z0-9_./:@+%-]/;
/** A value starts with a letter, digit, `_` or `/`: never `-` or `+` (an option), `.`, `%` or `@`. */
const inertStart = /^[A-Za-z0-9_/]/;
/** What the reason names each refused character as, for those that do not read as themselves. */
const characterNames: Record<string, string> = { ' ': 'a space', '\t': 'a tab' };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** The refused characters of `value`, each once, in order, at most five. */
function foreignCharacters(value: string): string[] {
	const found = new Set<string>();
	for (const c of value) if (!inertCharacter.test(c)) found.add(c);
	return [...found].slice(0, 5).map((c) => characterNames[c] ?? `\`${c}\``);
}

/** Why a value cannot even be said as text (too long, or characters that hide what it says), or undefined. */
export function unshowable(value: string): string | undefined {
	if (value.length > maxValueLength) return `longer than ${maxValueLength} characters`;
	if (hidden.test(value)) return 'it holds control or invisible characters';
	return undefined;
}

/** Why a value is never filled, or undefined when it may be filled anywhere. */
export function refusal(value: string): string | undefined {
	const unsaid = unshowable(value);
	if (unsaid !== undefined) return unsaid;
	const foreign = foreignCharacters(value);
	if (foreign.length > 0)
		return `it holds ${foreign.join(', ')}: only letters, digits and \`_./:@+%-\` are filled in`;
	if (value.startsWith('-') || value.startsWith('+'))
		return `it starts with \`${value[0]}\`, which a command reads as an option`;
	if (!inertStart.test(value)) return `it starts with \`${value[0]}\``;
	if (value.split('/').some((segment) => segment === '..' || segment === '.'))
		return 'it holds a `.` or `..` path segment, which leaves the folder the command names';
	if (value.includes('--')) return 'it holds `--`, which starts a comment in SQL';
	return undefined;
}

/** `value` as it fills a placeholder, or undefined when it is empty or refused. */
export function fillValue(value: string): string | undefined {
	return value === '' || refusal(value) !== undefined ? undefined : value;
}

/**
 * `value` shown as data: invisible and control characters written as `\u{…}` escapes, and a
 * value past `maxValueLength` cut with its length said, so what the reader sees is what was sent.
 */
export function shownValue(value: string): string {
	const escaped = [...value.slice(0, maxValueLength)]
		.map((c) => (hidden.test(c) ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c))
		.join('');
	return value.length > maxValueLength ? `${escaped}… (${value.length} characters)` : escaped;
}

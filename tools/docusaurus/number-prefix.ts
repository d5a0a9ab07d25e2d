/**
 * Docusaurus number prefixes, as its docs plugin reads them (`DefaultNumberPrefixParser` in
 * docusaurus-plugin-content-docs `src/numberPrefix.ts`): `01-intro`, `1.intro`, `001 - intro`,
 * `2___intro` are `intro` at position 1, 1, 1 and 2. What looks like a date (`2021-01-31 - notes`,
 * `01_2021`) or a version (`8.0`, `14_2_16`) is no prefix. The prefix leaves the URL, the doc id
 * and the sidebar label, and orders the sidebar.
 */

/** Dates (`2021-01`, `31.01.2021`) and versions (`8.0`, `1-2`) at the start of a name: not prefixes. */
const dateOrVersion = /^(?:\d{2}|\d{4})[-_.]\d{2}|^\d+[-_.]\d+/;

/** Digits, then `-`, `_` or `.` (one or more, spaces around them allowed), then the name. */
const numberPrefix = /^(\d+)\s*[-_.]+\s*/;

/** A file or folder name (without extension) split into its number prefix and the rest. */
export function parseNumberPrefix(name: string): { name: string; prefix?: number } {
	if (dateOrVersion.test(name)) return { name };
	const match = numberPrefix.exec(name);
	if (!match?.[1]) return { name };
	return { name: name.slice(match[0].length), prefix: Number.parseInt(match[1], 10) };
}

/** `0-guides/1 - setup/02.install` → `guides/setup/install`: every segment's prefix removed. */
export function stripNumberPrefixes(path: string): string {
	return path
		.split('/')
		.map((segment) => parseNumberPrefix(segment).name)
		.join('/');
}

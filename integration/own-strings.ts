/**
 * `value` with every string in it (through plain objects and arrays) copied into a string of its
 * own. A string a parser cut from a page's Markdown is a slice that keeps the whole Markdown alive;
 * the content store holds each page's metadata (heading texts, the header block) until the build
 * ends, and at 20,000 pages those slices kept 16,666 render-time copies of page texts alive
 * (`bench/HISTORY.md`, "Where a large build's memory went").
 */
export function ownStrings<T>(value: T): T {
	if (typeof value === 'string') return ownString(value) as T;
	if (Array.isArray(value)) return value.map(ownStrings) as T;
	if (
		value !== null &&
		typeof value === 'object' &&
		Object.getPrototypeOf(value) === Object.prototype
	) {
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [key, ownStrings(inner)]),
		) as T;
	}
	return value;
}

// V8 keeps short strings whole; a longer slice is only copied by building a new string from bytes.
const ownString = (text: string): string =>
	text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');

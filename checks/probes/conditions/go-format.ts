/**
 * How Gatus turns decoded JSON back into text: `fmt.Sprintf("%v", v)` for numbers, booleans and
 * arrays, `json.Marshal` for objects. Lengths are Go's: bytes of UTF-8, not UTF-16 units.
 */

/** Go `len(s)` of a string: its UTF-8 byte length. */
export function byteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

const outerSpace =
	/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Go `strings.TrimSpace` (which, unlike `String.prototype.trim`, keeps U+FEFF). */
export function goTrimSpace(text: string): string {
	return text.replace(outerSpace, '');
}

/** Go `fmt.Sprintf("%.Ns", s)`: the first `count` characters. */
export function firstRunes(text: string, count: number): string {
	return Array.from(text).slice(0, count).join('');
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** `%v` of a float64: shortest digits, exponent form below 1e-4 and from 1e6 on (`1e+06`). */
function formatGoFloat(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
	if (value === 0) return Object.is(value, -0) ? '-0' : '0';
	const sign = value < 0 ? '-' : '';
	const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
	const digits = mantissa.replace('.', '');
	const exponent = Number(exponentText);
	if (exponent < -4 || exponent >= 6) {
		const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
		return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
	}
	const point = exponent + 1;
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** `fmt.Sprintf("%v", v)` of a value decoded by `json.Unmarshal` into `interface{}`. */
export function formatGoValue(value: unknown): string {
	if (value === null || value === undefined) return '<nil>';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return formatGoFloat(value);
	if (typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `[${value.map(formatGoValue).join(' ')}]`;
	const object = value as Record<string, unknown>;
	return `map[${Object.keys(object)
		.sort(byBytes)
		.map((key) => `${key}:${formatGoValue(object[key])}`)
		.join(' ')}]`;
}

/** `json.Marshal(v)`: minified, keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function marshalGo(value: unknown): string {
	return marshal(value).replace(
		/[<>&\u2028\u2029]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

function marshal(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return `[${value.map(marshal).join(',')}]`;
	if (typeof value === 'object') {
		const object = value as Record<string, unknown>;
		return `{${Object.keys(object)
			.sort(byBytes)
			.map((key) => `${JSON.stringify(key)}:${marshal(object[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

import { byteLength, formatGoValue, marshalGo } from './go-format.ts';

/**
 * Gatus's JSON path (`jsonpath.Eval`): `a.b`, `a[0]`, `[0]`, `a[1][2]`, walked over the decoded
 * body with Gatus's own quirks (an array ends the walk, an object at the end is re-marshalled).
 * `undefined` stands for Go's `nil`, and for a path Gatus cannot walk.
 */
export type Walked = { ok: true; value: string; length: number } | { ok: false };

export interface BodyView {
	/** The body as received (capped), for `[BODY]` and raw string comparison. */
	raw: string;
	/** The body decoded as JSON, or `ok: false` when it is not JSON. */
	decoded(): { ok: true; value: unknown } | { ok: false };
}

/** `jsonpath.Eval(path, body)`: the value as text and its length (bytes, or items for an array). */
export function evalJsonPath(path: string, body: BodyView): Walked {
	const { raw } = body;
	if (path.length === 0 && !(raw.length !== 0 && raw.startsWith('[') && raw.endsWith(']')))
		return { ok: true, value: raw, length: byteLength(raw) };
	const decoded = body.decoded();
	return decoded.ok ? walk(path, decoded.value) : { ok: false };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (object: Record<string, unknown>, key: string): unknown =>
	Object.hasOwn(object, key) ? object[key] : undefined;

function walk(path: string, object: unknown): Walked {
	const keys: string[] = [];
	let start = 0;
	let depth = 0;
	for (let i = 0; i < path.length; i++) {
		if (path[i] === '[') depth++;
		else if (path[i] === ']') depth--;
		if (path[i] === '.' && depth === 0) {
			keys.push(path.slice(start, i));
			start = i + 1;
		}
	}
	keys.push(path.slice(start));
	const currentKey = keys[0] ?? '';
	const value = extractValue(currentKey, object);
	if (isObject(value)) {
		const rest = path.replace(`${currentKey}.`, '');
		if (rest === path) {
			const text = marshalGo(value);
			return { ok: true, value: text, length: byteLength(text) };
		}
		return walk(rest, value);
	}
	if (typeof value === 'string')
		return keys.length > 1 ? { ok: false } : { ok: true, value, length: byteLength(value) };
	if (Array.isArray(value)) return { ok: true, value: formatGoValue(value), length: value.length };
	if (value === undefined || value === null) return { ok: false };
	const text = formatGoValue(value);
	return { ok: true, value: text, length: byteLength(text) };
}

function extractValue(currentKey: string, value: unknown): unknown {
	if (currentKey.endsWith(']') && currentKey.includes('[')) {
		let nested = false;
		let index = '';
		let open = 0;
		let close = 0;
		let depth = 0;
		for (let i = 0; i < currentKey.length; i++) {
			if (currentKey[i] === '[') {
				open = i;
				depth++;
			} else if (currentKey[i] === ']' && depth === 1) {
				close = i;
				index = currentKey.slice(open + 1, i);
				nested = currentKey[i + 1] === '[';
				break;
			}
		}
		const arrayIndex = /^[+-]?[0-9]+$/.test(index) ? Number(index) : -1;
		if (arrayIndex < 0 || !Number.isSafeInteger(arrayIndex)) return undefined;
		const name = currentKey.slice(0, open);
		let array: unknown;
		if (name.length === 0) {
			array = value;
		} else {
			// Gatus panics here when the value is not an object; a path it cannot walk is the closest outcome.
			if (!isObject(value) || field(value, name) == null) return undefined;
			array = field(value, name);
		}
		const item =
			Array.isArray(array) && array.length > arrayIndex
				? (array[arrayIndex] as unknown)
				: undefined;
		if (item === undefined) return undefined;
		return nested ? extractValue(currentKey.slice(close + 1), item) : item;
	}
	if (Array.isArray(value)) return value;
	if (isObject(value)) return field(value, currentKey);
	return value;
}

import type { Observation } from '../../../network/observation.ts';
import { byteLength, goTrimSpace } from './go-format.ts';
import { evalJsonPath, type BodyView } from './json-path.ts';

/**
 * Gatus's `ResolvePlaceholder`: one side of a condition becomes text. Placeholder names are
 * case-insensitive; `len()` and `has()` wrap one; anything else is literal text. An unset value
 * reads as Go's zero value (`0`, `""`, `false`). `[HEADER].name` is Waymark's own.
 */
export const placeholderNames = [
	'STATUS',
	'IP',
	'RESPONSE_TIME',
	'DNS_RCODE',
	'CONNECTED',
	'CERTIFICATE_EXPIRATION',
	'DOMAIN_EXPIRATION',
	'BODY',
	'HEADER',
	'VALUE',
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];

/** Gatus marks a side it could not resolve with this suffix: `[BODY].a (INVALID)`. */
export const invalidSuffix = '(INVALID)';

type Wrapper = 'len' | 'has' | undefined;

/** `len(x)` → `['len', 'x']`; only lower-case `len(`/`has(` and a closing `)` count, as in Gatus. */
export function unwrapFunction(element: string): { fn: Wrapper; inner: string } {
	for (const fn of ['len', 'has'] as const) {
		if (element.startsWith(`${fn}(`) && element.endsWith(')'))
			return { fn, inner: element.slice(fn.length + 1, -1) };
	}
	return { fn: undefined, inner: element };
}

/** The placeholder an element names, if any (`[BODY].a`, `len([ip])`), and the path after it. */
export function placeholderOf(
	element: string,
): { name: PlaceholderName; path: string } | undefined {
	const { inner } = unwrapFunction(element);
	const match = /^\[([A-Za-z_]+)\]/.exec(inner);
	const name = match?.[1]?.toUpperCase() as PlaceholderName | undefined;
	if (!match || !name || !placeholderNames.includes(name)) return undefined;
	const path = inner.slice(match[0].length);
	if (name === 'BODY')
		return path === '' || path.startsWith('.') || path.startsWith('[') ? { name, path } : undefined;
	if (name === 'HEADER') return path.startsWith('.') ? { name, path } : undefined;
	return path === '' ? { name, path } : undefined;
}

const withFunction = (value: string, fn: Wrapper): string =>
	fn === 'has' ? String(value !== '') : fn === 'len' ? String(byteLength(value)) : value;
const millis = (ms: number | null | undefined): string => String(Math.trunc(ms ?? 0));

/** The text Gatus compares for one side of a condition. */
export function resolveElement(element: string, observation: Observation, body: BodyView): string {
	const { fn } = unwrapFunction(element);
	const placeholder = placeholderOf(element);
	const invalid = `${element} ${invalidSuffix}`;
	switch (placeholder?.name) {
		case 'STATUS':
			return withFunction(String(observation.status ?? 0), fn);
		case 'IP':
			return withFunction(observation.ip ?? '', fn);
		case 'RESPONSE_TIME':
			return withFunction(millis(observation.responseTimeMs), fn);
		case 'DNS_RCODE':
			return withFunction(observation.dnsRcode ?? '', fn);
		case 'CONNECTED':
			return withFunction(String(observation.connected), fn);
		case 'CERTIFICATE_EXPIRATION':
			return withFunction(millis(observation.certificateExpiresInMs), fn);
		case 'DOMAIN_EXPIRATION':
			return withFunction(millis(observation.domainExpiresInMs), fn);
		case 'VALUE':
			return withFunction(observation.value === undefined ? '' : String(observation.value), fn);
		case 'HEADER': {
			const value = observation.headers?.[placeholder.path.slice(1).toLowerCase()];
			if (fn === 'has') return String(value !== undefined);
			return value === undefined ? invalid : withFunction(value, fn);
		}
		case 'BODY': {
			if (placeholder.path === '') {
				const trimmed = goTrimSpace(body.raw);
				if (fn === 'has') return String(trimmed.length > 0);
				if (fn === 'len') {
					const root = evalJsonPath('', body);
					return String(root.ok ? root.length : byteLength(trimmed));
				}
				return trimmed;
			}
			const walked = evalJsonPath(placeholder.path.replace(/^\./, ''), body);
			if (fn === 'has') return String(walked.ok);
			if (!walked.ok) return invalid;
			return fn === 'len' ? String(walked.length) : walked.value;
		}
		case undefined:
			if (fn === 'has') return 'false';
			return fn === 'len' ? invalid : element;
	}
}

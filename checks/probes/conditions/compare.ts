import { byteLength, firstRunes, goTrimSpace } from './go-format.ts';
import { goInt64FromFloat, parseGoDuration, parseGoFloat, parseGoInt } from './go-numbers.ts';
import { matchPattern } from './pattern.ts';
import { invalidSuffix } from './placeholders.ts';

/** Gatus's `isEqual`: `pat()` and `any()` on either side, then integers (any base), then text. */
export function isEqual(firstText: string, secondText: string): boolean {
	let first = firstText;
	let second = secondText;
	const firstCall = first.endsWith(')');
	const secondCall = second.endsWith(')');
	if (firstCall || secondCall) {
		const firstPattern = firstCall && first.startsWith('pat(');
		const secondPattern = secondCall && second.startsWith('pat(');
		if (firstPattern) first = first.slice(4, -1);
		if (secondPattern) second = second.slice(4, -1);
		if (firstPattern !== secondPattern)
			return firstPattern ? matchPattern(first, second) : matchPattern(second, first);
		const firstAny = firstCall && first.startsWith('any(');
		const secondAny = secondCall && second.startsWith('any(');
		if (firstAny) first = first.slice(4, -1);
		if (secondAny) second = second.slice(4, -1);
		if (firstAny !== secondAny) {
			const [options, value] = firstAny ? [first, second] : [second, first];
			return options.split(',').some((option) => goTrimSpace(option) === value);
		}
	}
	const firstInt = parseGoInt(first);
	const secondInt = parseGoInt(second);
	if (firstInt !== undefined && secondInt !== undefined) return firstInt === secondInt;
	return first === second;
}

/** How `<`, `<=`, `>`, `>=` read a side: a Go duration in ms, an integer, a float truncated, else 0. */
export function toGoNumber(text: string): bigint {
	const duration = parseGoDuration(text);
	if (duration !== undefined && duration !== 0n) return duration / 1_000_000n;
	const int = parseGoInt(text);
	if (int !== undefined) return int;
	const float = parseGoFloat(text);
	return float === undefined ? 0n : goInt64FromFloat(float);
}

/** Whether a literal side means something to a numeric operator (Gatus reads anything else as 0). */
export function isGoNumber(text: string): boolean {
	return (
		parseGoDuration(text) !== undefined ||
		parseGoInt(text) !== undefined ||
		parseGoFloat(text) !== undefined
	);
}

/**
 * A duration for display: `336h`, `1h30m`, `1h0m15s`, `-24h`. Gatus trims every trailing `0s`
 * and `0m`, which turns 30 s into `3` and 2h10m into `2h1`; this trims only zero components.
 */
function formatGatusDuration(ms: bigint): string {
	const seconds = ms / 1000n;
	if (seconds === 0n) return '0s';
	const sign = seconds < 0n ? '-' : '';
	const abs = seconds < 0n ? -seconds : seconds;
	const [h, m, s] = [abs / 3600n, (abs % 3600n) / 60n, abs % 60n];
	if (h > 0n) return `${sign}${h}h${m > 0n || s > 0n ? `${m}m` : ''}${s > 0n ? `${s}s` : ''}`;
	if (m > 0n) return `${sign}${m}m${s > 0n ? `${s}s` : ''}`;
	return `${sign}${s}s`;
}

const maxShown = 200;
const bounded = (text: string): string =>
	text.length > maxShown ? `${text.slice(0, maxShown)}…` : text;
const isPattern = (element: string): boolean => element.startsWith('pat(') && element.endsWith(')');

/** Gatus's `prettify`: each side followed by what it resolved to, when that differs: `[STATUS] (500) == 200`. */
export function prettify(
	elements: [string, string],
	resolvedTexts: [string, string],
	operator: string,
): string {
	const resolved = [...resolvedTexts];
	for (const [i, other] of [
		[0, 1],
		[1, 0],
	] as const) {
		if (isPattern(elements[i]) && byteLength(resolved[other]!) > 25)
			resolved[other] = `${firstRunes(resolved[other]!, 25)}...(truncated)`;
	}
	const side = (i: 0 | 1): string => {
		const value = resolved[i]!;
		if (value === `${elements[i]} ${invalidSuffix}`) return value;
		return value === elements[i] ? elements[i] : `${elements[i]} (${bounded(value)})`;
	};
	return `${side(0)} ${operator} ${side(1)}`;
}

/** Gatus's `prettifyNumericalParameters`: expirations and duration literals shown as durations. */
export function prettifyNumbers(
	elements: [string, string],
	numbers: [bigint, bigint],
	operator: string,
): string {
	const shown = elements.map((element, i) => {
		const value = numbers[i]!;
		if (
			element === '[CERTIFICATE_EXPIRATION]' ||
			element === '[DOMAIN_EXPIRATION]' ||
			parseGoDuration(element) !== undefined
		)
			return formatGatusDuration(value);
		return String(value);
	});
	return prettify(elements, shown as [string, string], operator);
}

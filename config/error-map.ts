import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Position } from '../core/position.ts';

type RawIssue = z.core.$ZodRawIssue;

/** What the keys of a record are called in messages, by the record's path. */
const keyNouns: Record<string, string> = {
	'checks.rules': 'rule',
	'checks.lint': 'remark-lint rule',
	'links.severity': 'link outcome',
};

/** How many choices a message lists before it says "a known …" instead. */
const listLimit = 8;

/** `input` as a message shows it: strings quoted, long values cut, objects named. */
export function show(input: unknown): string {
	if (input === undefined) return 'nothing';
	if (input === null) return '`null`';
	if (Array.isArray(input)) return 'a list';
	if (typeof input === 'object') return 'a mapping';
	const text =
		typeof input === 'string'
			? JSON.stringify(input)
			: typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint'
				? String(input)
				: typeof input;
	return `\`${text.length > 40 ? `${text.slice(0, 37)}…` : text}\``;
}

/** The closest of `known` to `text`, when it is close enough to be a typo. */
function nearMiss(text: string, known: readonly string[]): string | undefined {
	const wanted = text.toLowerCase();
	let best: { name: string; d: number } | undefined;
	for (const name of known) {
		const d = distance(name.toLowerCase(), wanted);
		if (!best || d < best.d) best = { name, d };
	}
	return best && best.d <= Math.max(2, Math.floor(text.length / 4)) ? best.name : undefined;
}

/** `expected one of a, b, c; did you mean b` for a value or key that is not one of `known`. */
export function expectedOneOf(actual: string, known: readonly string[], noun: string): string {
	const near = nearMiss(actual, known);
	const choices =
		known.length <= listLimit || !near
			? `one of ${known.map((k) => `\`${k}\``).join(', ')}`
			: `a known ${noun}`;
	return `expected ${choices}${near ? `; did you mean \`${near}\`` : ''}`;
}

const typeNames: Record<string, string> = {
	number: 'a number',
	int: 'a whole number',
	string: 'text',
	boolean: '`true` or `false`',
	array: 'a list',
	object: 'a mapping (`key: value` lines)',
	record: 'a mapping (`key: value` lines)',
};

/** A unit hint for keys named after their unit (`timeoutMs: 5s` → use milliseconds). */
function unitHint(path: PropertyKey[] | undefined): string {
	const key = String(path?.at(-1) ?? '');
	if (key.endsWith('Ms')) return '. Use milliseconds, e.g. `5000`';
	if (key.endsWith('Seconds')) return '. Use seconds, e.g. `3600`';
	if (key.endsWith('Bytes')) return '. Use bytes, e.g. `262144`';
	return '';
}

function bound(
	issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string },
	side: 'min' | 'max',
): string {
	const limit = Number(side === 'min' ? issue.minimum : issue.maximum);
	if (issue.origin === 'string')
		return side === 'min'
			? limit <= 1
				? 'text that is not empty'
				: `at least ${limit} characters`
			: `at most ${limit} characters`;
	if (issue.origin === 'array')
		return `${side === 'min' ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
	if (side === 'min')
		return issue.inclusive === false ? `a number above ${limit}` : `a number of at least ${limit}`;
	return issue.inclusive === false ? `a number below ${limit}` : `a number of at most ${limit}`;
}

/**
 * The one zod error map of Waymark's configuration: every issue reads "Unexpected ‹actual›,
 * expected ‹wanted›", with "; did you mean …" for a near miss. An unknown key message holds one
 * line per key (`key\tmessage`); `configIssueLines` spreads them onto their own key paths.
 */
export function configErrorMap(issue: RawIssue): string | undefined {
	const input = issue.input;
	switch (issue.code) {
		case 'unrecognized_keys': {
			const def = (
				issue.inst as
					{ _zod?: { def?: { shape?: object; keyType?: { options?: unknown } } } } | undefined
			)?._zod?.def;
			const known = def?.shape
				? Object.keys(def.shape)
				: Array.isArray(def?.keyType?.options)
					? (def.keyType.options as unknown[]).map(String)
					: [];
			const noun = keyNouns[(issue.path ?? []).join('.')] ?? 'key';
			return issue.keys
				.map(
					(key) => `${key}\t${`Unexpected ${noun} \`${key}\`, ${expectedOneOf(key, known, noun)}`}`,
				)
				.join('\n');
		}
		case 'invalid_type': {
			const whole =
				(issue.inst as { _zod?: { def?: { format?: string } } } | undefined)?._zod?.def?.format ===
				'safeint';
			const wanted = typeNames[whole ? 'int' : issue.expected] ?? issue.expected;
			if (input === undefined)
				return `Missing \`${String(issue.path?.at(-1) ?? 'value')}\`, expected ${wanted}`;
			return `Unexpected ${show(input)}, expected ${wanted}${typeof input === 'string' ? unitHint(issue.path) : ''}`;
		}
		case 'invalid_value': {
			const values = issue.values.map(String);
			return `Unexpected ${show(input)}, ${expectedOneOf(String(input), values, 'value')}`;
		}
		case 'too_small':
			return `Unexpected ${show(input)}, expected ${bound(issue, 'min')}`;
		case 'too_big':
			return `Unexpected ${show(input)}, expected ${bound(issue, 'max')}`;
		case 'invalid_format': {
			const wanted: Record<string, string> = {
				url: 'an http(s) URL such as `https://runbooks.example.com`',
				starts_with: `text starting with \`${(issue as { prefix?: string }).prefix ?? ''}\``,
				includes: `text containing \`${(issue as { includes?: string }).includes ?? ''}\``,
			};
			return `Unexpected ${show(input)}, expected ${wanted[issue.format] ?? `text in the ${issue.format} format`}`;
		}
		case 'invalid_union':
			return `Unexpected ${show(input)}, expected one of the forms this key takes (see the configuration reference)`;
		default:
			return undefined;
	}
}

/** `links.rules[0].pattern`: keys joined with dots, list indexes in brackets. */
function keyPath(path: readonly PropertyKey[]): string {
	return path
		.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
		.join('');
}

/**
 * Every issue as one `path: message` line, an unknown key on its own path (`checks.ignored: …`).
 * Top-level keys have no prefix. With the file's `locate`, each line starts `file:line:col: ` and
 * the lines follow the file (line, then column); lines of keys it cannot place come last.
 */
export function configIssueLines(
	issues: z.core.$ZodIssue[],
	file?: { source: string; locate: (path: PropertyKey[]) => Position | undefined },
): string[] {
	const lines = issues.flatMap((issue) => {
		const at = keyPath(issue.path);
		if (issue.code !== 'unrecognized_keys')
			return [{ path: issue.path, text: `${at || '(top level)'}: ${issue.message}` }];
		return issue.message.split('\n').map((line) => {
			const [key = '', message = line] = line.split('\t');
			return { path: [...issue.path, key], text: `${at ? `${at}.` : ''}${key}: ${message}` };
		});
	});
	if (!file) return lines.map((line) => line.text);
	// zod reports in the schema's order (and refinements after), which jumps about the file.
	const placed = lines.map((line) => ({ ...line, position: file.locate(line.path) }));
	placed.sort(
		(a, b) =>
			(a.position?.line ?? Infinity) - (b.position?.line ?? Infinity) ||
			(a.position?.column ?? Infinity) - (b.position?.column ?? Infinity),
	);
	return placed.map(({ position, text }) =>
		position ? `${file.source}:${position.line}:${position.column}: ${text}` : text,
	);
}

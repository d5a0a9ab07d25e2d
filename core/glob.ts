import picomatch from 'picomatch';
import { compileLinearRegex, type LinearRegex } from './linear-regex.ts';

/** A list of glob patterns compiled once; `indexOf` answers which pattern matched first. */
export interface GlobList {
	readonly patterns: readonly string[];
	/** Index of the first pattern `text` matches, or -1. */
	indexOf(text: string): number;
}

export interface GlobOptions {
	/** Letters match either case: for URLs and host names. @default false */
	nocase?: boolean;
}

const compiled = new WeakMap<readonly string[], Map<string, GlobList>>();

/**
 * Compiles `patterns` with picomatch: `*` matches within one `/`-separated segment, `**` across
 * them, and `?`, `[abc]` and `{a,b}` work as in a shell. Dot names match like any other, since
 * `checks.ignore: [drafts/**]` means every file under drafts/. The same array compiles once (a
 * config's lists are compiled on first use and reused by every later run). Patterns may come from
 * a tree under review, so they run on RE2's linear-time engine (`globProblem`): `*a*a*a*a*b`
 * against a long name costs microseconds, not hours; a pattern RE2 cannot run matches nothing.
 */
export function compileGlobs(patterns: readonly string[], options: GlobOptions = {}): GlobList {
	const key = options.nocase ? 'nocase' : 'case';
	const forList = compiled.get(patterns) ?? new Map<string, GlobList>();
	compiled.set(patterns, forList);
	const known = forList.get(key);
	if (known) return known;
	const matchers = patterns.map((pattern) => linearGlob(pattern, options.nocase ?? false));
	const list: GlobList = {
		patterns,
		indexOf: (text) => matchers.findIndex((matches) => matches?.(text) === true),
	};
	forList.set(key, list);
	return list;
}

/**
 * Why `pattern` matches nothing, if it does: a glob whose picomatch translation RE2 cannot run in
 * linear time, i.e. an extglob negation (`!(draft).md`); config schemas report it at its key.
 */
export function globProblem(pattern: string): string | undefined {
	const regex = toLinearRegex(pattern.replace(/^!(?!\()/, ''), false);
	if (regex.ok) return undefined;
	return /lookaround/.test(regex.reason)
		? 'RE2 runs no lookaround, which picomatch writes for `!(…)`'
		: regex.reason;
}

/**
 * The lookaheads picomatch writes that only refuse `.` and `..` segments and the empty text: the
 * paths and URLs matched here are normalised (no such segment) and never empty, so the patterns
 * match the same without them, and RE2 runs no lookahead.
 */
const dotSegmentGuards = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

function linearGlob(pattern: string, nocase: boolean): ((text: string) => boolean) | undefined {
	const negated = /^!(?!\()/.test(pattern);
	const regex = toLinearRegex(negated ? pattern.slice(1) : pattern, nocase);
	if (!regex.ok) return undefined;
	const { regex: compiled } = regex;
	return negated ? (text) => !compiled.test(text) : (text) => compiled.test(text);
}

function toLinearRegex(
	pattern: string,
	nocase: boolean,
): { ok: true; regex: LinearRegex } | { ok: false; reason: string } {
	const source = dotSegmentGuards.reduce(
		(text, guard) => text.replaceAll(guard, ''),
		picomatch.makeRe(pattern, { dot: true, nocase }).source,
	);
	return compileLinearRegex(source, { ignoreCase: nocase });
}

import type * as Re2js from 're2js';
import { lazyModule } from './lazy-module.ts';

// A third of a megabyte of code, for the few trees whose config has a pattern: loaded with the first.
const re2js = lazyModule<typeof Re2js>('re2js');

/**
 * A regular expression run by RE2's engine (re2js, a pure-JavaScript port of RE2): matching takes
 * time linear in the text, whatever the pattern, so a pattern from a tree's config (`(a+)+$`)
 * cannot make a run compute for minutes, as JavaScript's backtracking engine can.
 */
export interface LinearRegex {
	readonly source: string;
	/** True when the pattern matches somewhere in `text` (as `RegExp.prototype.test`). */
	test(text: string): boolean;
}

export type CompiledRegex = { ok: true; regex: LinearRegex } | { ok: false; reason: string };

/**
 * Compiles `source`, written for Python's `re` or JavaScript (a tool's config: MkDocs plugins,
 * Waymark's own link settings), for RE2. For the patterns both engines read the answers are
 * JavaScript's; `\w`, `\d` and `\b` are ASCII, as in JavaScript without the `u` flag. What RE2
 * cannot run in linear time is refused with the reason, a clause such as "RE2 runs no
 * lookaround": backreferences (`\1`, `(?P=name)`), lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`),
 * repetition counts over 1000. A POSIX class (`[[:alpha:]]`), which RE2 reads as a class and
 * Python and JavaScript as the characters `[:alph`, is refused too. Python's `\Z` (end of text)
 * is read as RE2's `\z`, and `\u00e9` as `\x{00e9}`.
 */
export function compileLinearRegex(
	source: string,
	options: { ignoreCase?: boolean } = {},
): CompiledRegex {
	if (/\[\[:\^?[a-z]+:\]/.test(source))
		return {
			ok: false,
			reason:
				'RE2 reads `[[:alpha:]]` as a POSIX class, where Python and JavaScript read the characters `[:alph`',
		};
	const translated = asRe2Escapes(source);
	const { RE2JS } = re2js();
	let compiled: Re2js.RE2JS;
	try {
		compiled = RE2JS.compile(translated, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
	} catch (error) {
		return { ok: false, reason: refusal(source, (error as Error).message) };
	}
	return { ok: true, regex: { source, test: (text) => compiled.test(text) } };
}

/** Python's `\Z` as RE2's `\z`, and `\u00e9` (Python, JavaScript) as `\x{00e9}`, escape by escape (an escaped backslash before a `Z` is not one). */
function asRe2Escapes(source: string): string {
	let out = '';
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (char !== '\\') {
			out += char;
			continue;
		}
		const next = source[++i] ?? '';
		const hex = next === 'u' ? /^[\da-f]{4}/i.exec(source.slice(i + 1, i + 5))?.[0] : undefined;
		if (hex) i += 4;
		out += next === 'Z' ? '\\z' : hex ? `\\x{${hex}}` : `\\${next}`;
	}
	return out;
}

/** Why RE2 refused `source`: the construct it cannot run in linear time, or its parser's words. */
function refusal(source: string, message: string): string {
	if (/\(\?<?[=!]/.test(source)) return 'RE2 runs no lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`)';
	if (/\\[1-9]|\(\?P=/.test(source)) return 'RE2 runs no backreference (`\\1`, `(?P=name)`)';
	if (/invalid repeat count/.test(message)) return 'RE2 repeats at most 1000 times (`{1000}`)';
	return `RE2 cannot read it (${message.replace(/^error parsing regexp: /, '')})`;
}

/**
 * Finding Hugo shortcodes in a page's text: each call with its arguments and place, wrappers paired
 * with their closing calls, and Hugo's escapes (`{{</* x *\/>}}`). What they become is
 * `shortcodes.ts`'s.
 */
import { frontmatterLineCount, literalLines, maskInlineCode } from '../syntax/code-lines.ts';

// The arguments take the whitespace before `>}}` too: a separate `[ \t\n]*` there was tried from
// every character of a run of blanks after an unclosed shortcode, quadratic in the run.
const shortcode =
	/\{\{([<%])[ \t]*(\/)?[ \t]*([\w.-]+)((?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|`[^`]*`|[^"'`<>%{}])*?)[>%]\}\}/g;
const argument =
	/(\w+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+)/g;

/** A shortcode call found in the text, with its place, and what the rewrite learns of it. */
export interface Token {
	start: number;
	end: number;
	closing: boolean;
	name: string;
	positional: string[];
	named: Record<string, string>;
	pair?: Token;
	depth: number;
	line: number;
	column: number;
	/** In a code block or span, where Hugo's output is text (`replaceInCode`). */
	inCode?: boolean;
	/** A tab of a set of tabs (`tabSets`): its label, whether it starts the set, and whether its body is code (Docsy's). */
	tab?: { label: string; first: boolean; code: boolean };
	/** A set of tabs, whose tabs are each a content tab: the set's own shortcodes leave no line. */
	tabSet?: boolean;
}

/** An escaped shortcode, `{{</* name *\/>}}`, and what Hugo shows for it. */
export interface Escape {
	start: number;
	end: number;
	/** The shortcode as Hugo shows it: the escape without its comment marks. */
	shown: string;
}

/**
 * Hugo's escaped shortcodes, `{{</* name *\/>}}` (or with `%`), which Hugo shows as the shortcode
 * itself, `{{< name >}}`, never running it: how pages about shortcodes write them, in code above all.
 * Each runs from its `{{</*` to the first `*\/>}}` after it, as Hugo's lexer finds its end; one
 * never closed ends the search (Hugo stops the build there), so the page is read once, however
 * many escapes are left open.
 */
function findEscapes(text: string): Escape[] {
	const escapes: Escape[] = [];
	const opening = /\{\{([<%])\/\*/g;
	const closing = /\*\/([>%])\}\}/g;
	for (let open = opening.exec(text); open; open = opening.exec(text)) {
		closing.lastIndex = opening.lastIndex;
		const close = closing.exec(text);
		if (!close) break;
		escapes.push({
			start: open.index,
			end: closing.lastIndex,
			shown: `{{${open[1]}${text.slice(opening.lastIndex, close.index)}${close[1]}}}`,
		});
		opening.lastIndex = closing.lastIndex;
	}
	return escapes;
}

/** The index of the last of the ascending `values` at or before `value` (0 when none is). */
function lastAtOrBefore(values: readonly number[], value: number): number {
	let low = 0;
	let high = values.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if ((values[middle] as number) <= value) low = middle;
		else high = middle - 1;
	}
	return low;
}

/**
 * The shortcode calls and escapes of a page's `text` (`findShortcodes`), with its lines and where
 * each starts: none in front matter (Hugo never runs shortcodes there, its text is metadata), and
 * in code only when `runsInCode`.
 */
export function shortcodesOf(
	text: string,
	runsInCode: boolean,
): { tokens: Token[]; escapes: Escape[]; lines: string[]; lineStarts: number[] } {
	const lines = text.split('\n');
	const code = literalLines(lines, { frontmatter: false });
	const prose = lines
		.map((line, i) => (code[i] ? ' '.repeat(line.length) : maskInlineCode(line)))
		.join('\n');
	const lineStarts = [0];
	for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
	const bodyStart = lineStarts[frontmatterLineCount(lines)] ?? text.length;
	return {
		...findShortcodes(text, { lineStarts, bodyStart, prose, runsInCode }),
		lines,
		lineStarts,
	};
}

/** Where shortcodes may run in a page: from `bodyStart` on (Hugo never runs them in front matter); in code too when `runsInCode`. */
interface ShortcodeScope {
	/** Where each line of the text starts. */
	lineStarts: readonly number[];
	bodyStart: number;
	/** The text with code blocks and spans blanked: a character that differs from the text's is code. */
	prose: string;
	runsInCode: boolean;
}

/**
 * The shortcode calls and escapes of `text`, in the order they start: one inside an earlier one
 * (a shortcode in an escape, an escape in a shortcode's quoted argument) is that one's text, never
 * a call or an escape of its own. Each call knows its line, its column and whether it is in code.
 */
function findShortcodes(
	text: string,
	scope: ShortcodeScope,
): { tokens: Token[]; escapes: Escape[] } {
	const { lineStarts, bodyStart, prose, runsInCode } = scope;
	const place = (start: number) => {
		const line = lastAtOrBefore(lineStarts, start);
		return { line: line + 1, column: start - (lineStarts[line] ?? 0) + 1 };
	};
	const found = findEscapes(text).filter(
		(escape) =>
			escape.start >= bodyStart && (runsInCode || prose[escape.start] === text[escape.start]),
	);
	const escapes: Escape[] = [];
	let covered = 0;
	let next = 0;
	const keepEscapesBefore = (offset: number) => {
		for (; next < found.length && (found[next] as Escape).start <= offset; next++) {
			const escape = found[next] as Escape;
			if (escape.start < covered) continue;
			escapes.push(escape);
			covered = escape.end;
		}
	};
	const tokens: Token[] = [];
	for (const match of text.matchAll(shortcode)) {
		const start = match.index;
		keepEscapesBefore(start);
		if (start < bodyStart || start < covered) continue;
		// Masked away in the prose: in a code block or span.
		const inCode = prose[start] !== text[start];
		if (inCode && !runsInCode) continue;
		const args = parseArguments(
			text
				.slice(start, start + match[0].length)
				.replace(/^\{\{[<%][ \t]*\/?[ \t]*[\w.-]+/, '')
				.replace(/[>%]\}\}$/, ''),
		);
		tokens.push({
			start,
			end: start + match[0].length,
			closing: match[2] === '/',
			name: (match[3] ?? '').toLowerCase(),
			...args,
			depth: 0,
			...place(start),
			...(inCode && { inCode }),
		});
		covered = start + match[0].length;
	}
	keepEscapesBefore(text.length);
	return { tokens, escapes };
}

/**
 * Pairs each closing shortcode with the nearest opening one of its name still open (wrappers
 * still open inside it were self-closing after all) and gives each pair its depth: outer wrappers
 * need longer fences than the ones they hold. One pass: each name keeps its own stack of the
 * openings pushed, checked only when it comes up.
 */
export function pairTokens(tokens: Token[]): void {
	// An open wrapper, and the depth of the deepest pair found inside it so far (-1: none).
	const open: Array<{ token: Token; deepest: number }> = [];
	const byName = new Map<string, Array<{ token: Token; at: number }>>();
	for (const token of tokens) {
		const named = byName.get(token.name) ?? [];
		byName.set(token.name, named);
		if (!token.closing) {
			named.push({ token, at: open.length });
			open.push({ token, deepest: -1 });
			continue;
		}
		// Openings dropped since (paired, or self-closing inside a pair) no longer stand where they were pushed.
		while (
			named.length > 0 &&
			open[(named.at(-1) as { at: number }).at]?.token !== (named.at(-1) as { token: Token }).token
		)
			named.pop();
		const found = named.pop();
		if (!found) continue;
		const opening = found.token;
		opening.pair = token;
		token.pair = opening;
		let deepest = -1;
		for (const inside of open.splice(found.at)) deepest = Math.max(deepest, inside.deepest);
		opening.depth = deepest + 1;
		const outer = open.at(-1);
		if (outer) outer.deepest = Math.max(outer.deepest, opening.depth);
	}
}

function parseArguments(text: string): { positional: string[]; named: Record<string, string> } {
	const positional: string[] = [];
	const named: Record<string, string> = {};
	for (const m of text.matchAll(argument)) {
		if (m[1]) named[m[1].toLowerCase()] = unescape(m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
		else positional.push(unescape(m[6] ?? m[7] ?? m[8] ?? m[9] ?? ''));
	}
	return { positional, named };
}

/** Whether `token` stands alone on its line, blanks aside. */
export function aloneOnLine(token: Token, text: string): boolean {
	const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
	const lineEnd = text.indexOf('\n', token.end);
	return (
		text.slice(lineStart, token.start).trim() === '' &&
		text.slice(token.end, lineEnd === -1 ? undefined : lineEnd).trim() === ''
	);
}

const unescape = (value: string): string => value.replace(/\\(["\\])/g, '$1');

/**
 * Where a placeholder stands in a shell command, as the shell reads it: in a plain word, inside
 * double or single quotes, in a here-document, in a comment, or somewhere Waymark does not quote
 * for (`${…}`, `$((…))`, `$'…'`). `fill-value.ts` quotes a label's value for that place. A small
 * POSIX lexer, linear in the script; it reads quotes, escapes, `$(…)`, backquotes, comments and
 * here-documents, which is all that decides how a value must be quoted.
 */
import type { FillContext } from './fill-value.ts';

type Frame =
	| { kind: 'word' | 'backtick' | 'double' | 'single' | 'ansi' | 'comment' }
	| { kind: 'subst' | 'brace' | 'arith'; depth: number };

interface PendingHeredoc {
	delimiter: string;
	literal: boolean;
	stripTabs: boolean;
}

const contextOf: Record<Frame['kind'], FillContext> = {
	word: 'shell',
	subst: 'shell',
	backtick: 'shell',
	double: 'shell-double',
	single: 'shell-single',
	comment: 'text',
	ansi: 'none',
	brace: 'none',
	arith: 'none',
};

/** `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"`, `<<\WORD`: the delimiter and whether the body is literal. */
const heredocOperator =
	/^<<(-?)[ \t]*(?:'([^'\n]+)'|"([^"\n]+)"|\\([A-Za-z0-9_]+)|([A-Za-z0-9_][A-Za-z0-9_.-]*))/;

/**
 * The quoting context at the start of each range in `ranges` (sorted, not overlapping); the text of
 * a range is read as plain word characters, since a value replaces it. A script the lexer reads to
 * its end with a quote still open is fine: the context is what the shell would see up to there.
 */
export function shellContexts(
	script: string,
	ranges: ReadonlyArray<{ start: number; end: number }>,
): FillContext[] {
	const contexts: FillContext[] = [];
	const stack: Frame[] = [{ kind: 'word' }];
	const pending: PendingHeredoc[] = [];
	let next = 0;
	let i = 0;
	const top = (): Frame => stack[stack.length - 1]!;
	const atWordStart = (): boolean => i === 0 || /[\s;&|()]/.test(script[i - 1]!);
	while (i < script.length) {
		const range = ranges[next];
		if (range && i >= range.start) {
			contexts.push(contextOf[top().kind]);
			i = Math.max(i, range.end);
			next++;
			continue;
		}
		const frame = top();
		const c = script[i]!;
		const two = script.slice(i, i + 2);
		switch (frame.kind) {
			case 'single':
				if (c === "'") stack.pop();
				i++;
				continue;
			case 'ansi':
				if (c === '\\') i++;
				else if (c === "'") stack.pop();
				i++;
				continue;
			case 'comment':
				if (c === '\n') stack.pop();
				else {
					i++;
					continue;
				}
				break;
			case 'brace':
				if (c === '{') frame.depth++;
				else if (c === '}' && --frame.depth === 0) stack.pop();
				i++;
				continue;
			case 'arith':
				if (c === '(') frame.depth++;
				else if (c === ')' && --frame.depth === 0) stack.pop();
				i++;
				continue;
		}
		// word, subst, backtick and double quotes: escapes and expansions.
		if (c === '\\') {
			i += 2;
			continue;
		}
		if (script.startsWith('$((', i)) {
			stack.push({ kind: 'arith', depth: 2 });
			i += 3;
			continue;
		}
		if (two === '$(') {
			stack.push({ kind: 'subst', depth: 0 });
			i += 2;
			continue;
		}
		if (two === '${') {
			stack.push({ kind: 'brace', depth: 1 });
			i += 2;
			continue;
		}
		if (c === '`') {
			if (frame.kind === 'backtick') stack.pop();
			else stack.push({ kind: 'backtick' });
			i++;
			continue;
		}
		if (frame.kind === 'double') {
			if (c === '"') stack.pop();
			i++;
			continue;
		}
		// Unquoted: quotes open, comments, here-documents, the end of `$(…)`.
		if (two === "$'") {
			stack.push({ kind: 'ansi' });
			i += 2;
			continue;
		}
		if (c === "'") stack.push({ kind: 'single' });
		else if (c === '"') stack.push({ kind: 'double' });
		else if (c === '#' && atWordStart()) stack.push({ kind: 'comment' });
		else if (frame.kind === 'subst' && c === '(') frame.depth++;
		else if (frame.kind === 'subst' && c === ')') {
			if (frame.depth === 0) stack.pop();
			else frame.depth--;
		} else if (two === '<<' && script[i + 2] !== '<') {
			const operator = heredocOperator.exec(script.slice(i, i + 200));
			if (operator) {
				const [whole, dash, single, double, escaped, bare] = operator;
				pending.push({
					delimiter: (single ?? double ?? escaped ?? bare)!,
					literal: bare === undefined,
					stripTabs: dash === '-',
				});
				i += whole.length;
				continue;
			}
		}
		if (c === '\n' && pending.length > 0) {
			({ at: i, next } = readHeredocs(script, i + 1, pending.splice(0), ranges, next, contexts));
			continue;
		}
		i++;
	}
	// Ranges past the end of what was read (none in practice) share the last context.
	while (contexts.length < ranges.length) contexts.push(contextOf[top().kind]);
	return contexts;
}

/** Reads here-document bodies from `from`, recording the context of the ranges in them; returns where the script goes on and the next range. */
function readHeredocs(
	script: string,
	from: number,
	bodies: PendingHeredoc[],
	ranges: ReadonlyArray<{ start: number; end: number }>,
	next: number,
	contexts: FillContext[],
): { at: number; next: number } {
	let at = from;
	for (const body of bodies) {
		for (;;) {
			const lineEnd = script.indexOf('\n', at);
			const end = lineEnd === -1 ? script.length : lineEnd;
			const line = script.slice(at, end);
			if ((body.stripTabs ? line.replace(/^\t+/, '') : line) === body.delimiter) {
				at = end + 1;
				break;
			}
			while (ranges[next] && ranges[next]!.start < end) {
				contexts.push(
					body.literal
						? 'heredoc-literal'
						: insideExpansion(script.slice(at, ranges[next]!.start))
							? 'none'
							: 'heredoc',
				);
				next++;
			}
			if (lineEnd === -1) return { at: script.length, next };
			at = end + 1;
		}
	}
	return { at, next };
}

/** Whether an expanded here-document line leaves `${…}`, `$(…)` or a backquote open before a placeholder. */
function insideExpansion(before: string): boolean {
	let braces = 0;
	let parens = 0;
	let backquoted = false;
	for (let i = 0; i < before.length; i++) {
		const c = before[i];
		if (c === '\\') i++;
		else if (c === '`') backquoted = !backquoted;
		else if (c === '$' && before[i + 1] === '{') {
			braces++;
			i++;
		} else if (c === '$' && before[i + 1] === '(') {
			parens++;
			i++;
		} else if (c === '}' && braces > 0) braces--;
		else if (c === ')' && parens > 0) parens--;
	}
	return braces > 0 || parens > 0 || backquoted;
}

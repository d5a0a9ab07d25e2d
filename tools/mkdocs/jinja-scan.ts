import type { MacrosSettings } from './settings.ts';

/** A piece of a Jinja template, by offsets into its text. */
export type JinjaToken =
	| { kind: 'text'; start: number; end: number }
	| { kind: 'comment'; start: number; end: number }
	/** `{% raw %}…{% endraw %}`: `content` is its text, shown as written. */
	| { kind: 'raw'; start: number; end: number; contentStart: number; contentEnd: number }
	| { kind: 'variable'; start: number; end: number; inner: string }
	| { kind: 'block'; start: number; end: number; inner: string }
	/** A start delimiter with no end: Jinja refuses the whole template. */
	| { kind: 'unclosed'; start: number; end: number; what: 'variable' | 'block' | 'comment' };

type Delimiters = MacrosSettings['delimiters'];

/**
 * Splits a template into text and tags the way Jinja's lexer does: a tag ends at the first end
 * delimiter outside a quoted string; `-` and `+` beside a delimiter (whitespace control) are
 * dropped from `inner`. Never evaluates anything, and reads each character a bounded number of
 * times: a tag that cannot close is reported, and later tags of its kind are not searched again.
 */
export function scanJinja(text: string, delimiters: Delimiters): JinjaToken[] {
	const tokens: JinjaToken[] = [];
	const starts = [
		{ what: 'variable' as const, open: delimiters.variable[0], close: delimiters.variable[1] },
		{ what: 'block' as const, open: delimiters.block[0], close: delimiters.block[1] },
		{ what: 'comment' as const, open: delimiters.comment[0], close: delimiters.comment[1] },
	].filter((d) => d.open !== '' && d.close !== '');
	const next = new Map<string, number>();
	const cannotClose = new Set<string>();
	let at = 0;
	let textStart = 0;
	const pushText = (end: number) => {
		if (end > textStart) tokens.push({ kind: 'text', start: textStart, end });
	};
	while (at < text.length) {
		let found: (typeof starts)[number] | undefined;
		let foundAt = Infinity;
		for (const d of starts) {
			let position = next.get(d.open);
			if (position === undefined || position < at)
				next.set(d.open, (position = text.indexOf(d.open, at)));
			if (
				position !== -1 &&
				(position < foundAt || (position === foundAt && found && d.open.length > found.open.length))
			)
				[found, foundAt] = [d, position];
		}
		if (!found) break;
		const innerStart = foundAt + found.open.length;
		const end = cannotClose.has(found.what)
			? -1
			: found.what === 'comment'
				? text.indexOf(found.close, innerStart)
				: closeOutsideStrings(text, innerStart, found.close);
		if (end === -1) {
			cannotClose.add(found.what);
			pushText(foundAt);
			tokens.push({ kind: 'unclosed', start: foundAt, end: innerStart, what: found.what });
			at = textStart = innerStart;
			continue;
		}
		pushText(foundAt);
		const tagEnd = end + found.close.length;
		const inner = stripControl(text.slice(innerStart, end));
		if (found.what === 'comment') tokens.push({ kind: 'comment', start: foundAt, end: tagEnd });
		else if (found.what === 'block' && inner === 'raw') {
			const endRaw = findEndRaw(text, tagEnd, delimiters.block);
			if (!endRaw) {
				tokens.push({ kind: 'unclosed', start: foundAt, end: tagEnd, what: 'block' });
				at = textStart = tagEnd;
				continue;
			}
			tokens.push({
				kind: 'raw',
				start: foundAt,
				end: endRaw.end,
				contentStart: tagEnd,
				contentEnd: endRaw.start,
			});
			at = textStart = endRaw.end;
			continue;
		} else
			tokens.push(
				found.what === 'block'
					? { kind: 'block', start: foundAt, end: tagEnd, inner }
					: { kind: 'variable', start: foundAt, end: tagEnd, inner },
			);
		at = textStart = tagEnd;
	}
	pushText(text.length);
	return tokens;
}

/** The offset of `close` after `from`, skipping quoted strings; -1 when there is none. */
function closeOutsideStrings(text: string, from: number, close: string): number {
	let i = from;
	while (i < text.length) {
		if (text.startsWith(close, i)) return i;
		const char = text[i];
		if (char === '"' || char === "'") {
			const endQuote = matchingQuote(text, i);
			// An unmatched quote is an ordinary character here (Jinja would refuse the tag).
			if (endQuote !== -1) {
				i = endQuote + 1;
				continue;
			}
		}
		i++;
	}
	return -1;
}

function matchingQuote(text: string, at: number): number {
	const quote = text[at];
	for (let i = at + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === quote) return i;
		else if (text[i] === '\n') return -1;
	}
	return -1;
}

/** The tag's words without the whitespace-control marks beside the delimiters. */
function stripControl(inner: string): string {
	return inner.replace(/^[-+]/, '').replace(/[-+]$/, '').trim();
}

function findEndRaw(
	text: string,
	from: number,
	[open, close]: [string, string],
): { start: number; end: number } | undefined {
	for (let at = text.indexOf(open, from); at !== -1; at = text.indexOf(open, at + open.length)) {
		const end = text.indexOf(close, at + open.length);
		if (end === -1) return undefined;
		if (stripControl(text.slice(at + open.length, end)) === 'endraw')
			return { start: at, end: end + close.length };
	}
	return undefined;
}

import { codeSpanRanges } from './code-spans.ts';

/**
 * Text for HTML and XML (JUnit), in element content and in quoted attribute values. Control
 * characters XML 1.0 cannot carry, even escaped, are dropped.
 */
export function escapeHtml(text: string): string {
	return (
		text
			// eslint-disable-next-line no-control-regex -- matching them is the point
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
			.replaceAll('&', '&amp;')
			.replaceAll('<', '&lt;')
			.replaceAll('>', '&gt;')
			.replaceAll('"', '&quot;')
			.replaceAll("'", '&#39;')
	);
}

/**
 * Text for one Markdown table cell or list item: on one line, with `|` escaped so it cannot end
 * the cell and `<` outside code spans escaped so it cannot open HTML. Code spans are kept as
 * they are (messages quote code in backticks, and `&lt;` would show literally inside them).
 */
export function escapeMarkdownCell(text: string): string {
	return text
		.replace(/\r?\n/g, ' ')
		.replaceAll('|', '\\|')
		.replace(/(`+)[^`]*?\1|</g, (match, ticks: string | undefined) => (ticks ? match : '&lt;'));
}

/**
 * A URL as a Markdown link's destination that no character in it can end or change: `(`, `)`, `<`,
 * `>`, `\\`, spaces and controls percent-encoded (`hrefForRoute` leaves parentheses as they are,
 * and a page named `a)(www.x.md` ended the link and autolinked the rest).
 */
export function markdownDestination(url: string): string {
	// eslint-disable-next-line no-control-regex -- encoding them is the point
	return url.replace(/[()<>\\\s\u0000-\u001f\u007f]/g, (char) =>
		char.charCodeAt(0) < 0x80
			? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
			: encodeURIComponent(char),
	);
}

/** Characters a terminal or a CI log acts on instead of showing: controls, line and paragraph separators, bidirectional overrides. */
const unprintable =
	// eslint-disable-next-line no-control-regex -- matching them is the point
	/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(char: string): string {
	const known: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
	const code = char.charCodeAt(0);
	return (
		known[char] ??
		(code <= 0xff
			? `\\x${code.toString(16).padStart(2, '0')}`
			: `\\u${code.toString(16).padStart(4, '0')}`)
	);
}

/** Where a piece of Markdown goes: a table cell, where `|` ends the cell unless escaped (in code too), or a line of its own. */
export type MarkdownPlace = 'cell' | 'line';

/**
 * `text` as one Markdown code span that nothing in it can end: fenced with one backtick more than
 * its longest run, padded where it starts or ends with one, on one line (control characters shown
 * as escapes; an empty text as a space), `|` escaped in a table
 * cell (GFM reads `\|` as `|` there, code or not; elsewhere it would show the backslash). A file
 * name is the branch's to choose: ``a`[x](https://…)`b`` in plain backticks put a live link into
 * the pull-request comment.
 */
export function markdownCode(text: string, place: MarkdownPlace = 'cell'): string {
	// `##[`, a workflow command's older form, shown escaped as on a terminal: a report may go to stdout.
	const oneLine =
		text
			.replace(/\r\n?|\n/g, ' ')
			.replace(unprintable, visibleEscape)
			.replaceAll('##[', '#\\x23[') || ' ';
	// micromark splits a row at a `|` after an even run of backslashes (each pair one escaped
	// backslash), in code too; cmark-gfm (GitHub) at none after a backslash. Doubling the run and
	// adding one escapes the pipe for both; GitHub then shows the doubled run.
	const flat =
		place === 'cell'
			? oneLine
					.split('|')
					.map((piece, i, all) =>
						i === all.length - 1 ? piece : `${piece}${'\\'.repeat(trailingBackslashes(piece))}\\|`,
					)
					.join('')
			: oneLine;
	const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	// CommonMark takes one space off each side of a span that has both: kept by one more each side.
	const pad =
		flat.startsWith('`') || flat.endsWith('`') || (/^ .* $/.test(flat) && flat.trim() !== '')
			? ' '
			: '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

function trailingBackslashes(text: string): number {
	let count = 0;
	while (text[text.length - 1 - count] === '\\') count++;
	return count;
}

/**
 * Text a branch may have written (a finding's message, a probe's target or reason) for one line of
 * a Markdown report or pull-request comment, showing what it says and nothing more. Messages quote
 * in backticks; each code span, as CommonMark pairs the runs, is written again with
 * `markdownCode`, so a quoted `x`[y](https://…)` ends nowhere it should not. Outside code, every
 * character that can open Markdown (links, images, HTML, emphasis, entities, math) is escaped, and
 * what GitHub links after rendering (bare URLs, `www.`, addresses, `@mentions`, `#12`, `GH-12`) is put
 * in code. Control characters show as their escapes, as in `terminalText`.
 */
export function markdownText(text: string, place: MarkdownPlace = 'cell'): string {
	const written = codeSpans(text.replace(/\r\n?|\n/g, ' ').replace(unprintable, visibleEscape)).map(
		(part) =>
			part.code === undefined ? plainMarkdown(part.text, place) : markdownCode(part.code, place),
	);
	// Two spans side by side would make one run of their fences: a space keeps them apart.
	return written
		.map((piece, i) =>
			i > 0 && piece.startsWith('`') && written[i - 1]?.endsWith('`') ? ` ${piece}` : piece,
		)
		.join('');
}

/**
 * Characters that open Markdown or GFM inline syntax in the middle of a line (code, emphasis,
 * strikethrough, links and images, HTML, an entity's `&`, math, a table's cell); a backslash makes
 * each literal. The text never starts a line, so list and heading markers need none.
 */
const markdownPunctuation = /[\\`*_[\]<!~|$]|&(?=[#\w])/g;
/** Words GitHub links once rendered, which no backslash stops: URLs, `www.`, addresses and mentions, `#12`, `GH-12`. */
const linkedWord = /:\/\/|www\.|@|#\w|\bgh-\d/i;

function plainMarkdown(text: string, place: MarkdownPlace): string {
	return text
		.split(/( +)/)
		.map((word, i) =>
			i % 2 === 1 || word === ''
				? word
				: linkedWord.test(word)
					? markdownCode(word, place)
					: word.replace(markdownPunctuation, '\\$&'),
		)
		.join('');
}

/** A piece of a message: text, or the content of a code span. */
interface Part {
	text: string;
	code?: string;
}

/**
 * `text` split into code spans and the text between (`codeSpanRanges`). The span's content loses
 * one space each side when it has one on both (and is not all spaces).
 */
function codeSpans(text: string): Part[] {
	const parts: Part[] = [];
	let from = 0;
	for (const [start, end] of codeSpanRanges(text)) {
		if (start > from) parts.push({ text: text.slice(from, start) });
		let fence = 0;
		while (text[start + fence] === '`') fence++;
		const inner = text.slice(start + fence, end - fence);
		const stripped = /^ .* $/.test(inner) && inner.trim() !== '' ? inner.slice(1, -1) : inner;
		parts.push({ text: text.slice(start, end), code: stripped });
		from = end;
	}
	if (from < text.length) parts.push({ text: text.slice(from) });
	return parts;
}

/**
 * Text a branch may have written, for one line of a terminal or a CI log: each control character,
 * line break and bidirectional override shown as its escape (`\n`, `\x1b`, `\u202e`), so a page
 * cannot start a line of its own, colour or erase what follows, or reorder it. A line that would
 * begin with `::` (a GitHub Actions workflow command, read after leading spaces) or carry `##[`
 * (the older form) has its first colon or bracket escaped.
 */
export function terminalText(text: string): string {
	return text
		.replace(unprintable, visibleEscape)
		.replace(/^(\s*):(?=:)/, '$1\\x3a')
		.replaceAll('##[', '#\\x23[');
}

/**
 * `terminalText` for text of several lines: each line on its own, the breaks kept. With `colours`,
 * colour sequences (`ESC[…m`, which a logger adds around its own words) are kept too.
 */
export function terminalLines(text: string, { colours = false } = {}): string {
	const line = colours
		? (part: string) =>
				part
					.split(colourSequence)
					.map((piece, i) => (i % 2 === 1 ? piece : terminalText(piece)))
					.join('')
		: terminalText;
	return text.split('\n').map(line).join('\n');
}

// Graphic renditions but 8 (concealed: a branch's text could hide the lines after it).
// eslint-disable-next-line no-control-regex -- matching it is the point
const colourSequence = /(\u001b\[(?:(?:[0-79]|[1-9]\d+)(?:;(?:[0-79]|[1-9]\d+))*)?m)/;

/**
 * `value` as JSON for a report on stdout: JSON keeps every line break and control character
 * escaped already; `##[`, the older form of a GitHub Actions workflow command, which the runner
 * finds anywhere in a line, is escaped too (`#\u0023[`, the same string to any JSON reader).
 */
export function reportJson(value: unknown): string {
	return JSON.stringify(value, null, 2).replaceAll('##[', '#\\u0023[');
}

/** Text for one log line: control characters and line separators become spaces, `max` characters at most. */
export function escapeLogLine(text: string, max = 300): string {
	// eslint-disable-next-line no-control-regex -- matching them is the point
	return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').slice(0, max);
}

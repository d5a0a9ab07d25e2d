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
 * `text` as one Markdown code span that nothing in it can end: fenced with one backtick more than
 * its longest run, padded where it starts or ends with one, on one line, `|` escaped for a table
 * cell. A file name is the branch's to choose: ``a`[x](https://…)`b`` in plain backticks put a
 * live link into the pull-request comment.
 */
export function markdownCode(text: string): string {
	const flat = text.replace(/\r?\n/g, ' ').replaceAll('|', '\\|');
	const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text for one log line: control characters and line separators become spaces, `max` characters at most. */
export function escapeLogLine(text: string, max = 300): string {
	// eslint-disable-next-line no-control-regex -- matching them is the point
	return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').slice(0, max);
}

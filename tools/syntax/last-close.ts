/**
 * `text` up to the end of the last `close` in it: the part a pattern from an opener lazily to its
 * close (Liquid's `\{%(.*?)%\}`, `\{\{(.*?)\}\}`) can match at all. Searched whole, such a pattern
 * scans from every opener with no close after it to the end of the line, so n unclosed openers on
 * one line cost n² steps (a line of 100 kB took seconds). Cut here, every opener searched has a
 * close after it, each match ends at the first one, and the search is linear.
 */
export function toLastClose(text: string, close: string): string {
	const at = text.lastIndexOf(close);
	return at < 0 ? '' : text.slice(0, at + close.length);
}

/**
 * For each name a closing line gives (`pattern`'s first group: `{% endif %}` gives `if`), the index
 * of the last line that closes it. Whether a block opened at line `at` is closed later is then
 * `(last.get(name) ?? -1) > at`, with no scan: a scan from each opener to the end of the page cost
 * n² on a page of openers never closed, and a scan bounded to cap it missed long blocks.
 */
export function lastClosingLines(
	lines: readonly string[],
	pattern: RegExp,
): ReadonlyMap<string, number> {
	const last = new Map<string, number>();
	lines.forEach((line, i) => {
		const name = pattern.exec(line)?.[1];
		if (name !== undefined) last.set(name, i);
	});
	return last;
}

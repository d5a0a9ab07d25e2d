/** The opening of an ATX heading: up to three spaces, one to six `#`, then a space, a tab or the end. */
const opening = /^ {0,3}(#{1,6})(?=[ \t]|\r?$)/;

/**
 * A line's ATX heading (`## Restore {#restore} ##`), as CommonMark reads one: its level, and its
 * text without the blanks around it and without a closing run of `#` that a blank stands before;
 * `undefined` when the line is none. The text is cut in code, not by one pattern: a pattern such as
 * `(.*?)(?:[ \t]+#+)?[ \t]*$` tries every split of a long run of blanks inside the heading, and a
 * line of 40,000 spaces took seconds.
 */
export function atxHeading(line: string): { level: number; text: string } | undefined {
	const open = opening.exec(line);
	if (!open) return undefined;
	const text = line.slice(open[0].length).trim();
	let end = text.length;
	while (end > 0 && text[end - 1] === '#') end--;
	const closed =
		end < text.length && (end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t');
	return { level: open[1]!.length, text: closed ? text.slice(0, end).trimEnd() : text };
}

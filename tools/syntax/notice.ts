/**
 * The notice a page shows where it held something Waymark cannot show as its tool would (a
 * component, a directive, a file that cannot be pulled in): emphasised, in parentheses, with the
 * thing named and Markdown's marks in its name escaped, so it reads as a note and never as syntax.
 */
export const notice = (what: string): string =>
	`*(${what.replace(/[*_[\]\\`<>]/g, (char) => `\\${char}`)} is not shown here)*`;

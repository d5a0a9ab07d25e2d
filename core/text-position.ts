/** A place in a source file. Both numbers are 1-based, as editors and `file:line:col` show them. */
export interface Position {
	line: number;
	column: number;
}

/**
 * Maps a character offset in `text` to its position. Line starts are found once, so locating many
 * offsets in one page stays cheap. An offset past the end is placed after the last character.
 */
export function createLocator(text: string): (offset: number) => Position {
	const lineStarts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
	return (offset) => {
		let lo = 0;
		let hi = lineStarts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo + 1, column: Math.min(offset, text.length) - (lineStarts[lo] ?? 0) + 1 };
	};
}

/** A place in a source file. Both numbers are 1-based, as editors and `file:line:col` show them. */
export interface Position {
	line: number;
	column: number;
}

/** Maps 0-based offsets in `text` to positions, by binary search over its line starts. */
export function createLocator(text: string): (offset: number) => Position {
	const lineStarts = [0];
	for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
	return (offset) => {
		let lo = 0;
		let hi = lineStarts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
	};
}

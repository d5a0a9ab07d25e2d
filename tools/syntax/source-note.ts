/** Syntax of the tree's dialect that renders differently from its forge, or not at all; reported by the `dialect-syntax` rule. */
export interface SourceNote {
	line: number;
	column: number;
	message: string;
	severity: 'error' | 'warning';
	/** About the page's own line where it pulls a file in (the include itself: a file not found, too deep), even when text pasted there starts that line. */
	atInclude?: true;
}

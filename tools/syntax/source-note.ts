/** Syntax of the tree's dialect that renders differently from its forge, or not at all; reported by the `dialect-syntax` rule. */
export interface SourceNote {
	line: number;
	column: number;
	message: string;
	severity: 'error' | 'warning';
}

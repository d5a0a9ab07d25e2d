/** A place in a source file. Both numbers are 1-based, as editors and `file:line:col` show them. */
export interface Position {
	line: number;
	column: number;
}

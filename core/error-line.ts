/**
 * The first line of what `error` says, for one line of a report or log: a parser's, a browser's or
 * a process's message often goes on with a code frame, a call log or a stack. Its own text when it
 * is not an error; `unknown error` when it says nothing.
 */
export function errorLine(error: unknown): string {
	const said = (error as { message?: unknown } | null)?.message;
	const text = typeof said === 'string' ? said : String(error);
	return (
		text
			.split('\n')
			.find((line) => line.trim() !== '')
			?.trim() ?? 'unknown error'
	);
}

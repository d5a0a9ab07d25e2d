import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { createLocator, type Position } from './position.ts';

/**
 * What `JSON.parse` said about `text`, as a reason and a place. V8 ends most messages with
 * `at position N (line L column C)`; for the ones without a position (an unexpected token, the end
 * of the input) the first error VS Code's JSON parser (jsonc-parser) finds gives the place.
 */
export function describeJsonError(
	error: unknown,
	text: string,
): { reason: string; position: Position } {
	const message = error instanceof Error ? error.message : String(error);
	const located = /^(.*?)(?: in JSON)? at position (\d+)(?: \(line (\d+) column (\d+)\))?$/s.exec(
		message,
	);
	if (located) {
		const [, reason = message, offset, line, column] = located;
		return {
			reason,
			position:
				line && column
					? { line: Number(line), column: Number(column) }
					: createLocator(text)(Number(offset)),
		};
	}
	// `Unexpected token '}', ..."robes": [ }" is not valid JSON`: the quoted excerpt says less than a position.
	const reason =
		/^(Unexpected token '.+?'), (?:\.\.\.)?".*" is not valid JSON$/su.exec(message)?.[1] ?? message;
	const errors: ParseError[] = [];
	parseJsonc(text, errors, {
		disallowComments: true,
		allowTrailingComma: false,
		allowEmptyContent: false,
	});
	return { reason, position: createLocator(text)(errors[0]?.offset ?? text.length) };
}

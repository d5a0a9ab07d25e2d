import { expect, test } from 'vitest';
import { describeJsonError } from '../../core/json-error.ts';

function said(text: string): ReturnType<typeof describeJsonError> {
	try {
		JSON.parse(text);
	} catch (error) {
		return describeJsonError(error, text);
	}
	throw new Error(`${text} is valid JSON`);
}

test.each([
	['an unexpected closing brace', '{ "version": 1, "probes": [ }', "Unexpected token '}'", 1, 29],
	[
		'a missing comma on a later line',
		'{\n\t"version": 1\n\t"probes": []\n}',
		"Expected ',' or '}' after property value",
		3,
		2,
	],
	['a truncated file', '{ "version": 1,\n "probes": [', 'Unexpected end of JSON input', 2, 13],
	['a trailing comma', '[1, 2,]', "Unexpected token ']'", 1, 7],
	['an unquoted key', '{ version: 1 }', "Expected property name or '}'", 1, 3],
	['a bad escape', '"a\\x"', 'Bad escaped character', 1, 4],
	['text after the value', '{} {}', 'Unexpected non-whitespace character after JSON', 1, 4],
	['an empty file', '', 'Unexpected end of JSON input', 1, 1],
])('gives the reason and the line and column of %s', (_name, text, reason, line, column) => {
	expect(said(text)).toEqual({ reason, position: { line, column } });
});

test('says where a message without a position points, from jsonc-parser', () => {
	expect(
		describeJsonError(
			new SyntaxError('Unexpected token \'t\', "{"a": tru }" is not valid JSON'),
			'{"a": tru }',
		),
	).toEqual({ reason: "Unexpected token 't'", position: { line: 1, column: 7 } });
});

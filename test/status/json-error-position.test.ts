import { expect, test } from 'vitest';
import { jsonErrorPosition } from '../../server/json-error-position.ts';

test.each([
	['an unexpected closing brace', '{ "version": 1, "probes": [ }', { line: 1, column: 29, found: '`}`' }],
	['a missing comma on a later line', '{\n\t"version": 1\n\t"probes": []\n}', { line: 3, column: 2, found: '`"`' }],
	['a truncated file', '{ "version": 1, "probes": [', { line: 1, column: 28, found: 'end of file' }],
	['a trailing comma', '[1, 2,]', { line: 1, column: 7, found: '`]`' }],
	['an unquoted key', '{ version: 1 }', { line: 1, column: 3, found: '`v`' }],
	['a bad escape', '"a\\x"', { line: 1, column: 4, found: '`x`' }],
	['text after the value', '{} {}', { line: 1, column: 4, found: '`{`' }],
	['an empty file', '', { line: 1, column: 1, found: 'end of file' }],
])('points at %s', (_name, text, expected) => {
	expect(() => JSON.parse(text) as unknown).toThrow();
	expect(jsonErrorPosition(text)).toEqual(expected);
});

test.each(['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}\n', '"just a string"', '0'])('accepts valid JSON %j', (text) => {
	expect(() => JSON.parse(text) as unknown).not.toThrow();
	expect(jsonErrorPosition(text)).toBeUndefined();
});

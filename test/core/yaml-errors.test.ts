import { expect, test } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';
import { locateYamlErrors } from '../../core/yaml-errors.ts';

/**
 * Every construct `yaml` reports where it gave up rather than where it starts, written at every
 * line of a small mapping (top-level value, in a block sequence, inside another flow collection,
 * indented), with zero to two lines after it. `at` marks where the error must be placed.
 */
const openers = [
	{ kind: 'a flow sequence', value: '@[platform' },
	{ kind: 'a flow sequence with items', value: '@[platform, dba' },
	{ kind: 'a flow map', value: '@{team: platform' },
	{ kind: 'a double-quoted scalar', value: '@"platform' },
	{ kind: 'a single-quoted scalar', value: "@'platform" },
	{ kind: 'a flow sequence inside a closed flow map', value: '{team: @[platform}' },
	{ kind: 'a quoted scalar inside a flow sequence', value: '[a, @"b]' },
];
const placements = [
	{ name: "as a key's value", write: (value: string) => `owner: ${value}` },
	{ name: 'in a block sequence', write: (value: string) => `owners:\n  - ${value}` },
	{ name: 'under a nested key', write: (value: string) => `team:\n  lead: ${value}` },
];
const before = ['title: Restart', 'status: active', 'reviewed: 2026-01-02'];
const after = ['tags: [erp]', 'description: Restart the replica'];

const cases = openers.flatMap((opener) =>
	placements.flatMap((placement) =>
		[0, 1, 2, 3].flatMap((lead) =>
			[0, 1, 2].map((trail) => {
				const lines = [
					...before.slice(0, lead),
					...placement.write(opener.value).split('\n'),
					...after.slice(0, trail),
				];
				const marked = lines.findIndex((line) => line.includes('@'));
				const expected = { line: marked + 1, column: (lines[marked] ?? '').indexOf('@') + 1 };
				return {
					name: `${opener.kind} ${placement.name}, after ${lead} lines and before ${trail}`,
					text: `${lines.join('\n').replace('@', '')}\n`,
					expected,
				};
			}),
		),
	),
);

test.each(cases)('places the error about $name at its opening character', ({ text, expected }) => {
	// With `prettyErrors` (what `parse` throws) the message goes on with its position and the lines drawn.
	for (const prettyErrors of [false, true]) {
		const { errors } = parseDocument(text, { prettyErrors });
		expect(errors.length).toBeGreaterThan(0);
		expect(locateYamlErrors(text, errors)[0]?.position).toEqual(expected);
	}
});

test('the generated cases include ones that yaml itself places elsewhere (the end, the next line)', () => {
	const moved = cases.filter(({ text, expected }) => {
		const [first] = parseDocument(text, { prettyErrors: true }).errors;
		return first?.linePos?.[0].line !== expected.line || first.linePos[0].col !== expected.column;
	});
	expect(moved.length).toBe(cases.length);
});

test('places each of two nested open flow sequences at its own bracket, inner first', () => {
	const text = 'title: Restart\nowners: [a, [b\nstatus: active\n';
	const { errors } = parseDocument(text, { prettyErrors: false });
	expect(locateYamlErrors(text, errors).map(({ position }) => position)).toEqual([
		{ line: 2, column: 13 },
		{ line: 2, column: 9 },
	]);
});

test('places an open flow sequence in a later document of a stream at its bracket', () => {
	const text = 'groups: []\n---\ngroups:\n  - name: a\n    rules: [\n';
	const errors = parseAllDocuments(text, { prettyErrors: false }).flatMap((doc) => doc.errors);
	expect(locateYamlErrors(text, errors).map(({ position }) => position)).toEqual([
		{ line: 5, column: 12 },
	]);
});

// yaml places these at the token at fault already: kept where it says.
test.each([
	['a duplicate key', 'title: A\nstatus: active\ntitle: B\n', { line: 3, column: 1 }],
	['a tab as indentation', 'team:\n\tlead: a\n', { line: 2, column: 1 }],
	['a mapping nested in a compact one', 'site:\n  base: /r/ url: x\n', { line: 2, column: 9 }],
	['text after a closed flow sequence', 'owners: [a, b] c\n', { line: 1, column: 16 }],
	['a bracket closing nothing', 'owners: [a]]\n', { line: 1, column: 12 }],
	['text after a closed quoted scalar', 'title: "Restart" now\n', { line: 1, column: 18 }],
])('keeps %s where yaml places it', (_name, text, expected) => {
	const { errors } = parseDocument(text, { prettyErrors: true });
	expect(errors[0]?.linePos?.[0]).toEqual({ line: expected.line, col: expected.column });
	expect(locateYamlErrors(text, errors)[0]?.position).toEqual(expected);
});

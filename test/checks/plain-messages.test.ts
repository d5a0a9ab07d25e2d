import { expect, test } from 'vitest';
import { stringify } from 'yaml';
import { collectProbes } from '../../checks/probes/collect.ts';
import { ProbeDeclarationSchema } from '../../checks/probes/schema.ts';
import { validatePage } from '../../checks/rules/support/validate-frontmatter.ts';
import { plainMessage } from '../../core/zod-issue.ts';
import { GuidebookFrontmatterSchema } from '../../markdown/frontmatter.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { treeOf } from '../links/loopback-web.ts';

/** zod's own words, which say nothing to someone who wrote YAML. */
const validationLibrary =
	/invalid input|invalid option|received (?:string|number|array|object|boolean)|expected (?:string|number|array|object|boolean|record)\b|"\|"/i;

/** A value of each kind YAML can hold, for every key: most are the wrong kind for it. */
const wrongKinds: unknown[] = ['text', 42, true, ['a', 'b'], { key: 'value' }];

const frontmatterKeys = Object.keys(GuidebookFrontmatterSchema.shape);
const probeKeys = Object.keys(ProbeDeclarationSchema.shape);

test.each(
	frontmatterKeys.flatMap((key) =>
		wrongKinds.map((value) => [key, JSON.stringify(value), value] as const),
	),
)('frontmatter `%s: %s` is judged in plain words', (key, _shown, value) => {
	const page = parsePage('a.md', `---\n${stringify({ [key]: value })}---\n# A\n`);
	for (const problem of validatePage(page)) {
		expect(problem.message).not.toMatch(validationLibrary);
		expect(problem.message).toMatch(/^Unexpected .+, expected /);
	}
});

test.each(
	probeKeys.flatMap((key) =>
		wrongKinds.map((value) => [key, JSON.stringify(value), value] as const),
	),
)('probe field `%s: %s` is judged in plain words', (key, _shown, value) => {
	const declaration = { id: 'erp', http: 'https://erp.example.lab/', [key]: value };
	const { problems } = collectProbes(
		treeOf({ 'a.md': `---\n${stringify({ probes: [declaration] })}---\n# A\n` }),
	);
	for (const problem of problems) expect(problem.message).not.toMatch(validationLibrary);
});

test('the wrong kinds do reach the checks as problems (the controls of the tests above)', () => {
	const title = validatePage(parsePage('a.md', '---\ntitle: [a, b]\n---\n# A\n'));
	expect(title.map((problem) => problem.message)).toEqual([
		'Unexpected `["a","b"]` for `title`, expected text',
	]);
	const { problems } = collectProbes(
		treeOf({
			'a.md':
				'---\nprobes:\n  - id: erp\n    http: https://erp.example.lab/\n    name: [x]\n---\n# A\n',
		}),
	);
	expect(problems.map((problem) => problem.message)).toEqual([
		'probe `erp` `name`: Unexpected a list, expected text',
	]);
	// What these messages said before, which the pattern finds.
	expect(
		'Unexpected `["a","b"]` for `title`, invalid input: expected string, received array',
	).toMatch(validationLibrary);
});

test('answers from outside that do not fit are described in plain words', () => {
	expect(plainMessage('Invalid input: expected string, received array')).toBe(
		'expected text, found a list',
	);
	expect(plainMessage('Invalid option: expected one of "firing"|"resolved"')).toBe(
		'expected one of `firing`, `resolved`',
	);
	expect(plainMessage('Unexpected `x`, expected a number')).toBe(
		'Unexpected `x`, expected a number',
	);
});

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { rulesPagePath } from '../../checks/rules/docs.ts';
import { rules } from '../../checks/rules/index.ts';
import type { Rule } from '../../checks/rules/define-rule.ts';
import { format, runExample } from './run-example.ts';

const registry = Object.entries(rules as Record<string, Rule>);
const rulesPage = readFileSync(rulesPagePath, 'utf8');

describe.each(registry)('rule %s', (id, rule) => {
	test('has the id of its registry key and file name, a description and its section of the rules page in the package, and no web address', async () => {
		expect(rule.id).toBe(id);
		expect(rule.description.length).toBeGreaterThan(10);
		expect(rulesPage).toContain(`\n## ${id}\n\n${rule.description}\n`);
		expect(rule).not.toHaveProperty('url');
		const module = (await import(`../../checks/rules/${id}.ts`)) as { default: Rule };
		expect(module.default).toBe(rule);
	});

	test.each(rule.examples.ok.map((example) => [example.title, example] as const))(
		'reports nothing on: %s',
		async (_title, example) => {
			expect(
				format(await runExample(rule, example.files, example.config ?? {}, example.trust, example)),
			).toEqual([]);
		},
	);

	test.each(rule.examples.notOk.map((example) => [example.title, example] as const))(
		'reports exactly the expected findings on: %s',
		async (_title, example) => {
			const findings = await runExample(
				rule,
				example.files,
				example.config ?? {},
				example.trust,
				example,
			);
			expect(format(findings)).toEqual(example.output);
			for (const finding of findings) {
				expect(finding.ruleId).toBe(id);
				expect(finding).not.toHaveProperty('url');
			}
		},
	);
});

import { describe, expect, test } from 'vitest';
import { rules } from '../../checks/rules/index.ts';
import type { Rule } from '../../checks/rules/define-rule.ts';
import { format, runExample } from './run-example.ts';

const registry = Object.entries(rules as Record<string, Rule>);

describe.each(registry)('rule %s', (id, rule) => {
	test('has the id of its registry key and file name, a description and a docs url', async () => {
		expect(rule.id).toBe(id);
		expect(rule.description.length).toBeGreaterThan(10);
		expect(rule.url).toMatch(/^https:\/\//);
		const module = (await import(`../../checks/rules/${id}.ts`)) as { default: Rule };
		expect(module.default).toBe(rule);
	});

	test.each(rule.examples.ok.map((example) => [example.title, example] as const))('reports nothing on: %s', async (_title, example) => {
		expect(format(await runExample(rule, example.files, example.config ?? {}, example.trust, example))).toEqual([]);
	});

	test.each(rule.examples.notOk.map((example) => [example.title, example] as const))('reports exactly the expected findings on: %s', async (_title, example) => {
		const findings = await runExample(rule, example.files, example.config ?? {}, example.trust, example);
		expect(format(findings)).toEqual(example.output);
		for (const finding of findings) {
			expect(finding.ruleId).toBe(id);
			expect(finding.url).toBe(rule.url);
		}
	});
});

import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import type { Plugin } from 'unified';
import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { lintRuleNames, ruleIds } from '../../config/checks.ts';
import { rules } from '../../checks/rules/index.ts';

test('accepts a severity for every registered rule', () => {
	expect(ruleIds).toEqual(expect.arrayContaining(Object.keys(rules)));
});

test('accepts exactly the rules of remark-preset-lint-recommended in checks.lint', () => {
	const names = (remarkPresetLintRecommended.plugins ?? [])
		.map((entry) => (Array.isArray(entry) ? entry[0] : entry) as Plugin)
		.map((plugin) => plugin.name)
		.filter((name) => name.startsWith('remark-lint:'))
		.map((name) => name.slice('remark-lint:'.length));
	expect([...lintRuleNames].sort()).toEqual(names.sort());
});

test('reports every bad key under checks in one error, with near misses', () => {
	expect(() =>
		parseConfig({
			checks: {
				rules: { 'orphan-page': 'off', 'internal-links': 'loud' },
				lint: { 'final-newlin': 'off' },
				ignored: [],
			},
		}),
	).toThrowErrorMatchingInlineSnapshot(`
			[ConfigInvalid: Configuration has 4 invalid keys:
			  ! checks.rules.internal-links: Unexpected \`"loud"\`, expected one of \`error\`, \`warning\`, \`off\`
			  ! checks.rules.orphan-page: Unexpected rule \`orphan-page\`, expected a known rule; did you mean \`orphan-pages\`
			  ! checks.lint.final-newlin: Unexpected remark-lint rule \`final-newlin\`, expected a known remark-lint rule; did you mean \`final-newline\`
			  ! checks.ignored: Unexpected key \`ignored\`, expected one of \`rules\`, \`lint\`, \`ignore\`, \`maxPageBytes\`, \`maxNestingDepth\`, \`reviewAfter\`; did you mean \`ignore\`]
		`);
});

test('reads checks.reviewAfter as a duration of at least a day, 180 days by default', () => {
	expect(parseConfig({}).checks.reviewAfter).toBe('180d');
	expect(parseConfig({ checks: { reviewAfter: '90d' } }).checks.reviewAfter).toBe('90d');
	expect(() => parseConfig({ checks: { reviewAfter: '6 months' } }))
		.toThrowErrorMatchingInlineSnapshot(`
		[ConfigInvalid: Configuration has an invalid key:
		  ! checks.reviewAfter: Unexpected \`"6 months"\`, expected a duration of at least one day such as \`90d\` or \`180d\`]
	`);
	expect(() => parseConfig({ checks: { reviewAfter: '12h' } })).toThrowErrorMatchingInlineSnapshot(`
		[ConfigInvalid: Configuration has an invalid key:
		  ! checks.reviewAfter: Unexpected \`"12h"\`, expected a duration of at least one day such as \`90d\` or \`180d\`]
	`);
});

import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import type { Plugin } from 'unified';
import { expect, test } from 'vitest';
import { parseConfig } from '../../checks/config.ts';
import { lintRuleNames, ruleIds } from '../../checks/config/checks.ts';
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
	expect(() => parseConfig({ checks: { rules: { 'orphan-page': 'off', 'internal-links': 'loud' }, lint: { 'final-newlin': 'off' }, ignored: [] } }))
		.toThrowErrorMatchingInlineSnapshot(`
			[ConfigInvalid: Configuration has 4 invalid keys:
			  ! checks.rules.orphan-page: Unexpected rule \`orphan-page\`, expected one of \`readable-files\`, \`frontmatter\`, \`header-block\`, \`internal-links\`, \`relations\`, \`breadcrumb-trail\`, \`orphan-pages\`, \`code-fences\`, \`markdown-lint\`, \`probe-declarations\`, \`mermaid-syntax\`, \`mermaid-render\`, \`external-links\`, \`probe-failed\`, \`hostname-drift\`; did you mean \`orphan-pages\`
			  ! checks.rules.internal-links: Invalid option: expected one of "error"|"warn"|"off"
			  ! checks.lint.final-newlin: Unexpected remark-lint rule \`final-newlin\`, expected one of \`final-newline\`, \`list-item-bullet-indent\`, \`list-item-indent\`, \`no-blockquote-without-marker\`, \`no-literal-urls\`, \`ordered-list-marker-style\`, \`hard-break-spaces\`, \`no-duplicate-definitions\`, \`no-heading-content-indent\`, \`no-shortcut-reference-image\`, \`no-shortcut-reference-link\`, \`no-undefined-references\`, \`no-unused-definitions\`; did you mean \`final-newline\`
			  ! checks: Unrecognized key: "ignored"]
		`);
});

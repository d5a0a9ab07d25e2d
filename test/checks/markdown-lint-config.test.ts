import { expect, test } from 'vitest';
import markdownLint from '../../checks/rules/markdown-lint.ts';
import { runExample } from './run-example.ts';

const files = { 'README.md': '# Home\n\nSee https://example.com for more.\n\n[a]: README.md\n' };
const summary = (findings: Awaited<ReturnType<typeof runExample>>) => findings.map((f) => `${f.position?.line}:${f.position?.column} ${f.severity} ${f.message.match(/\[([a-z-]+)\]$/)?.[1]}`);

test('reports preset rules as warnings by default, leaving definitions to internal-links', async () => {
	expect(summary(await runExample(markdownLint, files))).toEqual(['3:5 warning no-literal-urls']);
});

test('raises, lowers and re-enables rules through checks.lint', async () => {
	const config = { checks: { lint: { 'no-literal-urls': 'off', 'no-unused-definitions': 'error' } } };
	expect(summary(await runExample(markdownLint, files, config))).toEqual(['5:1 error no-unused-definitions']);
});

import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import markdownLint from '../../checks/rules/markdown-lint.ts';
import { remarkSettingsFromMarkdownlint } from '../../checks/rules/support/markdownlint-rules.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { runExample } from './run-example.ts';

// A bare URL, indented bullets, a hard break of three spaces, a label defined twice, no final newline.
const page =
	'# Home\n\nSee https://example.com for more.\n\n  * one\n  * two\n\nBreak here   \nand go on.\n\n[ops]: README.md\n[ops]: other.md\n\n[x][ops]';
const files = { 'README.md': page };
const summary = (findings: Awaited<ReturnType<typeof runExample>>) =>
	findings.map(
		(f) =>
			`${f.position?.line}:${f.position?.column} ${f.severity} ${f.message.match(/\[([a-z-]+)\]$/)?.[1]}`,
	);

test('reports only what changes how the page renders when the repository has no lint config', async () => {
	expect(summary(await runExample(markdownLint, files))).toEqual([
		'12:1 warning no-duplicate-definitions',
	]);
});

test('raises, lowers and re-enables rules through checks.lint', async () => {
	const config = {
		checks: { lint: { 'no-literal-urls': 'error', 'no-duplicate-definitions': 'off' } },
	};
	expect(summary(await runExample(markdownLint, files, config))).toEqual([
		'3:5 error no-literal-urls',
	]);
});

describe("the repository's own lint config", () => {
	test.each([
		[
			'.markdownlint.json (markdownlint defaults on)',
			'.markdownlint.json',
			'{ "MD034": false }',
			[
				'8:11 warning hard-break-spaces',
				'12:1 warning no-duplicate-definitions',
				'14:9 warning final-newline',
			],
		],
		[
			'.markdownlint-cli2.jsonc with comments, by alias and tag',
			'.markdownlint-cli2.jsonc',
			'{\n  // ours\n  "config": { "default": false, "no-bare-urls": true, "whitespace": true, },\n}',
			['3:5 warning no-literal-urls', '8:11 warning hard-break-spaces'],
		],
		[
			'.remarkrc with the recommended preset minus one rule',
			'.remarkrc',
			'{ "plugins": ["remark-preset-lint-recommended", ["remark-lint-list-item-bullet-indent", false]] }',
			[
				'3:5 warning no-literal-urls',
				'8:11 warning hard-break-spaces',
				'12:1 warning no-duplicate-definitions',
				'14:9 warning final-newline',
			],
		],
		[
			'remarkConfig in package.json',
			'package.json',
			'{ "name": "runbooks", "remarkConfig": { "plugins": [["lint-final-newline", ["error"]]] } }',
			['12:1 warning no-duplicate-definitions', '14:9 warning final-newline'],
		],
	])('follows %s', async (_name, file, text, expected) => {
		expect(summary(await runExample(markdownLint, { ...files, [file]: text }))).toEqual(expected);
	});

	test('is found above a root in a sub-folder, up to the repository top, and turns reference checks off with MD052/MD053', async () => {
		const repo = await writeFixture({
			'.markdownlint-cli2.yaml': 'config:\n  default: false\n  no-bare-urls: true\n',
			'docs/README.md':
				'# Home\n\nSee https://example.com and [the guide][guide].\n\n[unused]: README.md\n',
		});
		try {
			await promisify(execFile)('git', ['init', '--quiet', repo]);
			const report = await checkTree({
				root: join(repo, 'docs'),
				config: parseConfig({}),
				only: ['markdown-lint', 'internal-links'],
			});
			expect(report.findings.map((f) => `${f.position?.line} ${f.ruleId}`)).toEqual([
				'3 markdown-lint',
			]);
			// Positive control: without the config the references are reported and the bare URL is not.
			await rm(join(repo, '.markdownlint-cli2.yaml'));
			const own = await checkTree({
				root: join(repo, 'docs'),
				config: parseConfig({}),
				only: ['markdown-lint', 'internal-links'],
			});
			expect(own.findings.map((f) => `${f.position?.line} ${f.ruleId}`)).toEqual([
				'3 internal-links',
				'5 internal-links',
			]);
		} finally {
			await removeFixture(repo);
		}
	});
});

test('turns list-item-indent off for 4-space nesting (MkDocs), and shortcut references on only when MD054 forbids them', () => {
	const settings = remarkSettingsFromMarkdownlint({
		MD007: { indent: 4 },
		MD054: { shortcut: false },
	});
	expect(settings.get('list-item-indent')).toBe('off');
	expect(settings.get('list-item-bullet-indent')).toBeUndefined();
	expect(settings.get('no-shortcut-reference-link')).toBe('on');
	expect(remarkSettingsFromMarkdownlint({}).get('no-shortcut-reference-link')).toBe('off');
	expect(remarkSettingsFromMarkdownlint({}).get('list-item-indent')).toBe('on');
});

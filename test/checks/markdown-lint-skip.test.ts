import { expect, test } from 'vitest';
import markdownLint from '../../checks/rules/markdown-lint.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';
import { runExample } from './run-example.ts';

// With only `no-duplicate-definitions` on (no lint config in the repository), a page that cannot
// hold two definitions is not linted at all (`canFindOn` in checks/rules/markdown-lint.ts).
// Generated pages, linted that way and with a second rule on (so every page is linted), must get
// the same duplicate-definition findings.

const pieces = [
	'[ops]: ops.md',
	'[OPS]: other.md',
	'[Ops] : spaced.md',
	'[^note]: A footnote.',
	'[^note]: The same footnote again.',
	'> [ops]: quoted.md',
	'- [ops]: listed.md',
	'    [ops]: indented-code.md',
	'```\n[ops]: fenced.md\n```',
	'\\[ops]: escaped.md',
	'[ops]:\n  next-line.md',
	'[//]: # "a comment"',
	'See [the runbook][ops] and a note[^note].',
	'Plain text with ]: in it.',
	'Text [^a] [b]: c',
	'# Heading',
];

function page(random: Random): string {
	return `# Page\n\n${Array.from({ length: 1 + pick(random, 6) }, () => pickItem(random, pieces)).join('\n\n')}\n`;
}

test('pages skipped for holding no two definitions get the findings a lint of every page gives, over generated pages', async () => {
	const random = seededRandom(20261125);
	const files = Object.fromEntries(Array.from({ length: 120 }, (_, n) => [`page-${n}.md`, page(random)]));
	const duplicates = (findings: Awaited<ReturnType<typeof runExample>>) =>
		findings.filter((f) => f.message.endsWith('[no-duplicate-definitions]')).map((f) => `${f.file}:${f.position?.line}:${f.position?.column} ${f.message}`).sort();
	const skipping = duplicates(await runExample(markdownLint, files));
	const everyPage = duplicates(await runExample(markdownLint, { ...files, 'package.json': '{ "remarkConfig": { "plugins": [["lint-final-newline", ["warning"]]] } }' }));
	expect(skipping).toEqual(everyPage);
	// Positive control: duplicates of both kinds were found, and many pages held none.
	expect(everyPage.some((f) => f.includes('footnote definition'))).toBe(true);
	expect(everyPage.some((f) => f.includes('(`ops`)'))).toBe(true);
	expect(new Set(everyPage.map((f) => f.split(':')[0])).size).toBeLessThan(100);
}, 60_000);

import { expect, test } from 'vitest';
import markdownLint, { lintCanFind } from '../../checks/rules/markdown-lint.ts';
import { parsePage } from '../../tree/parse-page.ts';
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

/** A page of pieces; one in four without its final newline, so a rule other than duplicates finds something. */
function page(random: Random): string {
	return `# Page\n\n${Array.from({ length: 1 + pick(random, 6) }, () => pickItem(random, pieces)).join('\n\n')}${random() < 0.25 ? '' : '\n'}`;
}

test('pages skipped for holding no two definitions get the findings a lint of every page gives, over generated pages', async () => {
	const random = seededRandom(20261125);
	const files = Object.fromEntries(
		Array.from({ length: 120 }, (_, n) => [`page-${n}.md`, page(random)]),
	);
	const duplicates = (findings: Awaited<ReturnType<typeof runExample>>) =>
		findings
			.filter((f) => f.message.endsWith('[no-duplicate-definitions]'))
			.map((f) => `${f.file}:${f.position?.line}:${f.position?.column} ${f.message}`)
			.sort();
	const skipping = duplicates(await runExample(markdownLint, files));
	const withFinalNewline = await runExample(markdownLint, {
		...files,
		'package.json': '{ "remarkConfig": { "plugins": [["lint-final-newline", ["warning"]]] } }',
	});
	const everyPage = duplicates(withFinalNewline);
	expect(skipping).toEqual(everyPage);
	// Positive controls: the second rule ran (so every page was linted), duplicates of both kinds
	// were found, and pages were skipped.
	expect(withFinalNewline.some((f) => f.message.endsWith('[final-newline]'))).toBe(true);
	expect(everyPage.some((f) => f.includes('footnote definition'))).toBe(true);
	expect(everyPage.some((f) => f.includes('(`ops`)'))).toBe(true);
	const skipped = Object.entries(files).filter(
		([path, text]) => !lintCanFind(parsePage(path, text), ['no-duplicate-definitions']),
	);
	expect(skipped.length).toBeGreaterThan(20);
}, 60_000);

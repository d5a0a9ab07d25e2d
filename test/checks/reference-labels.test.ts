import { expect, test } from 'vitest';
import internalLinks from '../../checks/rules/internal-links.ts';
import { createRandom } from '../../bench/lib/prng.mjs';
import { runExample } from './run-example.ts';

// Undefined `[text][label]` references: a typo where the page defines references; on a page with
// none, `[#123][author]` lines are release notes, text by intent on every CommonMark tool.

const undefinedReferences = async (page: string): Promise<string[]> =>
	(await runExample(internalLinks, { 'README.md': page }))
		.filter((f) => f.message.includes('undefined definition'))
		.map((f) => `${f.position?.line} ${f.severity}`);

test('release-note lines naming a change and its author are text on a page with no definitions, and typos on one with definitions', async () => {
	const random = createRandom(424242);
	const authors = ['alice', 'bob', 'ormergi', 'xpivarc', 'some-bot'];
	for (let round = 0; round < 6; round++) {
		const lines = Array.from(
			{ length: random.int(2, 6) },
			() =>
				`- [${random.pick(['#', '!', 'GH-', 'gh-', 'PR #', 'MR !', 'Issue #'])}${random.int(1, 99_999)}][${random.pick(authors)}] ${random.pick(['Backups resume.', 'Restores check space.', 'Faster sync.'])}`,
		);
		const page = `# Release notes\n\n## v1.${round}.0\n\n${lines.join('\n')}\n`;
		expect(await undefinedReferences(page), page).toEqual([]);
		// One definition on the page: the same labels are now references that name nothing.
		const defined = `${page}\n[changelog]: README.md\n\nSee the [changelog].\n`;
		expect(await undefinedReferences(defined), defined).toEqual(
			lines.map((_, i) => `${5 + i} error`),
		);
	}
});

test('link text in brackets with an undefined label is an error, with or without definitions on the page', async () => {
	expect(
		await undefinedReferences('# Migrate\n\nThe history is in the [Alembic guide][alembic].\n'),
	).toEqual(['3 error']);
	expect(await undefinedReferences('# Migrate\n\nSee [#12 in the tracker][tracker].\n')).toEqual([
		'3 error',
	]);
});

import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { reviewAge } from '../../checks/reviews/review-age.ts';
import { reviewFieldsOf } from '../../checks/reviews/review-fields.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

test('reads owner and review date from a header block that has no status, with the line of `Reviewed`', () => {
	const page = parsePage(
		'erp/backup.md',
		'# ERP backup\n\n> **Owner:** Platform team\n> **Reviewed:** 2026-09-30\n\nText.\n',
	);
	expect(page.headerBlock).toMatchObject({ owner: 'Platform team', reviewed: '2026-09-30' });
	expect(reviewFieldsOf(page)).toEqual({
		owner: 'Platform team',
		reviewed: { day: '2026-09-30', position: { line: 4, column: 3 } },
	});
	// An owner alone is a quote like any other, not a header block.
	expect(parsePage('a.md', '# A\n\n> **Owner:** Platform team\n').headerBlock).toBeUndefined();
});

test('reads frontmatter before the header block, in YAML and in TOML', () => {
	const yaml = parsePage(
		'a.md',
		'---\nowner: Data team\nreviewed: 2026-10-01\n---\n\n# A\n\n> **Owner:** Platform team\n> **Reviewed:** 2026-09-30\n',
	);
	expect(reviewFieldsOf(yaml)).toEqual({
		owner: 'Data team',
		reviewed: { day: '2026-10-01', position: { line: 3, column: 1 } },
	});
	const toml = parsePage('a.md', '+++\nowner = "Data team"\nreviewed = 2026-10-01\n+++\n\n# A\n', {
		dialect: 'hugo',
	});
	expect(reviewFieldsOf(toml).reviewed?.day).toBe('2026-10-01');
	// A frontmatter value that is not a date gives way to the header block's.
	const bad = parsePage(
		'a.md',
		'---\nreviewed: next week\n---\n\n# A\n\n> **Reviewed:** 2026-09-30\n',
	);
	expect(reviewFieldsOf(bad).reviewed?.day).toBe('2026-09-30');
});

test('counts a review due the day after `checks.reviewAfter` has passed, and one in the future apart', () => {
	const on = (day: string) => new Date(`${day}T23:30:00Z`);
	expect(reviewAge('2026-01-01', on('2026-06-30'), '180d')).toEqual({
		state: 'current',
		days: 180,
		limit: 180,
		today: '2026-06-30',
	});
	expect(reviewAge('2026-01-01', on('2026-07-01'), '180d')).toMatchObject({
		state: 'due',
		days: 181,
	});
	expect(reviewAge('2026-01-01', on('2026-01-01'), '48h')).toMatchObject({
		state: 'current',
		limit: 2,
	});
	expect(reviewAge('2026-01-02', on('2026-01-01'), '180d')).toMatchObject({
		state: 'future',
		days: -1,
	});
});

test('a frontmatter review date that is not a real day is a frontmatter finding at its line', async () => {
	const root = await writeFixture({
		'README.md': '---\nowner: Platform team\nreviewed: next week\n---\n\n# Home\n',
		'leap.md': '---\nreviewed: 2026-02-30\n---\n\n# Leap\n',
		'fine.md': '---\nreviewed: 2026-02-28\n---\n\n# Fine\n',
	});
	try {
		const report = await checkTree({ root, config: parseConfig({}), only: ['frontmatter'] });
		expect(report.findings.map(formatFinding)).toEqual([
			expect.stringMatching(
				/^leap\.md:2:1: Unexpected `2026-02-30` for `reviewed`, expected a date as `YYYY-MM-DD`\. Write the day of the last review as `YYYY-MM-DD`/,
			),
			expect.stringMatching(
				/^README\.md:3:1: Unexpected `next week` for `reviewed`, expected a date as `YYYY-MM-DD`\. Write the day of the last review/,
			),
		]);
	} finally {
		await removeFixture(root);
	}
});

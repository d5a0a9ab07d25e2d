import { reviewAge } from '../reviews/review-age.ts';
import { reviewFieldsOf } from '../reviews/review-fields.ts';
import { defineRule } from './define-rule.ts';

const page = (reviewed: string): string =>
	`---\nowner: Platform team\nreviewed: ${reviewed}\n---\n\n# Restore the ERP database\n`;

export default defineRule({
	id: 'review-due',
	description:
		'A page reviewed longer ago than `checks.reviewAfter` (180 days unless set) is due for review: its `reviewed` date (frontmatter, or `> **Reviewed:**` in the header block) is reported with its age. A review date in the future is reported too; a page without one is not (`frontmatter` and `header-block` report a date that is not one).',
	defaultSeverity: 'warning',
	examples: {
		ok: [
			{
				title: 'a review within the last 180 days',
				today: '2027-03-01',
				files: { 'README.md': page('2026-09-30') },
			},
			{
				title: 'a page with no review date',
				today: '2027-03-01',
				files: { 'README.md': '# Home\n' },
			},
		],
		notOk: [
			{
				title: 'a review older than `checks.reviewAfter`, in frontmatter and in the header block',
				today: '2027-03-01',
				config: { checks: { reviewAfter: '90d' } },
				files: {
					'README.md': page('2026-09-30'),
					'backup.md': '# Backup\n\n> **Owner:** Platform team\n> **Reviewed:** 2026-06-23\n',
				},
				output: [
					'backup.md:4:3: Unexpected review on 2026-06-23, 251 days ago, expected one within the last 90 days (`checks.reviewAfter`); re-read the page against the systems it describes and set `reviewed:` to the day you did (review-due)',
					'README.md:3:1: Unexpected review on 2026-09-30, 152 days ago, expected one within the last 90 days (`checks.reviewAfter`); re-read the page against the systems it describes and set `reviewed:` to the day you did (review-due)',
				],
			},
			{
				title: 'a review date in the future',
				today: '2027-03-01',
				files: { 'README.md': page('2072-03-01') },
				output: [
					'README.md:3:1: Unexpected review date 2072-03-01 in the future, expected the day of the last review, 2027-03-01 or earlier (review-due)',
				],
			},
		],
	},
	check(ctx) {
		const today = ctx.now ?? new Date();
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			const reviewed = page && reviewFieldsOf(page).reviewed;
			if (!reviewed) continue;
			const age = reviewAge(reviewed.day, today, ctx.config.checks.reviewAfter);
			if (age.state === 'future') {
				ctx.report({
					file: path,
					position: reviewed.position,
					message: `Unexpected review date ${reviewed.day} in the future, expected the day of the last review, ${age.today} or earlier`,
				});
			} else if (age.state === 'due') {
				ctx.report({
					file: path,
					position: reviewed.position,
					message: `Unexpected review on ${reviewed.day}, ${age.days} days ago, expected one within the last ${age.limit} days (\`checks.reviewAfter\`); re-read the page against the systems it describes and set \`reviewed:\` to the day you did`,
				});
			}
		}
	},
});

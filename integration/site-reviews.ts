import type { AlertSet } from '../alerts/types.ts';
import { findCitedChanges, uncommitted } from '../checks/reviews/find-changes.ts';
import { reviewAge } from '../checks/reviews/review-age.ts';
import { reviewFieldsOf } from '../checks/reviews/review-fields.ts';
import type { Config } from '../config/load-config.ts';
import { utcDay } from '../markdown/review-date.ts';
import type { PageReviewState, ReviewChange, SiteReviews } from './reviews.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';

/**
 * The pages due for review as the site shows them (page headers, `/status/reviews/`): the same
 * judgement as `review-due` and `cited-changes`, on the day of the build. Git is read as those
 * rules read it (objects only, a fixed number of processes); outside git, reviews alone count.
 */
export async function buildSiteReviews(
	tree: GuidebookTree,
	alerts: AlertSet,
	config: Config,
	now: Date,
): Promise<SiteReviews> {
	const pages = [...tree.pages.keys()].filter((path) => !tree.unpublished.has(path));
	const found = await findCitedChanges({
		tree,
		alerts,
		site: { url: config.site.url, base: config.site.base },
		pages,
		now,
	});
	const day = utcDay(now);
	const reviews: SiteReviews = {
		day,
		reviewAfterDays: reviewAge(day, now, config.checks.reviewAfter).limit,
		due: {},
		...(found.skipped && { noHistory: found.skipped }),
	};
	for (const path of pages) {
		const page = tree.pages.get(path)!;
		const fields = reviewFieldsOf(page);
		const age = fields.reviewed && reviewAge(fields.reviewed.day, now, config.checks.reviewAfter);
		const changes: ReviewChange[] = (found.pages.get(path)?.changes ?? []).map(
			({ citation, at, fields: changed }) => ({
				kind: citation.kind === 'file' && citation.source.folder ? 'folder' : citation.kind,
				name: citation.name,
				on: at === uncommitted ? uncommitted : at.slice(0, 10),
				fields: changed,
			}),
		);
		const overdue = age?.state === 'due';
		if (!overdue && changes.length === 0) continue;
		const since =
			[
				...(overdue && fields.reviewed ? [addDays(fields.reviewed.day, age.limit + 1)] : []),
				...changes.map((change) => (change.on === uncommitted ? day : change.on)),
			].sort()[0] ?? day;
		const state: PageReviewState = {
			path,
			route: page.route,
			title: page.title,
			changes,
			dueSince: since,
			...(fields.owner && { owner: fields.owner }),
			...(fields.reviewed && { reviewed: fields.reviewed.day }),
			...(overdue && { reviewAge: age.days }),
		};
		reviews.due[path] = state;
	}
	return reviews;
}

function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * What the site shows of reviews (part of `SiteData`): each page due for review, why, and
 * since when, as the build judged it. Plain data; the Node side (`integration/site-reviews.ts`)
 * fills it with the same judgement `waymark check` makes (`review-due`, `cited-changes`).
 */

/** A change to something the page cites, after the page's last change and review. */
export interface ReviewChange {
	kind: 'alert rule' | 'probe' | 'upstream page' | 'file' | 'folder';
	/** The alert's name, the probe's id, or the path (relative to the root). */
	name: string;
	/** `YYYY-MM-DD`, or `uncommitted` (the build ran on a work tree with the change). */
	on: string;
	/** Of a rule or probe: what changed (`expr`, `labels.severity`), or `added`. */
	fields: string[];
}

/** One page due for review. */
export interface PageReviewState {
	path: string;
	route: string;
	title: string;
	owner?: string;
	/** The day of the last review, `YYYY-MM-DD`. */
	reviewed?: string;
	/** Set when the review is older than `checks.reviewAfter`: its age in days. */
	reviewAge?: number;
	changes: ReviewChange[];
	/** The day the page became due: the end of its review's term, or the first change it has not seen. */
	dueSince: string;
}

export interface SiteReviews {
	/** The day the build judged on, `YYYY-MM-DD` (UTC). */
	day: string;
	/** `checks.reviewAfter` in whole days. */
	reviewAfterDays: number;
	/** Pages due for review, by path. */
	due: Record<string, PageReviewState>;
	/** Why changes to what pages cite were not looked at (no git history), when they were not. */
	noHistory?: string;
}

/** The route of the list of pages due for review. */
export const reviewsRoute = '/status/reviews/';

// One formatter for the build: `toLocaleDateString` with options builds a new one per call, which
// showed as 60 ms of a 500-page build's page generation (two dates a page).
const dayFormat = new Intl.DateTimeFormat('en', {
	year: 'numeric',
	month: 'long',
	day: 'numeric',
	timeZone: 'UTC',
});

/** `2026-11-02` → `November 2, 2026`, as the page header writes dates; other text as it is. */
export function formatDay(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** One reason a page is due, in words: `alert rule ErpBackupFailed changed on November 2, 2026 (expr)`. */
export function describeReviewChange(change: ReviewChange): string {
	const when =
		change.on === 'uncommitted'
			? 'changed, not yet committed'
			: `changed on ${formatDay(change.on)}`;
	const fields =
		change.fields.length === 0
			? ''
			: change.fields[0] === 'added'
				? ' (added)'
				: ` (${change.fields.join(', ')})`;
	return `${change.kind} ${change.name} ${when}${fields}`;
}

import { parseDuration } from '../../core/duration.ts';
import { daysBetween, utcDay, wholeDays } from '../../markdown/review-date.ts';

/** How a review day stands on `today`: within the limit, due (older), or in the future. */
export interface ReviewAge {
	state: 'current' | 'due' | 'future';
	/** Days since the review (negative in the future). */
	days: number;
	/** `checks.reviewAfter` in whole days. */
	limit: number;
	/** The day judged on, `YYYY-MM-DD` (UTC). */
	today: string;
}

/** A review on `day` judged on `now` against `reviewAfter` (a duration such as `180d`; whole days count). */
export function reviewAge(day: string, now: Date, reviewAfter: string): ReviewAge {
	const today = utcDay(now);
	const days = daysBetween(day, today);
	const limit = wholeDays(parseDuration(reviewAfter) ?? 0);
	return { state: days < 0 ? 'future' : days > limit ? 'due' : 'current', days, limit, today };
}

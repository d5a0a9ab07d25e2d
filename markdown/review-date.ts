/**
 * Review dates (`reviewed: 2026-09-30`, `> **Reviewed:** 2026-09-30`) and calendar days. Pure and
 * isomorphic: the checks judge them, the page header and `/status/reviews/` show them.
 */

const dayMs = 86_400_000;

/** `2026-09-30`, a day that exists (not `2026-02-30`). */
export function isIsoDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * A review date as written, as `YYYY-MM-DD`: a string that is one, or a date a YAML or TOML reader
 * made of it (TOML `reviewed = 2026-09-30`; Astro's YAML reader), taken as its UTC day.
 * `undefined` for anything else.
 */
export function reviewDay(value: unknown): string | undefined {
	if (typeof value === 'string') return isIsoDate(value.trim()) ? value.trim() : undefined;
	if (value instanceof Date && !Number.isNaN(value.getTime()))
		return value.toISOString().slice(0, 10);
	return undefined;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function utcDay(instant: Date): string {
	return instant.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** Milliseconds in whole days, rounded down: `checks.reviewAfter` as a number of days. */
export function wholeDays(ms: number): number {
	return Math.floor(ms / dayMs);
}

/**
 * The validators of a file sent as it is on disk: a strong entity tag (its size and modification
 * time, as nginx makes it: a different file of the same site never has both the same) and its
 * modification time.
 */
export interface Validators {
	/** `"…"`, strong. */
	etag: string;
	lastModified: Date;
}

/** The entity tags of an `If-None-Match` or `If-Range` value, `*` aside: `W/"a", "b"` → `['W/"a"', '"b"']`. */
function entityTags(value: string): string[] {
	return [...value.matchAll(/(?:W\/)?"[^"]*"/g)].map((match) => match[0]);
}

/** The opaque part of a tag, for the weak comparison (RFC 9110 §8.8.3.2). */
const opaque = (tag: string): string => tag.replace(/^W\//, '');

/**
 * `If-None-Match` (RFC 9110 §13.1.2): true when the value is `*` or lists the current tag, by the
 * weak comparison (a weak tag of the same file matches).
 */
export function noneMatchHolds(value: string | undefined, current: Validators): boolean {
	if (value === undefined) return false;
	if (value.trim() === '*') return true;
	return entityTags(value).some((tag) => opaque(tag) === opaque(current.etag));
}

/**
 * `If-Range` (RFC 9110 §13.1.5): whether a `Range` may be honoured. An entity tag holds only when it
 * strongly matches the current one (a weak tag never does); an HTTP-date only when it is exactly the
 * file's modification time and that time is a strong validator, at least a second before `now`
 * (§8.8.2.2: a file changed within the second may change again under the same date). Anything
 * else, an unparsable value included, is false: the `Range` is ignored and the whole file sent.
 */
export function ifRangeHolds(value: string, current: Validators, now: Date): boolean {
	const trimmed = value.trim();
	if (trimmed.startsWith('"') || trimmed.startsWith('W/')) {
		const tags = entityTags(trimmed);
		return (
			tags.length === 1 &&
			tags[0] === trimmed &&
			!trimmed.startsWith('W/') &&
			!current.etag.startsWith('W/') &&
			trimmed === current.etag
		);
	}
	const date = httpDate(trimmed);
	const modified = Math.floor(current.lastModified.getTime() / 1000) * 1000;
	return (
		date !== undefined &&
		date === modified &&
		now.getTime() - current.lastModified.getTime() >= 1000
	);
}

const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * An HTTP-date in any of its three forms (RFC 9110 §5.6.7: IMF-fixdate, the obsolete RFC 850 and
 * asctime forms), as milliseconds; `undefined` for anything else. Never `Date.parse` alone: it takes
 * `2024` as a date and reads asctime's form in the local time zone.
 */
function httpDate(value: string): number | undefined {
	const forms = [
		/^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/,
		/^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/,
		/^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/,
	];
	const [fixdate, rfc850, asctime] = forms.map((form) => form.exec(value));
	let parts:
		| [day: string, month: string, year: number, hour: string, minute: string, second: string]
		| undefined;
	if (fixdate)
		parts = [
			fixdate[1] ?? '',
			fixdate[2] ?? '',
			Number(fixdate[3]),
			fixdate[4] ?? '',
			fixdate[5] ?? '',
			fixdate[6] ?? '',
		];
	// A two-digit year more than 50 years ahead is in the past century (RFC 9110 §5.6.7).
	else if (rfc850)
		parts = [
			rfc850[1] ?? '',
			rfc850[2] ?? '',
			2000 + Number(rfc850[3]) > new Date().getUTCFullYear() + 50
				? 1900 + Number(rfc850[3])
				: 2000 + Number(rfc850[3]),
			rfc850[4] ?? '',
			rfc850[5] ?? '',
			rfc850[6] ?? '',
		];
	else if (asctime)
		parts = [
			(asctime[2] ?? '').trim(),
			asctime[1] ?? '',
			Number(asctime[6]),
			asctime[3] ?? '',
			asctime[4] ?? '',
			asctime[5] ?? '',
		];
	if (!parts) return undefined;
	const [day, month, year, hour, minute, second] = parts;
	const m = months.indexOf(month);
	if (m === -1) return undefined;
	const time = Date.UTC(year, m, Number(day), Number(hour), Number(minute), Number(second));
	// 31 Feb and 25:00 are no dates: they must read back as written.
	const back = new Date(time);
	return back.getUTCDate() === Number(day) &&
		back.getUTCHours() === Number(hour) &&
		back.getUTCMinutes() === Number(minute) &&
		back.getUTCSeconds() === Number(second)
		? time
		: undefined;
}

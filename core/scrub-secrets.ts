/** What a secret becomes in text: `[secret]`, in every form listed in `secretForms`. */
const secretMask = '[secret]';

/**
 * The forms an endpoint may echo a secret in: as is, URL-encoded (`%2F`, and `+` for spaces as in
 * forms), JSON-escaped, and base64 (standard, URL-safe, without padding).
 */
function secretForms(secret: string): string[] {
	const base64 = Buffer.from(secret).toString('base64');
	const forms = [
		secret,
		encodeURIComponent(secret),
		encodeURIComponent(secret).replace(/%20/g, '+'),
		JSON.stringify(secret).slice(1, -1),
		base64,
		base64.replace(/=+$/, ''),
		Buffer.from(secret).toString('base64url'),
	];
	// Percent-encoding is case-insensitive: `%2f` is `%2F`.
	forms.push(
		...forms
			.filter((f) => /%[0-9A-F]{2}/.test(f))
			.map((f) => f.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())),
	);
	return [...new Set(forms)].filter((f) => f.length >= 3);
}

/**
 * A function that masks every form of every secret in a text. Run it before any truncation: a
 * secret cut in half is no longer recognisable.
 */
export function createScrubber(secrets: readonly string[]): (text: string) => string {
	const forms = [...new Set(secrets.filter((s) => s.length >= 3).flatMap(secretForms))].sort(
		(a, b) => b.length - a.length,
	);
	if (forms.length === 0) return (text) => text;
	return (text) =>
		forms.reduce((t, form) => (t.includes(form) ? t.split(form).join(secretMask) : t), text);
}

/** Masks secrets in every string of a JSON-like value (keys included); other values are kept. */
export function scrubValue(value: unknown, scrub: (text: string) => string): unknown {
	if (typeof value === 'string') return scrub(value);
	if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub));
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [scrub(k), scrubValue(v, scrub)]),
		);
	return value;
}

/**
 * `record` with `keys` kept but not listed: Astro's content store is cleared whole when its config
 * digest changes, and the digest reads the listed keys of the Markdown plugins' options. What
 * pages pull in is each page's own (its entry's digest covers it, `integration/live-pulls.ts`), so
 * a changed snippet renders the pages that pull it in, not every page. The objects stay the
 * record's own: `waymark dev` puts new answers into them.
 */
export function withUnlisted<T extends object>(record: T, keys: ReadonlyArray<keyof T>): T {
	const shown = { ...record };
	for (const key of keys)
		if (key in record)
			Object.defineProperty(shown, key, { value: record[key], enumerable: false, writable: true });
	return shown;
}

/** `target` made `source`'s entries, in place: the site's plugins hold `target`. */
export function replaceEntries<T>(
	target: Record<string, T>,
	source: Readonly<Record<string, T>>,
): void {
	for (const key of Object.keys(target)) if (!Object.hasOwn(source, key)) delete target[key];
	Object.assign(target, source);
}

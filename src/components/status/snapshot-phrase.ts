// No imports: the browser script uses this too, and it must stay small.
/** A probe state in words; colour and the dot's shape are second cues. */
export const stateLabels = { up: 'Up', degraded: 'Degraded', down: 'Down', unknown: 'Unknown' } as const;

/** `2026-11-21 05:58 UTC`, or `never` for null. */
export function formatTime(iso: string | null): string {
	return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'never';
}

/**
 * How a page says where its status comes from, rendered at build time and rewritten by the
 * widget script once it knows. `strip` follows "Live status" in the page header ("" while
 * `waymark serve` updates it live, " (snapshot of …)" otherwise); `page` is the sentence on
 * `/status/` ("Updating live." or "Snapshot of ….").
 */
export function snapshotPhrase(form: 'strip' | 'page', live: boolean, generatedAt: string | null): string {
	const time = generatedAt ? formatTime(generatedAt) : undefined;
	if (form === 'page') return live ? 'Updating live.' : time ? `Snapshot of ${time}.` : 'Not checked yet.';
	return live ? '' : time ? ` (snapshot of ${time})` : ' (not checked yet)';
}

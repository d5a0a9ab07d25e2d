/**
 * How a page says where its status comes from, rendered at build time and rewritten by the
 * widget script once it knows. `strip` follows "Live status" in the page header ("" while
 * `waymark serve` updates it live, " (snapshot of …)" otherwise); `page` is the sentence on
 * `/status/` ("Updating live." or "Snapshot of ….").
 */
export function snapshotPhrase(form: 'strip' | 'page', live: boolean, generatedAt: string | null): string {
	const time = generatedAt ? `${generatedAt.slice(0, 10)} ${generatedAt.slice(11, 16)} UTC` : undefined;
	if (form === 'page') return live ? 'Updating live.' : time ? `Snapshot of ${time}.` : 'Not checked yet.';
	return live ? '' : time ? ` (snapshot of ${time})` : ' (not checked yet)';
}

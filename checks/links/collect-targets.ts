import { fragmentId } from '../../markdown/anchors.ts';
import { safeDecode } from '../../markdown/routes.ts';
import type { UrlOccurrence } from './link-outcome.ts';

/**
 * One thing to check: a URL without its fragment, every place it occurs, and the fragments asked
 * of it (each answered from the same response).
 */
export interface LinkTarget {
	/** Normalised URL without fragment (`URL.href`), or the text as written when it does not parse. */
	key: string;
	/** Absent when the text is not a valid URL. */
	url?: URL;
	occurrences: UrlOccurrence[];
	/** Decoded fragment → where it is asked for. */
	fragments: Map<string, UrlOccurrence[]>;
}

/** Groups occurrences so each URL is fetched once per run, in first-seen order. */
export function collectTargets(occurrences: UrlOccurrence[]): LinkTarget[] {
	const targets = new Map<string, LinkTarget>();
	for (const occurrence of occurrences) {
		const raw = occurrence.url.startsWith('//') ? `https:${occurrence.url}` : occurrence.url;
		let url: URL | undefined;
		try {
			url = new URL(raw);
		} catch {
			url = undefined;
		}
		const isWeb = url && (url.protocol === 'http:' || url.protocol === 'https:');
		let fragment = '';
		if (url && isWeb) {
			// Only an element id is looked for in the page; a text fragment (`#:~:text=…`) is the browser's.
			fragment = fragmentId(url.hash.slice(1));
			url.hash = '';
		}
		const key = url && isWeb ? url.href : raw;
		let target = targets.get(key);
		if (!target) {
			target = { key, occurrences: [], fragments: new Map(), ...(url && { url }) };
			targets.set(key, target);
		}
		target.occurrences.push(occurrence);
		if (fragment) {
			const decoded = safeDecode(fragment);
			const list = target.fragments.get(decoded) ?? [];
			list.push(occurrence);
			target.fragments.set(decoded, list);
		}
	}
	return [...targets.values()];
}

/** A link as mdBook's `links` preprocessor finds it in a chapter's text. */
export interface Link {
	start: number;
	end: number;
	/** `undefined` for `\{{#…}}`. */
	kind?: string;
	/** What follows the kind: the path and its range or anchor, or a title. */
	rest: string;
	/** The link as written. */
	written: string;
}

/**
 * The links of `text`, left to right, as mdBook's pattern finds them: `\{{#…}}` up to the last `}}`
 * on its line, or `{{`, spaces, `#kind`, spaces, then anything but `}` up to `}}`. A kind mdBook does
 * not know (`{{#if x}}` in a template) is passed over, as there. Linear: each line's last `}}` is
 * found once, within the line, and the next brace is kept for the starts before it.
 */
export function* findLinks(text: string): Generator<Link> {
	let nextBrace = -1;
	let lineEnd = -1;
	let lastClose = -1;
	for (let at = text.indexOf('{{'); at !== -1;) {
		let next = at + 1;
		if (text[at - 1] === '\\' && text[at + 2] === '#') {
			if (lineEnd < at) {
				lineEnd = indexOrEnd(text, '\n', at);
				const close = text.slice(at, lineEnd).lastIndexOf('}}');
				lastClose = close === -1 ? -1 : at + close;
			}
			if (lastClose >= at + 3) {
				yield {
					start: at - 1,
					end: lastClose + 2,
					rest: '',
					written: text.slice(at - 1, lastClose + 2),
				};
				at = text.indexOf('{{', lastClose + 2);
				continue;
			}
		}
		const head = linkHead(text, at);
		if (head) {
			if (nextBrace < head.body) nextBrace = indexOrEnd(text, '}', head.body);
			// `[^}]+` then `}}`: the body ends at the first brace, which must be doubled. The spaces
			// before it give one back when the body would be empty.
			const giveBack = nextBrace === head.body && head.spaces > 1 ? 1 : 0;
			if (text.startsWith('}}', nextBrace) && nextBrace - head.body + giveBack > 0) {
				yield {
					start: at,
					end: nextBrace + 2,
					kind: head.kind,
					rest: text.slice(head.body - giveBack, nextBrace),
					written: text.slice(at, nextBrace + 2),
				};
				next = nextBrace + 2;
			}
		}
		at = text.indexOf('{{', next);
	}
}

/** Rust's `\s`: Unicode's White_Space, which is not JavaScript's (U+0085 is one, U+FEFF is not). */
export const rustSpace =
	/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** `{{`, spaces, `#kind`, spaces at `at`: the kind, where the body starts and how many spaces came before it. */
function linkHead(
	text: string,
	at: number,
): { kind: string; body: number; spaces: number } | undefined {
	let p = at + 2;
	while (p < text.length && rustSpace.test(text[p] ?? '')) p++;
	if (text[p] !== '#') return undefined;
	let q = p + 1;
	while (q < text.length && /[A-Za-z0-9_]/.test(text[q] ?? '')) q++;
	let r = q;
	while (r < text.length && rustSpace.test(text[r] ?? '')) r++;
	return q > p + 1 && r > q ? { kind: text.slice(p + 1, q), body: r, spaces: r - q } : undefined;
}

function indexOrEnd(text: string, search: string, from: number): number {
	const at = text.indexOf(search, from);
	return at === -1 ? text.length : at;
}

import type { Readable } from 'node:stream';

const idPattern = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/**
 * Reads an HTML body until every wanted fragment is found or `maxBytes` is read, then destroys the
 * stream (so the rest is never downloaded). `complete` is false when the cap cut the body short.
 */
export async function readFragmentIds(
	body: Readable,
	wanted: string[],
	maxBytes: number,
): Promise<{ found: Set<string>; complete: boolean }> {
	const found = new Set<string>();
	const decoder = new TextDecoder();
	let carry = '';
	let read = 0;
	let complete = true;
	const allFound = () => wanted.every((w) => found.has(w));
	try {
		for await (const chunk of body as AsyncIterable<Buffer>) {
			read += chunk.length;
			const text = carry + decoder.decode(chunk, { stream: true });
			// Keep an unfinished tag for the next chunk, so an id split across chunks is still seen.
			const cut = text.lastIndexOf('<');
			const scanned = cut > 0 ? text.slice(0, cut) : text;
			carry = cut > 0 ? text.slice(cut) : '';
			collect(scanned, wanted, found);
			if (allFound()) break;
			if (read >= maxBytes) {
				complete = false;
				break;
			}
		}
		collect(carry, wanted, found);
	} finally {
		// Stops the download; the AbortError undici emits on destroy is expected.
		body.on('error', () => {});
		body.destroy();
	}
	return { found, complete };
}

function collect(html: string, wanted: string[], found: Set<string>): void {
	for (const m of html.matchAll(idPattern)) {
		const id = decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
		// GitHub prefixes rendered heading ids with `user-content-` and maps `#x` onto them in script.
		const bare = id.startsWith('user-content-') ? id.slice('user-content-'.length) : id;
		if (wanted.includes(id)) found.add(id);
		if (wanted.includes(bare)) found.add(bare);
	}
}

function decodeEntities(text: string): string {
	return text
		.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
		.replace(/&quot;/g, '"')
		.replace(/&apos;|&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

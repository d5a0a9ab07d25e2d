import type { Readable } from 'node:stream';
import { createHtmlReader } from './html-reader.ts';

/**
 * Reads an HTML body through the streaming HTML reader until every wanted fragment is found or
 * `maxBytes` is read, then destroys the stream (so the rest is never downloaded). `complete` is
 * false when the cap cut the body short.
 */
export async function readFragmentIds(
	body: Readable,
	wanted: string[],
	maxBytes: number,
): Promise<{ found: Set<string>; complete: boolean }> {
	const found = new Set<string>();
	const decoder = new TextDecoder();
	const reader = createHtmlReader({
		anchor(id) {
			// GitHub prefixes rendered heading ids with `user-content-` and maps `#x` onto them in script.
			const bare = id.startsWith('user-content-') ? id.slice('user-content-'.length) : id;
			if (wanted.includes(id)) found.add(id);
			if (wanted.includes(bare)) found.add(bare);
		},
	});
	let read = 0;
	let complete = true;
	const allFound = () => wanted.every((w) => found.has(w));
	try {
		for await (const chunk of body as AsyncIterable<Buffer>) {
			read += chunk.length;
			// The reader keeps an unfinished tag until the next chunk, so an id split across chunks is still seen.
			reader.write(decoder.decode(chunk, { stream: true }));
			if (allFound()) break;
			if (read >= maxBytes) {
				complete = false;
				break;
			}
		}
		reader.write(decoder.decode());
		reader.end();
	} finally {
		// Stops the download; the AbortError undici emits on destroy is expected.
		body.on('error', () => {});
		body.destroy();
	}
	return { found, complete };
}

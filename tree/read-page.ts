import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Chardet from 'chardet';
import { createLocator } from '../core/position.ts';
import { lazyModule } from '../core/lazy-module.ts';

/**
 * Pages above this many characters are generated dumps, not runbooks. They are parsed like any
 * other page (Sätteri parses 5 MB in about 2 s; `checks.maxPageBytes` caps what is read at all),
 * but Markdown lint skips them (remark-lint needs about 6 s of CPU for 5 MB) and `readable-files`
 * warns about them.
 */
export const largePageChars = 512 * 1024;

/**
 * A page's text; or its size when it is larger than the limit (it is not read); or why it cannot
 * be read as Markdown (with the line where the trouble starts).
 */
export type PageText =
	| { ok: true; text: string; decoded?: { from: string; line: number } }
	| { ok: 'too-large'; bytes: number }
	| { ok: false; reason: string; hint: string; line: number };

/**
 * Reads a page as UTF-8, refusing binaries instead of rendering garbage; a page in another
 * encoding is decoded as GitHub decodes it (`decoded` says from what, and where the first byte
 * that is not UTF-8 is). A page over `maxBytes` is measured, never read: one huge file must not
 * exhaust the memory of a run.
 */
export function readPageText(
	root: string,
	path: string,
	maxBytes = Number.POSITIVE_INFINITY,
): Promise<PageText> {
	return Promise.resolve(readPageTextSync(root, path, maxBytes));
}

function readPageTextSync(root: string, path: string, maxBytes: number): PageText {
	let bytes: Buffer;
	// Read synchronously: a page is a few KB, and four round trips through libuv's threads per file
	// (open, stat, read, close) took twice as long as the reading over a tree of 3,000 pages.
	try {
		const handle = openSync(join(root, path), 'r');
		try {
			const { size } = fstatSync(handle);
			if (size > maxBytes) return { ok: 'too-large', bytes: size };
			bytes = readFileSync(handle);
		} finally {
			closeSync(handle);
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			ok: false,
			reason: code === 'EACCES' ? 'permission denied' : (error as Error).message,
			hint: 'Make the file readable by the user running Waymark.',
			line: 1,
		};
	}
	const nul = bytes.indexOf(0);
	if (nul !== -1) {
		return {
			ok: false,
			reason: 'the file is binary (it contains NUL bytes), not Markdown',
			hint: 'Rename it so it does not end in `.md`, or replace it with the Markdown it was meant to be.',
			line: lineAt(bytes, nul),
		};
	}
	try {
		const text = utf8.decode(bytes);
		return { ok: true, text: text.replace(/^\uFEFF/, '') };
	} catch {
		// Shown as GitHub shows it: decoded in the encoding detected, and reported all the same.
		const { text, from } = decodeDetected(bytes);
		return {
			ok: true,
			text: text.replace(/^\uFEFF/, ''),
			decoded: { from, line: lineAt(bytes, firstInvalidUtf8(bytes)) },
		};
	}
}

// Only pages that are not UTF-8 need the detector: it loads with the first.
const chardet = lazyModule<typeof Chardet>('chardet');

/** Below this confidence (of 100) a detection is a guess, and the page is read as Windows-1252. */
const trustedConfidence = 30;

/**
 * Bytes that are not UTF-8, decoded as GitHub decodes them: it detects the encoding with ICU's
 * detector (charlock_holmes); chardet is a port of the same detector. A detection that is unsure,
 * names an encoding the platform cannot decode, or does not decode cleanly falls back to
 * Windows-1252, which decodes every byte (and is what the WHATWG reads ISO-8859-1 as).
 */
function decodeDetected(bytes: Buffer): { text: string; from: string } {
	for (const guess of chardet().analyse(bytes)) {
		if (guess.confidence < trustedConfidence || guess.name === 'UTF-8') continue;
		try {
			const decoder = new TextDecoder(guess.name.toLowerCase(), { fatal: true });
			return { text: decoder.decode(bytes), from: decoder.encoding };
		} catch {
			continue;
		}
	}
	return { text: new TextDecoder('windows-1252').decode(bytes), from: 'windows-1252' };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Latin-1 maps each byte to one character, so byte offsets are character offsets.
function lineAt(bytes: Buffer, offset: number): number {
	return createLocator(bytes.toString('latin1'))(offset).line;
}

function firstInvalidUtf8(bytes: Buffer): number {
	let lo = 0;
	let hi = bytes.length;
	// Binary search for the shortest invalid prefix; good enough to point at a line.
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), {
				stream: true,
			});
			lo = mid + 1;
		} catch {
			hi = mid;
		}
	}
	return lo;
}

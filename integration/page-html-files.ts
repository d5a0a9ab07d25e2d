import { createHash } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFile } from '../core/replace-file.ts';

/**
 * Rendered page bodies, one file per page, beside Astro's own cache. Astro's content store is
 * serialised whole into a module of the build and compiled by Node for the prerender: with every
 * page's HTML in it, the build's memory grew with the tree (63 MB of store for 3,000 pages, past
 * 8 GiB at 20,000). The store keeps each page's metadata and the name of its file; the route
 * reads the file when it renders the page, so one page's HTML is in memory at a time.
 */
export interface PageHtmlFiles {
	/** Absolute folder of the files (`<Astro cacheDir>/waymark-pages`). */
	dir: string;
}

/**
 * Where the content loader tells the build of a body that failed its check. The loader's data
 * reaches it as module code (no function crosses), so a diagnostics channel, Node's own way across,
 * carries the line to the command that listens (`onBodyNote`).
 */
const bodyNotes = channel('waymark:body-note');

/** Tells the listening build `line`; false when none listens (the loader then logs it itself). */
export function noteBody(line: string): boolean {
	if (!bodyNotes.hasSubscribers) return false;
	bodyNotes.publish(line);
	return true;
}

/** Calls `note` for every line `noteBody` sends, until the returned function is called. */
export function onBodyNote(note: (line: string) => void): () => void {
	const listener = (message: unknown) => note(String(message));
	bodyNotes.subscribe(listener);
	return () => void bodyNotes.unsubscribe(listener);
}

/** The files' folder in Astro's cache folder. */
export const pageHtmlFolder = 'waymark-pages';

/** One file per page path: a later version of the page replaces it. */
export function htmlFileName(path: string): string {
	return `${createHash('sha256').update(path).digest('hex').slice(0, 32)}.html`;
}

export async function writePageHtml(
	files: PageHtmlFiles,
	path: string,
	html: string,
): Promise<string> {
	const name = htmlFileName(path);
	await mkdir(files.dir, { recursive: true });
	// Put in place whole, never written through what stands there (a symbolic link is replaced, not followed).
	await replaceFile(join(files.dir, name), html);
	return name;
}

/**
 * Why the body file `name` is not the body the content store recorded when it was written (`digest`,
 * `bodyDigest` of its text), or `undefined` when it is: a file deleted, cut short, edited or
 * replaced by a symbolic link is never read into a page (the page's body is rendered again).
 */
export async function pageHtmlProblem(
	files: PageHtmlFiles,
	name: string,
	digest: unknown,
): Promise<string | undefined> {
	const file = join(files.dir, name);
	const info = await lstat(file).catch(() => undefined);
	if (!info) return 'deleted';
	if (info.isSymbolicLink()) return 'a symbolic link';
	if (typeof digest !== 'string') return 'no digest recorded';
	const text = await readFile(file, 'utf8').catch(() => undefined);
	if (text === undefined) return 'unreadable';
	return createHash('sha256').update(text).digest('base64url').slice(0, 32) === digest
		? undefined
		: 'edited or cut short: its digest is not the one recorded';
}

/** Removes the files of pages no longer in the tree. */
export async function prunePageHtml(files: PageHtmlFiles, paths: Iterable<string>): Promise<void> {
	const kept = new Set([...paths].map(htmlFileName));
	const names = await readdir(files.dir).catch(() => [] as string[]);
	await Promise.all(
		names
			.filter((name) => (name.endsWith('.html') && !kept.has(name)) || name.endsWith('.tmp'))
			.map((name) => rm(join(files.dir, name), { force: true })),
	);
}

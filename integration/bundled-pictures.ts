import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import { locateImage, type ImageBounds } from '../tree/image-source.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { pageImages } from '../checks/rules/support/page-images.ts';

/**
 * Per page, a key of the pictures the bundler takes for it (a picture in `.attachments/`, or beside
 * the tree in its repository): a digest of each file's bytes, or why there are none. The page's
 * HTML names such a picture by a hash of its content, and shows it or a placeholder by what the
 * file holds, while the page's text stays the same; with this key in the page's keys, a picture
 * redrawn renders its pages again, where a build that compared only text would keep the old one.
 * By content, not by time: a fresh checkout (CI restoring the state folder) changes no key, and no
 * edit that keeps the time (`touch -r`) is missed. Pages without such a picture are left out.
 *
 * Files of the same bytes are one picture to Astro (its handle for an emitted image comes from
 * the content), named after one of them: a page's HTML then names its picture after another
 * page's file, which it must follow when that file goes or comes. So the key also holds every file
 * the pages show with the same bytes.
 */
export async function bundledPictureKeys(
	tree: GuidebookTree,
	bounds: ImageBounds,
): Promise<Record<string, string>> {
	const assets = new Set(tree.files.assets);
	const digests = new Map<string, Promise<string>>();
	const reading = pLimit(8);
	const digest = (file: string): Promise<string> => {
		let known = digests.get(file);
		// A few files read at a time: a wiki keeps thousands of pictures in `.attachments/`.
		if (!known) digests.set(file, (known = reading(() => contentKey(file))));
		return known;
	};
	const shown = new Map<string, string[]>();
	for (const page of tree.pages.values()) {
		const files = pageImages(page).flatMap(({ url }) => {
			const located = locateImage(tree.root, page.path, url, assets, bounds);
			return located && 'file' in located ? [located.file] : [];
		});
		if (files.length > 0) shown.set(page.path, files);
	}
	const contents = new Map(
		await Promise.all(
			[...new Set([...shown.values()].flat())].map(
				async (file) => [file, await digest(file)] as const,
			),
		),
	);
	const alike = new Map<string, string[]>();
	for (const [file, content] of [...contents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
		if (content.startsWith(bytesMark)) alike.set(content, [...(alike.get(content) ?? []), file]);
	const keys: Record<string, string> = {};
	for (const [path, files] of shown) {
		const hash = createHash('sha256');
		for (const file of files) {
			const content = contents.get(file) ?? '';
			hash.update(`${file}\0${content}\0${(alike.get(content) ?? []).join('\0')}\0\0`);
		}
		keys[path] = hash.digest('base64url').slice(0, 16);
	}
	return keys;
}

/** In front of a digest of a file's bytes, which no reason a file has none starts with. */
const bytesMark = 'sha256:';

/** Larger than any picture the bundler takes (`image-source.ts` refuses over 50 MB): known by size and times, never read. */
const largest = 64 * 1024 * 1024;

/** A file's bytes as a digest; what it is instead when it is none to read (absent, a folder, unreadable, too large). */
async function contentKey(file: string): Promise<string> {
	const info = await stat(file).catch((error: NodeJS.ErrnoException) => error.code ?? 'unreadable');
	if (typeof info === 'string') return info;
	if (!info.isFile()) return 'not a file';
	if (info.size > largest) return `large:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
	const bytes = await readFile(file).catch(
		(error: NodeJS.ErrnoException) => error.code ?? 'unreadable',
	);
	return typeof bytes === 'string'
		? bytes
		: `${bytesMark}${createHash('sha256').update(bytes).digest('base64url')}`;
}

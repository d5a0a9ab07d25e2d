import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { locateImage, type ImageBounds } from '../tree/image-source.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { pageImages } from '../checks/rules/support/page-images.ts';

/**
 * Per page, a key of the pictures the bundler takes for it (a picture in `.attachments/`, or beside
 * the tree in its repository): each file's size, time and inode, or that it is absent. The page's
 * HTML names such a picture by a hash of its content, and shows it or a placeholder by what the
 * file holds, while the page's text stays the same; with this key in the page's keys, a picture
 * redrawn renders its pages again, where a build that compared only text would keep the old one.
 * Pages without such a picture are left out. The same identity as the published files' (`site-record.ts`).
 */
export async function bundledPictureKeys(tree: GuidebookTree, bounds: ImageBounds): Promise<Record<string, string>> {
	const assets = new Set(tree.files.assets);
	const identities = new Map<string, Promise<string>>();
	const identity = (file: string): Promise<string> => {
		let known = identities.get(file);
		if (!known) identities.set(file, (known = stat(file).then((info) => `${info.size}:${info.mtimeMs}:${info.ino}`, () => 'absent')));
		return known;
	};
	const keys: Record<string, string> = {};
	await Promise.all(
		[...tree.pages.values()].map(async (page) => {
			const files = pageImages(page).flatMap(({ url }) => {
				const located = locateImage(tree.root, page.path, url, assets, bounds);
				return located && 'file' in located ? [located.file] : [];
			});
			if (files.length === 0) return;
			const hash = createHash('sha256');
			for (const file of files) hash.update(`${file}\0${await identity(file)}\0`);
			keys[page.path] = hash.digest('base64url').slice(0, 16);
		}),
	);
	return keys;
}

import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * A digest of every file in a built site as it stands on disk: its path, kind, size and time of
 * last change, never its bytes. The record of a build keeps it (`site-record.ts`), and a patch
 * starts only from an output folder whose files still give the same digest: CI restores the site
 * and the state folder from one cache (`action.yml`), and a step after the build that added, removed
 * or rewrote a file of the site (a deploy step's `CNAME`, a banner put into every page) would
 * otherwise stay in every patched build after it, where a whole build would not have it.
 *
 * Times compare exactly: `tar`, which `actions/cache` restores with, and `cp -a` keep them to the
 * nanosecond. A copy that rounds them (Node's `fs.cp`) gives another digest, and the build is a
 * whole one: slower, never wrong. Reading every byte instead would cost a patched build about as
 * much as the patch itself at 3,000 pages.
 */
export async function siteFilesDigest(outDir: string): Promise<string> {
	const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
	const lines = await Promise.all(
		entries
			.filter((entry) => !entry.isDirectory())
			.map(async (entry) => {
				const path = join(entry.parentPath, entry.name);
				const info = await lstat(path);
				const kind = info.isFile() ? 'file' : info.isSymbolicLink() ? 'link' : 'other';
				return `${relative(outDir, path).split(sep).join('/')}\0${kind}\0${info.size}\0${info.mtimeMs}`;
			}),
	);
	const hash = createHash('sha256');
	for (const line of lines.sort()) hash.update(`${line}\n`);
	return hash.digest('hex');
}

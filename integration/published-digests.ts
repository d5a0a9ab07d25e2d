import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import pLimit from 'p-limit';

/** A file published beside the pages as the last build found it: what was on disk, and its bytes' digest. */
export interface PublishedDigest {
	size: number;
	mtimeMs: number;
	ino: number;
	digest: string;
}

/**
 * The digest of each file published beside the pages (`from` → its content's SHA-256), by source
 * path. A file whose size, time and inode are those `known` from the last build keeps the digest
 * it had, so a build on the same disk reads none of them; any other is read. CI checks every commit
 * out afresh (new times, new inodes): there each file is read once per build, and an unchanged one
 * gives the digest it had, so a commit that changed only page text is still a body edit
 * (`patch-site.ts`). A file that cannot be read has the digest `missing`.
 */
export async function publishedDigests(
	files: ReadonlyArray<{ from: string }>,
	known: Readonly<Record<string, PublishedDigest>> | undefined,
): Promise<Record<string, PublishedDigest>> {
	// A few at a time: each read holds a file descriptor until it is done.
	const limit = pLimit(16);
	const entries = await Promise.all(
		[...new Set(files.map((file) => file.from))].map((from) =>
			limit(async (): Promise<[string, PublishedDigest]> => {
				const info = await stat(from).catch(() => undefined);
				if (!info) return [from, { size: -1, mtimeMs: -1, ino: -1, digest: 'missing' }];
				const now = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
				const before = known?.[from];
				if (
					before &&
					before.size === now.size &&
					before.mtimeMs === now.mtimeMs &&
					before.ino === now.ino
				)
					return [from, before];
				return [from, { ...now, digest: await contentDigest(from) }];
			}),
		),
	);
	return Object.fromEntries(entries);
}

async function contentDigest(path: string): Promise<string> {
	const hash = createHash('sha256');
	try {
		for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
		return hash.digest('hex');
	} catch {
		return 'missing';
	}
}

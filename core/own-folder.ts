import { createHash, randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The file that marks a folder Waymark made as its own, to remove when it is stale. */
const markerName = '.waymark-own';

/**
 * Makes `dir` (and its parents) and, when this call is what made it, marks it as Waymark's: a
 * random id and the digest of that id with the folder's real path. True when it was made now. A
 * folder that was there already is never marked, whatever it holds: Waymark cannot tell a folder
 * an earlier run made from one someone else did (`stateDir: node_modules` would name the
 * packages' folders).
 */
export async function makeOwnFolder(dir: string): Promise<boolean> {
	await mkdir(dirname(dir), { recursive: true });
	try {
		await mkdir(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
	const id = randomUUID();
	await writeFile(
		join(dir, markerName),
		`${JSON.stringify({ id, digest: markDigest(id, await realpath(dir)) })}\n`,
		{ flag: 'wx' },
	);
	return true;
}

/**
 * Whether `dir` holds the marker `makeOwnFolder` wrote into it, for this very folder: a regular
 * file (no symbolic link) whose digest is that of its id and the folder's real path, so a marker
 * copied or moved with its folder elsewhere does not count.
 */
export async function isOwnFolder(dir: string): Promise<boolean> {
	const marker = join(dir, markerName);
	const info = await lstat(marker).catch(() => undefined);
	if (!info?.isFile()) return false;
	try {
		const { id, digest } = JSON.parse(await readFile(marker, 'utf8')) as {
			id?: unknown;
			digest?: unknown;
		};
		return typeof id === 'string' && digest === markDigest(id, await realpath(dir));
	} catch {
		return false;
	}
}

function markDigest(id: string, realDir: string): string {
	return createHash('sha256').update(`waymark-own\0${id}\0${realDir}`).digest('hex');
}

import { lstat, readlink } from 'node:fs/promises';
import { join, parse, resolve, sep } from 'node:path';
import { raise, WriteThroughLink } from './errors.ts';
import { isInside } from './path-inside.ts';

/** More links on one path than this is a loop (Linux's own limit is 40). */
const maxLinks = 40;

/**
 * Where writing to `path` would land: every symbolic link on the way followed, the last one's
 * too, and a broken link to where it points (a write through it creates its target). The rest of
 * a path not made yet is read as written.
 */
export async function whereWriteLands(path: string): Promise<string> {
	const absolute = resolve(path);
	const { root } = parse(absolute);
	let parts = absolute.slice(root.length).split(sep).filter(Boolean);
	let current = root;
	let links = 0;
	while (parts.length > 0) {
		const next = join(current, parts.shift() as string);
		const info = await lstat(next).catch(() => undefined);
		if (!info) return join(next, ...parts);
		if (info.isSymbolicLink()) {
			if (++links > maxLinks) return next;
			parts = [
				...resolve(current, await readlink(next))
					.slice(root.length)
					.split(sep)
					.filter(Boolean),
				...parts,
			];
			current = root;
			continue;
		}
		current = next;
	}
	return current;
}

/**
 * Refuses (`WriteThroughLink`) a write that a symbolic link would carry out of a folder it is
 * written in: `path` as written is inside `boundary` (the repository, the state folder), and where
 * it would land is not. A path written outside every boundary is the caller's own choice (`--out
 * /srv/www`) and is let through. Each boundary is taken by its real path.
 */
export async function assertWriteStaysInside(
	path: string,
	boundaries: readonly string[],
): Promise<void> {
	for (const boundary of boundaries) {
		if (!isInside(resolve(path), resolve(boundary))) continue;
		const lands = await whereWriteLands(path);
		const real = await whereWriteLands(boundary);
		if (!isInside(lands, real)) throw raise(WriteThroughLink, path, lands, boundary);
	}
}

import { realpath } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { isInside } from './path-inside.ts';

/**
 * Whether `path` is `folder` or below it once every symbolic link is followed, `folder`'s own
 * included: a link inside that leads out is outside. A path that does not exist is outside, unless
 * `notYetMade` (a state folder about to be created), when the part of it that exists is followed
 * and the rest read as written.
 */
export async function isReallyInside(
	path: string,
	folder: string,
	options: { notYetMade?: boolean } = {},
): Promise<boolean> {
	const top = await realpath(folder).catch(() => undefined);
	if (top === undefined) return false;
	let existing = path;
	let rest = '';
	for (;;) {
		const real = await realpath(existing).catch(() => undefined);
		if (real !== undefined) return isInside(resolve(real, rest), top);
		if (!options.notYetMade) return false;
		const parent = dirname(existing);
		if (parent === existing) return isInside(path, top);
		rest = rest
			? `${existing.slice(parent.length + 1)}${sep}${rest}`
			: existing.slice(parent.length + 1);
		existing = parent;
	}
}

/**
 * Where `path` really is: the real path of the part of it that exists (symbolic links followed),
 * with the rest as written. For a folder that may be made later (a state folder), so its files are
 * recognised under the name they will have.
 */
export async function realLocation(path: string): Promise<string> {
	let existing = resolve(path);
	let rest = '';
	for (;;) {
		const real = await realpath(existing).catch(() => undefined);
		if (real !== undefined) return resolve(real, rest);
		const parent = dirname(existing);
		if (parent === existing) return resolve(path);
		rest = rest
			? `${existing.slice(parent.length + 1)}${sep}${rest}`
			: existing.slice(parent.length + 1);
		existing = parent;
	}
}

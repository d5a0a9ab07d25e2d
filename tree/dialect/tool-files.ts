import { realpath, stat } from 'node:fs/promises';
import { isInside } from '../../core/path-inside.ts';

/**
 * Whether `path`, with every symbolic link followed, lies in `folder` (itself included). `false`
 * when either cannot be resolved. The tree's tool configs, and anything they name, are read only
 * when this holds for the folder Waymark may read them from (`Surroundings.boundary`).
 */
export async function isReallyWithin(path: string, folder: string): Promise<boolean> {
	const [real, top] = await Promise.all([realpath(path).catch(() => undefined), realpath(folder).catch(() => undefined)]);
	if (real === undefined || top === undefined) return false;
	return isInside(real, top);
}

/**
 * What `file` is for a reader bounded by `boundary`: `file` (a regular file inside it), `outside`
 * (a file reached through a symbolic link leading out of it: never read), or `absent`.
 */
export async function toolFileAt(file: string, boundary: string): Promise<'file' | 'outside' | 'absent'> {
	const info = await stat(file).catch(() => undefined);
	if (!info?.isFile()) return 'absent';
	return (await isReallyWithin(file, boundary)) ? 'file' : 'outside';
}

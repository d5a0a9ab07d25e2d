import { isAbsolute, relative, sep } from 'node:path';

/**
 * True when `path` is `folder` or inside it, by name: both resolved the same way (absolute, or
 * relative to the same folder), no symbolic link followed. `/a/bc` is not inside `/a/b`, and a
 * file named `..notes` inside it is; on Windows, another drive is outside.
 */
export function isInside(path: string, folder: string): boolean {
	const rel = relative(folder, path);
	return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

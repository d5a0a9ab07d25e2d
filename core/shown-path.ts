import { isAbsolute, relative } from 'node:path';

/** `path` as the user would type it from `cwd`: relative when inside, else absolute; folders end in `/`. */
export function shownPath(path: string, cwd: string): string {
	const shown = shownFile(path, cwd);
	return shown.endsWith('/') ? shown : `${shown}/`;
}

/** A file's `path` as the user would type it from `cwd`: relative when inside, else absolute. */
export function shownFile(path: string, cwd: string): string {
	const rel = relative(cwd, path);
	return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

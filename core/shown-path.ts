import { isAbsolute, relative } from 'node:path';

/** `path` as the user would type it from `cwd`: relative when inside, else absolute; folders end in `/`. */
export function shownPath(path: string, cwd: string): string {
	const rel = relative(cwd, path);
	const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
	return shown.endsWith('/') ? shown : `${shown}/`;
}

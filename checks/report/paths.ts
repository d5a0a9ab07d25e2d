import { relative, resolve, sep } from 'node:path';

/** `file` (relative to the root) as a `/`-separated path relative to `cwd`, for annotations. */
export function pathFromCwd(root: string, cwd: string, file: string): string {
	return relative(cwd, resolve(root, file)).split(sep).join('/') || '.';
}

import { relative, sep } from 'node:path';
import { isInside } from '../core/path-inside.ts';

/**
 * A test of paths from `folder` (`/`-separated, as git names changes): true for Waymark's own
 * folders and files (`GuidebookFiles.own`, real paths) and what is in them. `folder` is a real
 * path too (a repository's top, the root). A changes list never names them as the branch's: the
 * state folder's cached pages are not "also changed" in a repository whose `.gitignore` does not
 * name it.
 */
export function ownPathTest(
	own: readonly string[] | undefined,
	folder: string,
): (path: string) => boolean {
	const prefixes = (own ?? [])
		.filter((path) => isInside(path, folder) && path !== folder)
		.map((path) => relative(folder, path).split(sep).join('/'));
	if (prefixes.length === 0) return () => false;
	return (path) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

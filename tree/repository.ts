import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { git } from '../core/git.ts';
import type { RootPlace } from '../src/lib/forge-links.ts';

/** Where the guidebook root sits: its git repository (`top`, absolute) and its path inside it. */
export interface RootLocation extends RootPlace {
	/** Absolute top folder of the git work tree; absent outside git. */
	top?: string;
}

/**
 * Asks git once for the work tree holding `root`. Outside git (or without git), the root's own
 * absolute path stands in, so a link that leaves the root and comes back still resolves.
 */
export async function locateRoot(root: string): Promise<RootLocation> {
	const real = await realpath(root).catch(() => root);
	const top = await gitTopLevel(real);
	if (top === undefined) return { rootPath: real.split(sep).filter(Boolean).join('/'), inRepository: false };
	const rootPath = relative(await realpath(top).catch(() => top), real).split(sep).join('/');
	// A root outside the work tree git named (a symlink's target elsewhere) is not in it.
	if (rootPath.startsWith('..')) return { rootPath: real.split(sep).filter(Boolean).join('/'), inRepository: false };
	return { top, rootPath, inRepository: true };
}

/** `path` (absolute) relative to the repository top of `place`; `undefined` outside git or outside the repository. */
export async function repositoryPath(place: RootLocation, path: string): Promise<string | undefined> {
	if (!place.top) return undefined;
	const relativePath = relative(await realpath(place.top).catch(() => place.top ?? ''), await realpath(path).catch(() => path));
	return relativePath.startsWith('..') ? undefined : relativePath.split(sep).join('/');
}

async function gitTopLevel(cwd: string): Promise<string | undefined> {
	try {
		return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim() || undefined;
	} catch {
		// Not a work tree, a bare repository, or no git on PATH: links are resolved within the root.
		return undefined;
	}
}

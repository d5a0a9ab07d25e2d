import { realpath } from 'node:fs/promises';
import { posix, relative, sep } from 'node:path';
import { findRepository, type Repository } from '../core/git.ts';
import type { RootPlace } from '../markdown/forge-links.ts';
import { isInside } from '../core/path-inside.ts';

/** Where the guidebook root sits: its git repository (`top`, absolute) and its path inside it. */
export interface RootLocation extends RootPlace {
	/** Absolute top folder of the git work tree; absent outside git. */
	top?: string;
	/** The repository every git call names explicitly (`core/git.ts`); absent outside git. */
	repository?: Repository;
}

/**
 * Finds the repository holding `root` once (`findRepository`: never from inside the root), or
 * takes `found`, the command's own answer to that question.
 * Outside git (or without git), the root's own absolute path stands in, so a link that leaves the
 * root and comes back still resolves.
 */
export async function locateRoot(
	root: string,
	found?: Promise<Repository | undefined>,
): Promise<RootLocation> {
	const real = await realpath(root).catch(() => root);
	// Without git on PATH, links are resolved within the root; commands that need git say so.
	const repository = await (found ?? findRepository(real).catch(() => undefined));
	const outside = { rootPath: real.split(sep).filter(Boolean).join('/'), inRepository: false };
	if (!repository) return outside;
	const top = await realpath(repository.workTree).catch(() => repository.workTree);
	if (!isInside(real, top)) return outside;
	const rootPath = relative(top, real).split(sep).join('/');
	return { top: repository.workTree, repository, rootPath, inRepository: true };
}

/** A path from the repository's top (as git names it) as a path from the root: `../../examples/a.toml` for a root at `book/src`. */
export function fromRootOf(rootPath: string, path: string): string {
	return posix.relative(`/${rootPath}`, `/${path}`);
}

/** A path from the root as git names it from the repository's top; `undefined` for one that leaves the repository. */
export function fromTopOf(rootPath: string, path: string): string | undefined {
	const joined = posix.normalize(posix.join(rootPath, path));
	return joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)
		? undefined
		: joined;
}

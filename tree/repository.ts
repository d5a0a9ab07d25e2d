import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { promisify } from 'node:util';
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

async function gitTopLevel(cwd: string): Promise<string | undefined> {
	try {
		const { stdout } = await promisify(execFile)('git', ['rev-parse', '--show-toplevel'], { cwd, env: { ...process.env, LC_ALL: 'C' } });
		return stdout.trim() || undefined;
	} catch {
		// Not a work tree, a bare repository, or no git on PATH: links are resolved within the root.
		return undefined;
	}
}

import { dirname } from 'node:path';
import { findRepository, type Repository } from '../core/git.ts';
import { stateFiles } from '../core/state-files.ts';
import { assertWriteStaysInside } from '../core/write-boundary.ts';
import type { LoadedConfig } from './load-config.ts';
import { waymarkPaths } from './own-paths.ts';

/**
 * Refuses (`WriteThroughLink`) to start a command whose writes a symbolic link would carry out of
 * the repository, or out of the state folder: the state folder, each of its parts and caches, the
 * status history, the output folder (when the command writes it) and `more` (what the command
 * itself writes, e.g. an export).
 * The repository is the one that holds the root, else the config file's folder. A place named
 * outside them (a `--state-dir` on tmpfs, `--out /srv/www`) is the operator's and is let through.
 * `repository`: the root's, when the command has asked for it already (`findRepository`).
 */
export async function assertWritesInside(
	loaded: Pick<LoadedConfig, 'root' | 'stateDir' | 'config' | 'file'> & { outDir?: string },
	more: readonly string[] = [],
	repository: Promise<Repository | undefined> = findRepository(loaded.root).catch(() => undefined),
): Promise<void> {
	const top = (await repository)?.workTree ?? (loaded.file ? dirname(loaded.file) : loaded.root);
	const state = stateFiles(loaded.stateDir);
	for (const path of [
		...waymarkPaths(loaded),
		state.astro,
		state.diagrams,
		state.pages,
		state.links,
		...more,
	])
		await assertWriteStaysInside(path, [loaded.stateDir, top]);
}

import { lstatSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { pathInRoot } from '../../../markdown/forge-links.ts';
import { isUnpublishedPath } from '../../../markdown/unpublished-names.ts';
import type { GuidebookTree } from '../../../tree/load-tree.ts';

/** What a link to a file of the repository (not of the published tree) finds there. */
export interface RepositoryFiles {
	/** A file or folder of the repository at `path` (from its top), as the forge shows it; `undefined` when it has none. */
	entry(path: string): 'file' | 'folder' | undefined;
	/** True when `path` is on disk but git ignores it (`dist/`, `.env.local` in the root): no file of the forge. */
	ignored(path: string): boolean;
	/** How many answers so far came from the disk (what is there can change with no change to the tree). */
	diskReads(): number;
}

/**
 * Files outside the root are looked up on disk, once each, when a link names them; the root's own
 * through names the site never publishes are what git has (`tree.unpublishedTracked`), when it
 * could list them.
 */
export function repositoryFiles(tree: GuidebookTree): RepositoryFiles {
	const found = new Map<string, 'file' | 'folder' | undefined>();
	const top = tree.place?.top;
	const throughSkipped = (path: string) => {
		const inRoot = pathInRoot(tree.place, path);
		return inRoot !== undefined && isUnpublishedPath(inRoot);
	};
	// Not followed: a symbolic link in the repository is what the forge shows, wherever it points.
	let reads = 0;
	const onDisk = (path: string) => {
		reads++;
		return top === undefined ? undefined : lstatQuietly(join(top, path));
	};
	return {
		entry(path) {
			if (tree.unpublishedTracked && throughSkipped(path)) return tree.unpublishedTracked.get(path);
			// Counted when found again too: each link that reads the disk depends on it.
			if (found.has(path)) reads++;
			else {
				const info = onDisk(path);
				found.set(path, info?.isDirectory() ? 'folder' : info ? 'file' : undefined);
			}
			return found.get(path);
		},
		ignored: (path) =>
			tree.unpublishedTracked !== undefined &&
			throughSkipped(path) &&
			!tree.unpublishedTracked.has(path) &&
			onDisk(path) !== undefined,
		diskReads: () => reads,
	};
}

/** What is at `path`, not following a link; nothing for a path no file system can hold (`README.md/x`, a name too long), never a throw. */
export function lstatQuietly(path: string): Stats | undefined {
	try {
		return lstatSync(path, { throwIfNoEntry: false });
	} catch {
		return undefined;
	}
}

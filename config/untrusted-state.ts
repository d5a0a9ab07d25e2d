import { rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { findRepository } from '../core/git.ts';
import { raise, StateDirUnderReview } from '../core/errors.ts';
import { isReallyInside } from '../core/really-inside.ts';
import { stateFiles } from '../core/state-files.ts';

/** The state paths of a loaded config (`untrusted.ts`'s `ConfigPaths`, whose caches are `undefined` unless written). */
interface StatePaths {
	root: string;
	stateDir: string;
	diagramsCacheDir: string | undefined;
	linksCacheDir: string | undefined;
	statusDatabase: string | undefined;
}

/** The config keys that place one of Waymark's caches, besides `stateDir`, and the field of `ConfigPaths` each fills. */
const cacheKeys = [
	{ key: 'diagrams.cacheDir', field: 'diagramsCacheDir' },
	{ key: 'links.cache.dir', field: 'linksCacheDir' },
	{ key: 'status.database', field: 'statusDatabase' },
] as const;

export interface StateSource {
	/** The config file's folder (the working directory without one). */
	base: string;
	/** `--state-dir` was given: `paths.stateDir` is the operator's. */
	fromFlag: boolean;
	/** The config file writes `stateDir` (the other keys are `undefined` in `paths` unless written). */
	stateDirWritten: boolean;
	/** Where per-user temporary folders go. @default os.tmpdir() */
	tmp?: string;
}

/**
 * Places the state of an untrusted run outside the tree under review, by construction: whatever
 * the branch holds (committed files, a submodule, a symbolic link) lies inside its repository's
 * work tree, and no state folder is ever there, so nothing the branch wrote is read as Waymark's
 * own results. Every state key the branch's config writes is set aside; the state folder is the
 * operator's `--state-dir` when it lies outside (`StateDirUnderReview` when it does not), else
 * one per tree in the user's private temporary folder (`<tmp>/waymark-<uid>/untrusted/`), kept
 * between runs of the same checkout so previews stay incremental.
 */
export async function placeUntrustedState(
	paths: StatePaths,
	source: StateSource,
): Promise<Array<{ key: string; reason: string }>> {
	const tops = await reviewedFolders(source.base, paths.root);
	const setAside: Array<{ key: string; reason: string }> = [];
	if (source.fromFlag) {
		for (const top of tops)
			if (await isReallyInside(paths.stateDir, top, { notYetMade: true }))
				throw raise(StateDirUnderReview, paths.stateDir, top);
	} else {
		const written = paths.stateDir;
		paths.stateDir = await ownStateFolder(tops, source.tmp ?? tmpdir());
		if (source.stateDirWritten)
			setAside.push({ key: 'stateDir', reason: reasonFor(written, paths.stateDir) });
	}
	const state = stateFiles(paths.stateDir);
	const own = {
		diagramsCacheDir: state.diagrams,
		linksCacheDir: state.links,
		statusDatabase: state.status,
	};
	for (const { key, field } of cacheKeys) {
		const written = paths[field];
		// An in-memory history is nowhere: nothing to read, nothing to aim.
		if (written === undefined || written === ':memory:') continue;
		paths[field] = undefined;
		setAside.push({ key, reason: reasonFor(written, own[field]) });
	}
	return setAside;
}

function reasonFor(written: string, used: string): string {
	return `places Waymark's state (\`${written}\`), which a branch under review may not choose: an untrusted run reads nothing the branch could have written as its own results, so its state lives outside the tree (\`${used}\`)`;
}

/** The folders a branch under review holds: the work trees of the repositories of the config's folder and of the root, else those folders. */
async function reviewedFolders(base: string, root: string): Promise<string[]> {
	const found = await Promise.all(
		[base, root].map(
			async (folder) => (await findRepository(folder).catch(() => undefined))?.workTree ?? folder,
		),
	);
	return [...new Set(found)];
}

/**
 * The run's state folder: `<tmp>/waymark-<uid>/untrusted/<top>-<hash>`, where `waymark-<uid>` is a
 * folder of this user's alone (made with mode 700, checked to be a real folder this user owns and
 * no one else may write), so another account on the machine cannot plant a cache there. When that
 * cannot be had, or it lies inside the tree, a new temporary folder removed when the process ends.
 */
async function ownStateFolder(tops: string[], tmp: string): Promise<string> {
	const top = tops[0] as string;
	const key = createHash('sha256')
		.update(await realpath(top).catch(() => top))
		.digest('hex')
		.slice(0, 12);
	const name =
		basename(top)
			.replace(/[^\w.-]+/g, '-')
			.slice(0, 40) || 'tree';
	const home = await privateFolder(join(tmp, `waymark-${process.getuid?.() ?? 'user'}`));
	const chosen = home && join(home, 'untrusted', `${name}-${key}`);
	if (
		chosen &&
		(await Promise.all(tops.map((t) => isReallyInside(chosen, t, { notYetMade: true })))).every(
			(inside) => !inside,
		)
	)
		return chosen;
	const made = await mkdtemp(join(tmp, 'waymark-untrusted-'));
	// Nothing in it is worth keeping: no later run could tell it from a folder someone else made.
	process.once('exit', () => rmSync(made, { recursive: true, force: true }));
	return made;
}

/** `folder`, made if missing, when it is a real folder (no symbolic link) of this user's that no one else can write; else undefined. */
async function privateFolder(folder: string): Promise<string | undefined> {
	await mkdir(folder, { mode: 0o700 }).catch(() => undefined);
	const info = await lstat(folder).catch(() => undefined);
	if (!info?.isDirectory()) return undefined;
	const uid = process.getuid?.();
	// Windows has no owner ids here, and its temporary folder is the user's own.
	if (uid !== undefined && (info.uid !== uid || (info.mode & 0o022) !== 0)) return undefined;
	return folder;
}

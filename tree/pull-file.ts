import { lstatSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { PulledFile } from '../src/lib/dialect-source/pulled-file.ts';
import { isInside } from '../core/path-inside.ts';
import { secretByName, secretInContent, secretInText } from './secret-files.ts';

/** Largest file a page may pull in; a larger one is shown as a notice. */
const maxPulledBytes = 1024 * 1024;

/**
 * The file at `file` (an absolute path, as the tree names a place: one out of the root is never
 * looked at), read if it may be shown. `written` is how the page names it. The path is followed one name at a time from the
 * real root (`placeInRoot`), so nothing outside the root is ever looked at: a file out there, and
 * one that is not, read the same. Never one under `.git` (its `config` holds the token CI checks
 * out with, in no shape a secret rule knows), nor, in an untrusted build, one the branch does not
 * hold (`branchHolds`). A missing file names the place it was looked for in `tried`.
 */
export function pull(file: string, roots: Roots, written: string, secrets: ReadonlyMap<string, string>, branchHolds?: (path: string) => boolean): PulledFile {
	if (!isInside(file, roots.root)) return outsideRoot(written);
	const realRoot = roots.real;
	const place = placeInRoot(roots, relative(roots.root, file));
	if ('outside' in place) return outsideRoot(written);
	if ('missing' in place) return { problem: 'not found', tried: [place.missing] };
	const real = place.real;
	const fromRoot = relative(realRoot, real).split(sep).join('/');
	// Any case: a case-insensitive disk reads `.GIT/config` as `.git/config`.
	if (fromRoot.split('/').some((name) => name.toLowerCase() === '.git')) return { problem: `inside \`.git\` (\`${written}\`), which Waymark never reads` };
	// A file refused for what it is names its place too: fixed there, it changes the page.
	const refused = (answer: PulledFile): PulledFile => ({ ...answer, tried: [fromRoot] });
	if (!statSync(real).isFile()) return refused({ problem: 'not found' });
	if (branchHolds && !branchHolds(fromRoot)) return refused({ problem: `a file the branch does not hold (\`${written}\`: git does not track it), which an untrusted build never reads` });
	const named = secrets.get(fromRoot) ?? secretByName(real);
	if (named) return refused(secretProblem(named));
	const size = statSync(real).size;
	if (size > maxPulledBytes) return refused(tooLarge(size));
	const text = readText(real);
	if (text === undefined) return refused({ problem: 'not readable as UTF-8 text' });
	const held = secretInText(text, real);
	return held ? refused(secretProblem(held)) : { text, file: fromRoot };
}

/** Why a place out of the root is not read, whether or not anything is there. */
export function outsideRoot(written: string): PulledFile {
	return { problem: `outside the root (\`${written}\`), which Waymark never reads` };
}

/** The root as the run names it, and as the disk has it (its own links followed). */
export interface Roots {
	root: string;
	real: string;
}

/** Most symbolic links one path may pass through, as the system allows (`ELOOP`). */
const maxLinks = 40;

/**
 * Where `path` (from the root) leads, followed from `realRoot` one name at a time: a symbolic link
 * is read, and followed only when it leads to a place inside the root; `..` may not climb out of
 * it. The first step out ends the walk before anything there is looked at. `missing` is the place
 * (from the root) where the walk found nothing.
 */
function placeInRoot(roots: Roots, path: string): { real: string } | { outside: true } | { missing: string } {
	if (isAbsolute(path)) return { outside: true };
	const realRoot = roots.real;
	// `/` alone separates names: `a\\b.md` is one name on the disks the tools read, as here.
	const names = path.split('/').filter((name) => name !== '' && name !== '.');
	let current = realRoot;
	let links = 0;
	while (names.length > 0) {
		const name = names.shift() as string;
		if (name === '..') {
			if (current === realRoot) return { outside: true };
			current = dirname(current);
			continue;
		}
		const next = join(current, name);
		let info: Stats;
		try {
			info = lstatSync(next);
		} catch {
			return { missing: relative(realRoot, join(next, ...names)).split(sep).join('/') };
		}
		if (!info.isSymbolicLink()) {
			// A file in the middle of a path is no folder (the system's ENOTDIR).
			if (names.length > 0 && !info.isDirectory()) return { missing: relative(realRoot, join(next, ...names)).split(sep).join('/') };
			current = next;
			continue;
		}
		if (++links > maxLinks) return { missing: relative(realRoot, next).split(sep).join('/') };
		let target = resolve(current, readlinkSync(next));
		// A link written through the root's own name (a root that is itself a link) leads inside it too.
		if (!isInside(target, realRoot) && isInside(target, roots.root)) target = join(realRoot, relative(roots.root, target));
		if (!isInside(target, realRoot)) return { outside: true };
		names.unshift(...relative(realRoot, target).split(sep).filter((part) => part !== ''));
		current = realRoot;
	}
	return { real: current };
}

/**
 * `pull`'s answer for a file as a commit holds it (the base side of a preview): the same limits of
 * size and text, and what it holds judged by its name and its whole content, secretlint's rules
 * included, as `tree.secrets` judges the tree's own files.
 */
export async function pullAtCommit(text: string | undefined, fromRoot: string): Promise<PulledFile> {
	if (text === undefined) return { problem: 'not found' };
	const named = secretByName(fromRoot);
	if (named) return secretProblem(named);
	const size = Buffer.byteLength(text);
	if (size > maxPulledBytes) return tooLarge(size);
	if (text.includes('\0') || text.includes('\uFFFD')) return { problem: 'not readable as UTF-8 text' };
	const held = await secretInContent(text, fromRoot);
	return held ? secretProblem(held) : { text, file: fromRoot };
}

function tooLarge(size: number): PulledFile {
	return { problem: `${Math.ceil(size / 1024)} KB, more than the ${maxPulledBytes / 1024} KB a page may pull in` };
}

function secretProblem(holds: string): PulledFile {
	return { problem: `a file that holds ${holds}, which Waymark never shows` };
}

export function readText(file: string): string | undefined {
	try {
		const bytes = readFileSync(file);
		if (bytes.includes(0)) return undefined;
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}


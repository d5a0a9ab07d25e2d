import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { outsideBoundary, type PulledFile } from '../tools/syntax/pulled-file.ts';
import type { Puller } from '../tools/tool.ts';
import { isInside } from '../core/path-inside.ts';
import { secretByName, secretInContent, secretInText } from './secret-files.ts';

/** Largest file a page may pull in; a larger one is shown as a notice. */
const maxPulledBytes = 1024 * 1024;

/**
 * The file at `file` (an absolute path, as the tree names a place), read if it may be shown.
 * `written` is how the page names it. The path is followed one name at a time from the real
 * boundary (`roots.boundary`: the repository that holds the root in a trusted build, else the root
 * itself), so nothing outside the boundary is ever looked at: a file out there, and one that is
 * not, read the same. Never one under `.git` (its `config` holds the token CI checks out with, in
 * no shape a secret rule knows), nor, in an untrusted build, one the branch does not hold
 * (`branchHolds`). A missing file names the place it was looked for in `tried`; places are from
 * the root (`../../examples/a.toml` for one elsewhere in the repository).
 */
function pull(
	file: string,
	roots: Roots,
	written: string,
	secrets: ReadonlyMap<string, string>,
	branchHolds?: (path: string) => boolean,
): PulledFile {
	const boundary = roots.boundary ?? { name: roots.root, real: roots.real, kind: 'root' as const };
	if (!isInside(file, boundary.name) && !isInside(file, roots.root))
		return outsideBoundary(written, boundary.kind);
	const place = placeInBoundary(roots, boundary, relative(roots.root, file));
	if ('outside' in place) return outsideBoundary(written, boundary.kind);
	if ('missing' in place) return { problem: 'not found', tried: [place.missing] };
	const real = place.real;
	const fromRoot = relative(roots.real, real).split(sep).join('/');
	// Any case: a case-insensitive disk reads `.GIT/config` as `.git/config`.
	if (
		relative(boundary.real, real)
			.split(sep)
			.some((name) => name.toLowerCase() === '.git') ||
		(boundary.gitDir !== undefined && isInside(real, boundary.gitDir))
	)
		return { problem: `inside \`.git\` (\`${written}\`), which Waymark never reads` };
	// A file refused for what it is names its place too: fixed there, it changes the page.
	const refused = (answer: PulledFile): PulledFile => ({ ...answer, tried: [fromRoot] });
	if (!statSync(real).isFile()) return refused({ problem: 'not found' });
	if (branchHolds && !branchHolds(fromRoot))
		return refused({
			problem: `a file the branch does not hold (\`${written}\`: git does not track it), which an untrusted build never reads`,
		});
	const named = secrets.get(fromRoot) ?? secretByName(real);
	if (named) return refused(secretProblem(named));
	const size = statSync(real).size;
	if (size > maxPulledBytes) return refused(tooLarge(size));
	const text = readText(real);
	if (text === undefined) return refused({ problem: 'not readable as UTF-8 text' });
	const held = secretInText(text, real);
	return held ? refused(secretProblem(held)) : { text, file: fromRoot };
}

/**
 * The root as the run names it, and as the disk has it (its own links followed); and the folder
 * pulled files may come from, when it is not the root: the git repository that holds it, in a
 * trusted build (`pullRoots`).
 */
interface Roots {
	root: string;
	real: string;
	boundary?: Boundary;
}

/** A folder pulled files may not leave: `name` as the run reaches it from the root's name, `real` as the disk has it. */
interface Boundary {
	name: string;
	real: string;
	kind: 'root' | 'repository';
	/** The repository's git folder, as the disk has it: never read, whatever its name. */
	gitDir?: string;
}

/**
 * The roots a tree's pulls read through: in a trusted build (`top`, the repository's top folder,
 * given) anywhere in the repository that holds the root; else (an untrusted build, a branch under
 * review, or a root outside git) the root alone.
 */
function pullRoots(root: string, repository?: PullRepository): Roots {
	const real = realpathSync(root);
	if (repository === undefined) return { root, real };
	const realTop = realpathSync(repository.top);
	// A root outside the repository it was found in (reached through a link) keeps its own boundary.
	if (!isInside(real, realTop)) return { root, real };
	// Git's own folder, wherever the work tree keeps it (`.git` may be a file naming `gitdir: .bare`).
	const gitDir =
		repository.gitDir === undefined
			? undefined
			: realpathSync(resolve(repository.top, repository.gitDir));
	return {
		root,
		real,
		boundary: {
			name: resolve(root, relative(real, realTop)),
			real: realTop,
			kind: 'repository',
			...(gitDir && { gitDir }),
		},
	};
}

/** The repository a trusted build pulls from: its top folder, and its git folder when git says where. */
export interface PullRepository {
	top: string;
	gitDir?: string;
}

/** Most symbolic links one path may pass through, as the system allows (`ELOOP`). */
const maxLinks = 40;

/**
 * Where `path` (from the root) leads, followed from the real boundary one name at a time: a
 * symbolic link is read, and followed only when it leads to a place inside the boundary; `..` may
 * not climb out of it. The first step out ends the walk before anything there is looked at.
 * `missing` is the place (from the root) where the walk found nothing.
 */
function placeInBoundary(
	roots: Roots,
	boundary: Boundary,
	path: string,
): { real: string } | { outside: true } | { missing: string } {
	if (isAbsolute(path)) return { outside: true };
	const realRoot = roots.real;
	const top = boundary.real;
	const fromRoot = (place: string) => relative(realRoot, place).split(sep).join('/');
	// `/` alone separates names: `a\\b.md` is one name on the disks the tools read, as here.
	const names = [...relative(top, realRoot).split(sep), ...path.split('/')].filter(
		(name) => name !== '' && name !== '.',
	);
	let current = top;
	let links = 0;
	while (names.length > 0) {
		const name = names.shift() as string;
		if (name === '..') {
			if (current === top) return { outside: true };
			current = dirname(current);
			continue;
		}
		const next = join(current, name);
		let info: Stats;
		try {
			info = lstatSync(next);
		} catch {
			return { missing: fromRoot(join(next, ...names)) };
		}
		if (!info.isSymbolicLink()) {
			// A file in the middle of a path is no folder (the system's ENOTDIR).
			if (names.length > 0 && !info.isDirectory())
				return { missing: fromRoot(join(next, ...names)) };
			current = next;
			continue;
		}
		if (++links > maxLinks) return { missing: fromRoot(next) };
		let target = resolve(current, readlinkSync(next));
		// A link written through the root's own name (a root that is itself a link), or the boundary's, leads inside it too.
		if (!isInside(target, top) && isInside(target, roots.root))
			target = join(realRoot, relative(roots.root, target));
		else if (!isInside(target, top) && isInside(target, boundary.name))
			target = join(top, relative(boundary.name, target));
		if (!isInside(target, top)) return { outside: true };
		names.unshift(
			...relative(top, target)
				.split(sep)
				.filter((part) => part !== ''),
		);
		current = top;
	}
	return { real: current };
}

/**
 * `pull`'s answer for a file as a commit holds it (the base side of a preview): the same limits of
 * size and text, and what it holds judged by its name and its whole content, secretlint's rules
 * included, as `tree.secrets` judges the tree's own files.
 */
export async function pullAtCommit(
	text: string | undefined,
	fromRoot: string,
): Promise<PulledFile> {
	if (text === undefined) return { problem: 'not found' };
	const named = secretByName(fromRoot);
	if (named) return secretProblem(named);
	const size = Buffer.byteLength(text);
	if (size > maxPulledBytes) return tooLarge(size);
	if (text.includes('\0') || text.includes('\uFFFD'))
		return { problem: 'not readable as UTF-8 text' };
	const held = await secretInContent(text, fromRoot);
	return held ? secretProblem(held) : { text, file: fromRoot };
}

/**
 * Files `pull` read from outside the root, in a trusted build (`pullRoots`), judged by secretlint's
 * rules as `tree.secrets` judges the root's own files (`pull` itself, synchronous, knows their
 * names and the patterns `secretInText` finds). Each that holds a secret is refused in its record,
 * in place, so a page read again shows it no more; the files refused, from the root.
 */
export async function refuseSecretsFromOutside(
	records: ReadonlyArray<Record<string, PulledFile> | undefined>,
): Promise<Set<string>> {
	const refused = new Set<string>();
	for (const record of records) {
		for (const [key, pulled] of Object.entries(record ?? {})) {
			if (!('text' in pulled) || !pulled.file?.startsWith('../')) continue;
			const file = pulled.file;
			const held = await secretInContent(pulled.text, file);
			if (!held) continue;
			record![key] = { ...secretProblem(held), tried: [file] };
			refused.add(file);
		}
	}
	return refused;
}

function tooLarge(size: number): PulledFile {
	return {
		problem: `${Math.ceil(size / 1024)} KB, more than the ${maxPulledBytes / 1024} KB a page may pull in`,
	};
}

function secretProblem(holds: string): PulledFile {
	return { problem: `a file that holds ${holds}, which Waymark never shows` };
}

function readText(file: string): string | undefined {
	try {
		const bytes = readFileSync(file);
		if (bytes.includes(0)) return undefined;
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}

/**
 * What a tree's tool pulls files in through (`Tool.pull`): `pull` inside the boundary `pullRoots`
 * gives (the repository in a trusted build, `repository` given; else the root), refusing what
 * `secrets` (the tree's files judged as the published files are) or the branch under review
 * (`branchHolds`) rules out.
 */
export function createPuller(
	root: string,
	secrets: ReadonlyMap<string, string>,
	branchHolds?: (path: string) => boolean,
	repository?: PullRepository,
): Puller {
	const roots = pullRoots(root, repository);
	return {
		boundary: roots.boundary ?? { name: root, kind: 'root' },
		pull: (file, written) => pull(file, roots, written, secrets, branchHolds),
		readText,
	};
}

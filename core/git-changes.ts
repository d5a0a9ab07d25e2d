import { lstat, mkdir, mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, type Repository } from './git.ts';

/** How a file differs between a commit and the work tree (git's name-status letters, renames as `R`). */
export interface FileChange {
	status: 'A' | 'M' | 'D' | 'R';
	/** Relative to the folder compared; for `D`, the path it had. */
	path: string;
	/** For `R`: the path before. */
	from?: string;
}

interface Entry {
	mode: string;
	oid: string;
}

/**
 * Files under `folder` (relative to the work tree's top, `''` for all of it) that differ between
 * `commit` and the work tree (committed, staged, unstaged and untracked, ignored files left out),
 * limited to the paths `keep` accepts, with renames found by git's own similarity. `within`, when
 * given, names the only files and folders (`a/b/`) under `folder` that `keep` can accept: git then
 * lists those, not the whole folder, which for a tree in a large repository is most of the work.
 * `listed`: what `git ls-files --cached --others --exclude-standard` gave for exactly these paths
 * moments before (the tree's own listing, `listRootFiles`), so git is not asked again.
 *
 * Git never reads a work-tree file here: each side becomes a tree in a temporary object folder
 * (the work tree's files hashed with `--no-filters`), and the two trees are compared. So the
 * tree's `.gitattributes` cannot send its files through a filter or textconv program, and the
 * repository's objects are only read.
 */
export async function listWorkTreeChanges(
	repo: Repository,
	commit: string,
	folder: string,
	keep: (path: string) => boolean,
	within?: readonly string[],
	listed?: readonly string[],
): Promise<FileChange[]> {
	const prefix = folder === '' ? '' : `${folder}/`;
	if (within?.length === 0) return [];
	// `''` in `within` is the whole folder: then git lists all of it, both sides alike.
	const pathspecs =
		within === undefined || within.includes('')
			? [prefix ? `:(literal)${prefix}` : '.']
			: within.map((path) => `:(literal)${prefix}${path}`);
	const temp = await mkdtemp(join(tmpdir(), 'waymark-git-'));
	try {
		const objects =
			repo.found?.objects ??
			(await git(repo, ['rev-parse', '--path-format=absolute', '--git-path', 'objects'])).trim();
		const env = {
			GIT_OBJECT_DIRECTORY: join(temp, 'objects'),
			GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
		};
		await mkdir(env.GIT_OBJECT_DIRECTORY);
		const base = await commitEntries(repo, commit, prefix, pathspecs, keep);
		const work = await workTreeEntries(repo, prefix, pathspecs, keep, base, temp, env, listed);
		// The common case in CI, a clean checkout: nothing to write or compare.
		if (sameEntries(base, work)) return [];
		const baseTree = await writeTree(repo, base, {
			...env,
			GIT_INDEX_FILE: join(temp, 'base-index'),
		});
		const workTree = await writeTree(repo, work, {
			...env,
			GIT_INDEX_FILE: join(temp, 'work-index'),
		});
		const diff = await git(
			repo,
			[
				'diff-tree',
				'-r',
				'-z',
				'-M',
				'--name-status',
				'--no-ext-diff',
				'--no-textconv',
				baseTree,
				workTree,
			],
			{ env },
		);
		return parseNameStatus(diff);
	} finally {
		await rm(temp, { recursive: true, force: true });
	}
}

/** Whether two listings hold the same files with the same modes and contents. */
function sameEntries(a: Map<string, Entry>, b: Map<string, Entry>): boolean {
	if (a.size !== b.size) return false;
	for (const [path, entry] of a) {
		const other = b.get(path);
		if (other?.mode !== entry.mode || other.oid !== entry.oid) return false;
	}
	return true;
}

/** The files of `commit` matching `pathspecs` (all under `prefix`), relative to `prefix`, that `keep` accepts (submodules left out). */
async function commitEntries(
	repo: Repository,
	commit: string,
	prefix: string,
	pathspecs: readonly string[],
	keep: (path: string) => boolean,
): Promise<Map<string, Entry>> {
	const listing = await git(repo, [
		'ls-tree',
		'-r',
		'-z',
		'--full-tree',
		commit,
		'--',
		...pathspecs.filter((spec) => spec !== '.'),
	]);
	const entries = new Map<string, Entry>();
	for (const line of listing.split('\0')) {
		const match = /^(\d{6}) blob ([0-9a-f]+)\t([^]*)$/.exec(line);
		if (!match?.[3]?.startsWith(prefix)) continue;
		const path = match[3].slice(prefix.length);
		if (keep(path)) entries.set(path, { mode: match[1] ?? '100644', oid: match[2] ?? '' });
	}
	return entries;
}

/**
 * The files matching `pathspecs` that git tracks or would track (not ignored), as paths from the
 * top, each ending in `\0`: one `git ls-files`. The tree's listing of its root
 * (`tree/unpublished-tracked.ts`) is this same question, which is why the comparison may reuse it.
 */
export function listWorkTreeFiles(repo: Repository, pathspecs: readonly string[]): Promise<string> {
	return git(repo, [
		'ls-files',
		'-z',
		'--cached',
		'--others',
		'--exclude-standard',
		'--',
		...pathspecs,
	]);
}

/**
 * The work tree's files matching `pathspecs` (all under `prefix`) that git tracks or would track (not ignored), hashed as
 * they are on disk into the temporary object folder; a symbolic link as git stores one (its
 * target). Modes follow the commit where the file exists there, so a mode git ignores is no change.
 */
async function workTreeEntries(
	repo: Repository,
	prefix: string,
	pathspecs: readonly string[],
	keep: (path: string) => boolean,
	base: Map<string, Entry>,
	temp: string,
	env: Record<string, string>,
	listed?: readonly string[],
): Promise<Map<string, Entry>> {
	const listing = listed ?? (await listWorkTreeFiles(repo, pathspecs)).split('\0');
	const files: { path: string; mode: string; source: string }[] = [];
	for (const full of new Set(listing)) {
		if (!full.startsWith(prefix)) continue;
		const path = full.slice(prefix.length);
		if (!path || !keep(path)) continue;
		const absolute = join(repo.workTree, full);
		const info = await lstat(absolute).catch(() => undefined);
		if (info?.isSymbolicLink()) {
			const source = join(temp, `link-${files.length}`);
			await writeFile(source, await readlink(absolute));
			files.push({ path, mode: '120000', source });
		} else if (info?.isFile()) {
			files.push({
				path,
				mode: base.get(path)?.mode === '100755' ? '100755' : '100644',
				source: absolute,
			});
		}
	}
	const entries = new Map<string, Entry>();
	if (files.length === 0) return entries;
	const oids = (
		await git(repo, ['hash-object', '-w', '--no-filters', '--stdin-paths'], {
			input: files.map((f) => `${quotePath(f.source)}\n`).join(''),
			env,
		})
	).split('\n');
	files.forEach((file, i) => entries.set(file.path, { mode: file.mode, oid: oids[i] ?? '' }));
	return entries;
}

/**
 * `path` C-quoted, as `--stdin-paths` reads a line that starts with `"`. Git reads that list one
 * path a line (a carriage return before the line end dropped) and unquotes a quoted line, so a
 * name holding a line break, or starting with a quote, would otherwise reach git as other paths.
 */
function quotePath(path: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are what must be escaped
	return `"${path.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`))}"`;
}

/** A tree object of `entries` in the temporary object folder, through a temporary index. */
async function writeTree(
	repo: Repository,
	entries: Map<string, Entry>,
	env: Record<string, string>,
): Promise<string> {
	const info = [...entries]
		.map(([path, entry]) => `${entry.mode} ${entry.oid}\t${path}\0`)
		.join('');
	await git(repo, ['update-index', '--add', '-z', '--index-info'], { input: info, env });
	return (await git(repo, ['write-tree'], { env })).trim();
}

function parseNameStatus(output: string): FileChange[] {
	const fields = output.split('\0');
	const changes: FileChange[] = [];
	for (let i = 0; i < fields.length;) {
		const code = fields[i++] ?? '';
		if (code === '') continue;
		const kind = code[0];
		if (kind === 'R' || kind === 'C') {
			const from = fields[i++] ?? '';
			const to = fields[i++] ?? '';
			changes.push(kind === 'R' ? { status: 'R', path: to, from } : { status: 'A', path: to });
			continue;
		}
		const path = fields[i++] ?? '';
		changes.push({ status: kind === 'A' ? 'A' : kind === 'D' ? 'D' : 'M', path });
	}
	return changes;
}

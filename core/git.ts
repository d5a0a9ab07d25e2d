import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GitRefInvalid, GitUnavailable, NotAGitRepository, raise } from './errors.ts';

/**
 * A git repository named explicitly: every git call gets `--git-dir` and `--work-tree`, so git
 * never discovers a repository by itself, least of all one a tree under review planted inside
 * the guidebook root (a `HEAD`, `config` and `objects` there make a folder a bare repository
 * whose config can name programs git runs).
 */
export interface Repository {
	/** Absolute path of the git directory (`.git`, or a worktree's or submodule's own git dir). */
	gitDir: string;
	/** Absolute top folder of the work tree. */
	workTree: string;
	/**
	 * What git answered with the question that found the repository, so the readers of history and
	 * of the work tree's changes start no git process of their own for it: where git keeps the
	 * objects and a shallow clone's cut-off list (absolute), and HEAD's commit then (absent while
	 * HEAD has no commit). Absent on a repository named by hand.
	 */
	found?: { objects: string; shallow: string; head?: string };
}

/** Git ran and failed; `reason` is the first line git wrote to stderr. */
export class GitCommandFailed extends Error {
	readonly reason: string;
	constructor(args: string[], reason: string) {
		super(`git ${args.join(' ')} failed: ${reason}`);
		this.name = 'GitCommandFailed';
		this.reason = reason;
	}
}

/**
 * Settings every call overrides, whatever the repository's config or the tree's attributes say:
 * each names a program git could start, or a way to reach one. Command-line config outranks every
 * config file. Filters and textconv need no key here: no call below makes git read a work-tree
 * file's content (`listWorkTreeChanges` hashes with `--no-filters`, diffs are tree to tree).
 */
const hardening = [
	'core.fsmonitor=false',
	'core.untrackedCache=false',
	'core.hooksPath=/dev/null',
	'core.sshCommand=false',
	'core.askPass=',
	'core.pager=cat',
	'core.alternateRefsCommand=',
	'credential.helper=',
	'diff.external=',
	'log.showSignature=false',
	'protocol.allow=never',
	'safe.bareRepository=explicit',
	'submodule.recurse=false',
	'diff.ignoreSubmodules=all',
	'core.quotePath=false',
];

const hardeningArgs = hardening.flatMap((setting) => ['-c', setting]);

export interface GitRunOptions {
	/** Sent to git's stdin. */
	input?: string;
	/** Variables added to git's environment (a temporary index or object folder). */
	env?: Record<string, string>;
}

/**
 * Runs `git args` against `repo` and resolves its stdout as bytes. Rejects with `GitUnavailable`
 * when git is not on PATH and `GitCommandFailed` (git's own first line) otherwise.
 */
export function gitBytes(
	repo: Repository,
	args: string[],
	options: GitRunOptions = {},
): Promise<Buffer> {
	const fullArgs = [
		'--no-pager',
		`--git-dir=${repo.gitDir}`,
		`--work-tree=${repo.workTree}`,
		...hardeningArgs,
		...args,
	];
	return new Promise((done, reject) => {
		// Git's messages in English, so the checks below hold in any locale. Git gets the user's
		// environment (PATH, HOME), as any child process does; `--git-dir` and `--work-tree` outrank
		// GIT_DIR and GIT_WORK_TREE there. It starts in the work tree's top folder, never in the root.
		// eslint-disable-next-line no-restricted-properties -- handed to the child, not read
		const env = { ...process.env, ...options.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' };
		const child = spawn('git', fullArgs, {
			cwd: repo.workTree,
			env,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.once('error', (error: NodeJS.ErrnoException) => {
			// spawn reports a missing working directory as ENOENT too.
			if (error.code === 'ENOENT' && existsSync(repo.workTree))
				reject(raise(GitUnavailable, 'git was not found on PATH'));
			else reject(new GitCommandFailed(args, error.message));
		});
		child.once('close', (code) => {
			if (code === 0) return done(Buffer.concat(out));
			const stderr = Buffer.concat(err).toString('utf8').trim();
			reject(new GitCommandFailed(args, stderr.split('\n')[0] || `exit code ${code}`));
		});
		child.stdin.on('error', () => undefined);
		child.stdin.end(options.input ?? '');
	});
}

/** {@link gitBytes} as UTF-8 text. */
export async function git(
	repo: Repository,
	args: string[],
	options?: GitRunOptions,
): Promise<string> {
	return (await gitBytes(repo, args, options)).toString('utf8');
}

/**
 * The repository whose work tree holds `root`: the nearest folder, from `root` itself upwards,
 * with a `.git` folder or `.git` file (a worktree or submodule). Nothing inside the root is
 * looked at but `root/.git`, which no commit can carry; a folder is never taken for a bare
 * repository. `undefined` outside git, or when git cannot read what was found; `GitUnavailable`
 * when a `.git` is found but git is not on PATH.
 */
export async function findRepository(root: string): Promise<Repository | undefined> {
	let folder = await realpath(root).catch(() => resolve(root));
	for (;;) {
		const gitDir = await gitDirIn(folder);
		if (gitDir) {
			const repo = { gitDir, workTree: folder };
			const answer = await git(repo, [
				'rev-parse',
				'--is-inside-work-tree',
				'--path-format=absolute',
				'--git-path',
				'objects',
				'--git-path',
				'shallow',
				// Prints nothing, rather than failing, while HEAD has no commit.
				'--revs-only',
				'HEAD^{commit}',
			]).catch((error: unknown) => {
				if (error instanceof GitCommandFailed) return '';
				throw error;
			});
			const [inside, objects, shallow, head] = answer.split('\n');
			if (inside !== 'true') return undefined;
			if (!objects || !shallow) return repo;
			return { ...repo, found: { objects, shallow, ...(head && { head }) } };
		}
		const parent = dirname(folder);
		if (parent === folder) return undefined;
		folder = parent;
	}
}

/** `folder/.git` as a git directory: the folder itself, or where a `gitdir:` file points. */
async function gitDirIn(folder: string): Promise<string | undefined> {
	const dotGit = join(folder, '.git');
	const info = await stat(dotGit).catch(() => undefined);
	if (info?.isDirectory()) return dotGit;
	if (!info?.isFile()) return undefined;
	const pointer = /^gitdir: (.+)$/m
		.exec(await readFile(dotGit, 'utf8').catch(() => ''))?.[1]
		?.trim();
	if (!pointer) return undefined;
	return isAbsolute(pointer) ? pointer : resolve(folder, pointer);
}

/** The repository holding `root`, or `NotAGitRepository` naming `shown` (the root as the user wrote it). */
export async function requireRepository(root: string, shown = root): Promise<Repository> {
	const repo = await findRepository(root);
	if (!repo) throw raise(NotAGitRepository, shown);
	return repo;
}

/**
 * A revision as a user may write one (`main`, `origin/main`, `v1.2`, `HEAD~1`, a commit id), but
 * nothing git could read as an option or that holds whitespace or control characters.
 */
export function isRevision(ref: string): boolean {
	return (
		ref.length > 0 &&
		ref.length <= 255 &&
		!ref.startsWith('-') &&
		// eslint-disable-next-line no-control-regex -- rejecting them is the point
		!/[\s\u0000-\u001f\u007f]/.test(ref)
	);
}

/**
 * The commit `ref` names, or `undefined` when it names none. `GitRefInvalid` for a string that
 * is not a revision; the ref reaches git only after `--end-of-options`, and every later call
 * uses the commit id this returns.
 */
export async function resolveCommit(repo: Repository, ref: string): Promise<string | undefined> {
	if (!isRevision(ref)) throw raise(GitRefInvalid, ref);
	const out = await git(repo, [
		'rev-parse',
		'--verify',
		'--quiet',
		'--end-of-options',
		`${ref}^{commit}`,
	]).catch((error: unknown) => {
		if (error instanceof GitCommandFailed) return '';
		throw error;
	});
	const commit = out.trim();
	return /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined;
}

/**
 * Where HEAD left `commit` (`git merge-base`), the commit a pull request compares with;
 * `undefined` when they share no history. `commit` is an id from {@link resolveCommit}.
 */
export async function mergeBase(repo: Repository, commit: string): Promise<string | undefined> {
	const out = await git(repo, ['merge-base', '--end-of-options', commit, 'HEAD']).catch(
		(error: unknown) => {
			if (error instanceof GitCommandFailed) return '';
			throw error;
		},
	);
	return out.trim() || undefined;
}

/** A path as git prints it, unquoted: git quotes names with unusual bytes (`"caf\303\251.md"`). */
export function unquotePath(path: string): string {
	if (!path.startsWith('"') || !path.endsWith('"')) return path;
	const bytes: number[] = [];
	const body = path.slice(1, -1);
	for (let i = 0; i < body.length; i++) {
		if (body[i] === '\\') {
			const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
			if (octal) {
				bytes.push(Number.parseInt(octal[0], 8));
				i += 3;
				continue;
			}
			const escaped = body[++i] ?? '';
			bytes.push(escapes[escaped] ?? escaped.charCodeAt(0));
			continue;
		}
		bytes.push(...Buffer.from(body[i] ?? ''));
	}
	return Buffer.from(bytes).toString('utf8');
}

const escapes: Record<string, number> = {
	a: 7,
	b: 8,
	t: 9,
	n: 10,
	v: 11,
	f: 12,
	r: 13,
	'"': 34,
	'\\': 92,
};

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GitUnavailable, NotAGitRepository, raise } from './errors.ts';

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
 * Runs `git args` in `cwd` and resolves its stdout as bytes (`input` goes to stdin). Rejects with
 * `GitUnavailable` when git is not on PATH, `NotAGitRepository` when git says `cwd` is outside a
 * work tree, and `GitCommandFailed` (git's own first line) otherwise.
 */
export function gitBytes(cwd: string, args: string[], input?: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		// Git's messages in English, so the "not a git repository" test below holds in any locale. Git
		// gets the whole environment (PATH, HOME, GIT_*), as any child process does; Waymark reads none of it.
		// eslint-disable-next-line no-restricted-properties -- handed to the child, not read
		const child = spawn('git', args, { cwd, env: { ...process.env, LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.once('error', (error: NodeJS.ErrnoException) => {
			// spawn reports a missing working directory as ENOENT too.
			if (error.code === 'ENOENT' && existsSync(cwd)) reject(raise(GitUnavailable, 'git was not found on PATH'));
			else reject(new GitCommandFailed(args, error.message));
		});
		child.once('close', (code) => {
			if (code === 0) return resolve(Buffer.concat(out));
			const stderr = Buffer.concat(err).toString('utf8').trim();
			if (/not a git repository/i.test(stderr)) return reject(raise(NotAGitRepository, cwd));
			reject(new GitCommandFailed(args, stderr.split('\n')[0] || `exit code ${code}`));
		});
		child.stdin.on('error', () => undefined);
		child.stdin.end(input ?? '');
	});
}

/** {@link gitBytes} as UTF-8 text. */
export async function git(cwd: string, args: string[]): Promise<string> {
	return (await gitBytes(cwd, args)).toString('utf8');
}

/** `NotAGitRepository` unless `cwd` is inside a git work tree (`GitUnavailable` without git). */
export async function assertRepository(cwd: string): Promise<void> {
	await git(cwd, ['rev-parse', '--show-toplevel']);
}

/** The commit `ref` names, or `undefined` when it names none. */
export async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
	const out = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch((error: unknown) => {
		if (error instanceof GitCommandFailed) return '';
		throw error;
	});
	return out.trim() || undefined;
}

/**
 * Where HEAD left `ref` (`git merge-base ref HEAD`), the commit a pull request compares with;
 * `undefined` when they share no history or `ref` is unknown.
 */
export async function mergeBase(cwd: string, ref: string): Promise<string | undefined> {
	const out = await git(cwd, ['merge-base', ref, 'HEAD']).catch((error: unknown) => {
		if (error instanceof GitCommandFailed) return '';
		throw error;
	});
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

const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

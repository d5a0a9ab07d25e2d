import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { applySpec, type CommitSpec } from '../preview/git-fixture.ts';

const exec = promisify(execFile);

/** Initialises `dir` as a git repository on `main`, needing no global git config. */
export async function initRepository(dir: string): Promise<void> {
	await exec('git', ['init', '--quiet', '--initial-branch=main', dir]);
}

/** Files to write (path → text) or remove (path → null), relative to the repository. */
export type FileEdits = CommitSpec;

/** Applies `edits` to the work tree of `dir`, committing nothing. */
export const writeEdits: (dir: string, edits: FileEdits) => Promise<void> = applySpec;

/**
 * Applies `edits` and commits everything with author and committer date `when` (ISO 8601, or
 * `YYYY-MM-DD` for noon UTC), as a history made on that day would be.
 */
export async function commitAt(
	dir: string,
	when: string,
	edits: FileEdits,
	message = `changes of ${when}`,
): Promise<void> {
	await writeEdits(dir, edits);
	const date = /^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T12:00:00Z` : when;
	const env = {
		...process.env,
		GIT_AUTHOR_DATE: date,
		GIT_COMMITTER_DATE: date,
		GIT_AUTHOR_NAME: 'Tests',
		GIT_AUTHOR_EMAIL: 'tests@example.invalid',
		GIT_COMMITTER_NAME: 'Tests',
		GIT_COMMITTER_EMAIL: 'tests@example.invalid',
	};
	await exec('git', ['-C', dir, 'add', '--all'], { env });
	await exec(
		'git',
		['-C', dir, '-c', 'commit.gpgsign=false', 'commit', '--quiet', '--allow-empty', '-m', message],
		{ env },
	);
}

/**
 * Replaces the work tree at `dir` with a fresh clone of its last commit at the same path, as a CI
 * runner checks a commit out: every file new on disk (new inodes, new times), nothing uncommitted.
 * `keep` (folders of the old work tree, such as the state and output folders) are saved and
 * restored as `actions/cache` does it: one `tar --posix` archive, which keeps every file's time.
 */
export async function freshCheckout(dir: string, keep: readonly string[]): Promise<void> {
	const saved = await mkdtemp(join(tmpdir(), 'waymark-ci-cache-'));
	const archive = join(saved, 'cache.tar');
	const clone = `${dir}.clone`;
	try {
		const kept = keep.filter((folder) => existsSync(join(dir, folder)));
		if (kept.length > 0) await exec('tar', ['--posix', '-cf', archive, '-C', dir, ...kept]);
		await exec('git', ['clone', '--quiet', '--no-hardlinks', dir, clone]);
		await rm(dir, { recursive: true, force: true });
		await rename(clone, dir);
		if (kept.length > 0) await exec('tar', ['-xf', archive, '-C', dir]);
	} finally {
		await rm(saved, { recursive: true, force: true });
		await rm(clone, { recursive: true, force: true });
	}
}

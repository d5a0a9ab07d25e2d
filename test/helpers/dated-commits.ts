import { execFile } from 'node:child_process';
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

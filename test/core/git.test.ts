import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { git, GitCommandFailed, mergeBase, resolveCommit, unquotePath } from '../../core/git.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { writeGitFixture } from '../preview/git-fixture.ts';

let repo: string;

beforeAll(async () => {
	repo = await writeGitFixture([{ 'a.md': '# A\n' }, { 'a.md': '# A, revised\n' }]);
});
afterAll(() => removeFixture(repo));

test.each([
	['a plain name', 'erp/ops.md', 'erp/ops.md'],
	['octal UTF-8 bytes', '"caf\\303\\251.md"', 'café.md'],
	['escaped quotes, tabs and backslashes', '"a\\"b\\tc\\\\d.md"', 'a"b\tc\\d.md'],
])('unquotes %s', (_name, quoted, path) => {
	expect(unquotePath(quoted)).toBe(path);
});

test('resolves a ref to its commit, and an unknown ref to undefined', async () => {
	expect(await resolveCommit(repo, 'HEAD')).toMatch(/^[0-9a-f]{40}$/);
	expect(await resolveCommit(repo, 'no-such-ref')).toBeUndefined();
});

test('finds the merge base with HEAD, and none for an unknown ref', async () => {
	const parent = (await git(repo, ['rev-parse', 'HEAD~1'])).trim();
	expect(await mergeBase(repo, 'HEAD~1')).toBe(parent);
	expect(await mergeBase(repo, 'no-such-ref')).toBeUndefined();
});

test('rejects with git’s own first line when a command fails', async () => {
	const error = await git(repo, ['show', 'no-such-ref']).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(GitCommandFailed);
	expect((error as GitCommandFailed).reason).toMatch(/^fatal: .*no-such-ref/);
});

test('rejects with NotAGitRepository outside a work tree', async () => {
	const plain = await mkdtemp(join(tmpdir(), 'waymark-no-git-'));
	try {
		await expect(git(plain, ['rev-parse', '--show-toplevel'])).rejects.toMatchObject({ name: 'NotAGitRepository', message: `\`${plain}\` is not inside a git repository, so there is no git history to compare with.` });
	} finally {
		await removeFixture(plain);
	}
});

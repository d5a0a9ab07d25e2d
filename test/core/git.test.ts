import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
	findRepository,
	git,
	GitCommandFailed,
	isRevision,
	mergeBase,
	resolveCommit,
	unquotePath,
	type Repository,
} from '../../core/git.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { git as gitCli, writeGitFixture } from '../preview/git-fixture.ts';

let dir: string;
let repo: Repository;

beforeAll(async () => {
	dir = await writeGitFixture([
		{ 'a.md': '# A\n', 'docs/b.md': '# B\n' },
		{ 'a.md': '# A, revised\n' },
	]);
	repo = (await findRepository(join(dir, 'docs'))) as Repository;
});
afterAll(() => removeFixture(dir));

test.each([
	['a plain name', 'erp/ops.md', 'erp/ops.md'],
	['octal UTF-8 bytes', '"caf\\303\\251.md"', 'café.md'],
	['escaped quotes, tabs and backslashes', '"a\\"b\\tc\\\\d.md"', 'a"b\tc\\d.md'],
])('unquotes %s', (_name, quoted, path) => {
	expect(unquotePath(quoted)).toBe(path);
});

test('finds the repository from the root upwards, naming its git directory, work tree, object folder and HEAD', async () => {
	// The object folder and shallow list come with the same question, for the readers of history.
	expect(repo).toEqual({
		gitDir: join(dir, '.git'),
		workTree: dir,
		found: {
			objects: join(dir, '.git/objects'),
			shallow: join(dir, '.git/shallow'),
			head: await resolveCommit(repo, 'HEAD'),
		},
	});
});

test('follows a `.git` file to a linked worktree’s own git directory', async () => {
	const linked = join(dir, '..', `${dir.split('/').pop()}-linked`);
	await gitCli(dir, 'worktree', 'add', '--quiet', linked);
	try {
		const found = await findRepository(join(linked, 'docs'));
		expect(found?.workTree).toBe(linked);
		expect(found?.gitDir).toMatch(/\.git\/worktrees\//);
		expect(await resolveCommit(found as Repository, 'HEAD')).toBe(
			await resolveCommit(repo, 'HEAD'),
		);
	} finally {
		await gitCli(dir, 'worktree', 'remove', '--force', linked);
	}
});

test('finds a repository whose HEAD has no commit yet, without a head', async () => {
	const fresh = await mkdtemp(join(tmpdir(), 'waymark-unborn-'));
	try {
		await gitCli(fresh, 'init', '--quiet');
		const found = await findRepository(fresh);
		expect(found?.workTree).toBe(fresh);
		expect(found?.found).toEqual({
			objects: join(fresh, '.git/objects'),
			shallow: join(fresh, '.git/shallow'),
		});
	} finally {
		await removeFixture(fresh);
	}
});

test('finds no repository outside git', async () => {
	const plain = await mkdtemp(join(tmpdir(), 'waymark-no-git-'));
	try {
		expect(await findRepository(plain)).toBeUndefined();
	} finally {
		await removeFixture(plain);
	}
});

test('never takes a folder for a bare repository, even one that looks exactly like it', async () => {
	const plain = await mkdtemp(join(tmpdir(), 'waymark-bare-like-'));
	try {
		await gitCli(plain, 'init', '--quiet', '--bare', 'docs');
		await mkdir(join(plain, 'docs', 'pages'));
		expect(await findRepository(join(plain, 'docs', 'pages'))).toBeUndefined();
		expect(await findRepository(join(plain, 'docs'))).toBeUndefined();
	} finally {
		await removeFixture(plain);
	}
});

test('resolves a ref to its commit, and an unknown ref to undefined', async () => {
	expect(await resolveCommit(repo, 'HEAD')).toMatch(/^[0-9a-f]{40}$/);
	expect(await resolveCommit(repo, 'no-such-ref')).toBeUndefined();
});

test.each(['--output=/tmp/x', '-h', 'main two', 'main\nHEAD', '', 'a'.repeat(256)])(
	'refuses %j as a ref before git sees it',
	async (ref) => {
		expect(isRevision(ref)).toBe(false);
		await expect(resolveCommit(repo, ref)).rejects.toMatchObject({ name: 'GitRefInvalid' });
	},
);

test.each(['main', 'origin/main', 'HEAD~1', 'v1.2^{commit}', 'a1b2c3d'])(
	'accepts %j as a revision',
	(ref) => {
		expect(isRevision(ref)).toBe(true);
	},
);

test('finds the merge base with HEAD', async () => {
	const parent = (await git(repo, ['rev-parse', 'HEAD~1'])).trim();
	expect(await mergeBase(repo, parent)).toBe(parent);
});

test('rejects with git’s own first line when a command fails', async () => {
	const error = await git(repo, ['show', 'no-such-ref']).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(GitCommandFailed);
	expect((error as GitCommandFailed).reason).toMatch(/^fatal: .*no-such-ref/);
});

test('a `--output` ref truncates no file', async () => {
	const victim = join(dir, 'victim.txt');
	await writeFile(victim, 'keep me\n');
	await expect(resolveCommit(repo, `--output=${victim}`)).rejects.toMatchObject({
		name: 'GitRefInvalid',
	});
	const { readFile } = await import('node:fs/promises');
	expect(await readFile(victim, 'utf8')).toBe('keep me\n');
});

import { mkdir, readdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { assertWriteStaysInside, whereWriteLands } from '../../core/write-boundary.ts';
import { openTreeStore } from '../../integration/tree-store.ts';
import { initProject } from '../../setup/init-project.ts';
import { initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Waymark writes into the repository and its state folder only: a symbolic link on the way to a
// file it writes (the file itself, a folder above it, a broken link, a link to a link) that leads
// out is refused with a clear message, whatever writes (init, build, export, the caches). A path
// named outside the repository on purpose is the caller's.
let outside: string;
const made: string[] = [];
beforeAll(async () => {
	outside = await realpath(
		await writeFixture({ 'kept.txt': "not Waymark's\n" }, { outsideInstall: true }),
	);
	made.push(outside);
});
afterAll(() => Promise.all(made.map(removeFixture)));

async function repository(files: Record<string, string> = {}): Promise<string> {
	const dir = await realpath(await writeFixture({ 'docs/README.md': '# Home\n', ...files }));
	made.push(dir);
	await initRepository(dir);
	return dir;
}

/** Each way a link can carry `a/b/file.txt` of the repository out of it; each returns the path written. */
const links: Array<[string, (dir: string) => Promise<string>]> = [
	[
		'the file itself',
		async (dir) => (
			await symlink(join(outside, 'kept.txt'), join(dir, 'file.txt')),
			join(dir, 'file.txt')
		),
	],
	[
		'a broken link (a write creates its target)',
		async (dir) => (
			await symlink(join(outside, 'new.txt'), join(dir, 'file.txt')),
			join(dir, 'file.txt')
		),
	],
	[
		'a folder above it',
		async (dir) => (await symlink(outside, join(dir, 'a')), join(dir, 'a/b/file.txt')),
	],
	[
		'a relative link climbing out',
		async (dir) => (
			await symlink('../../../../../../../../../..' + outside, join(dir, 'a')),
			join(dir, 'a/file.txt')
		),
	],
	[
		'a link to a link',
		async (dir) => {
			await symlink(outside, join(dir, 'first'));
			await symlink(join(dir, 'first'), join(dir, 'a'));
			return join(dir, 'a/file.txt');
		},
	],
];

test.each(links)('refuses a write through %s leading out of the repository', async (_, plant) => {
	const dir = await repository();
	const path = await plant(dir);
	expect((await whereWriteLands(path)).startsWith(outside)).toBe(true);
	await expect(assertWriteStaysInside(path, [dir])).rejects.toThrow(
		/Waymark does not write `.*`: a symbolic link on the way leads it to `.*`, outside `.*`\./,
	);
});

test('lets through a link that stays inside, and a path written outside on purpose (the controls)', async () => {
	const dir = await repository({ 'real/b/.keep': '' });
	await symlink(join(dir, 'real'), join(dir, 'a'));
	await expect(assertWriteStaysInside(join(dir, 'a/b/file.txt'), [dir])).resolves.toBeUndefined();
	expect(await whereWriteLands(join(dir, 'a/b/file.txt'))).toBe(join(dir, 'real/b/file.txt'));
	await expect(assertWriteStaysInside(join(outside, 'site'), [dir])).resolves.toBeUndefined();
});

// The seen case: a project opened through a link to it (`cd project-link`), whose state folder
// is not made yet, was refused: the state folder as written was compared with where it lands.
test('lets through a folder not made yet in a project reached through a link', async () => {
	const dir = await repository({ 'project/.keep': '' });
	await symlink(join(dir, 'project'), join(dir, 'project-link'));
	const state = join(dir, 'project-link/.waymark');
	await expect(
		assertWriteStaysInside(join(state, 'astro'), [state, join(dir, 'project-link')]),
	).resolves.toBeUndefined();
	await symlink(outside, join(dir, 'project/.waymark'));
	await expect(
		assertWriteStaysInside(join(state, 'astro'), [join(dir, 'project-link')]),
	).rejects.toThrow(/a symbolic link on the way/);
});

test('a link loop lands nowhere inside', async () => {
	const dir = await repository();
	await symlink(join(dir, 'b'), join(dir, 'a'));
	await symlink(join(dir, 'a'), join(dir, 'b'));
	await expect(assertWriteStaysInside(join(dir, 'a/file.txt'), [dir])).resolves.toBeUndefined();
	expect(await whereWriteLands(join(dir, 'a/file.txt'))).not.toBe(join(dir, 'a/file.txt'));
});

// The seen case: `waymark init` followed a symbolic `.gitignore` and `.github/workflows` out of
// the repository and wrote there. Nothing is written, and the files outside stay as they were.
test.each([
	[
		'.gitignore',
		async (dir: string) => symlink(join(outside, 'kept.txt'), join(dir, '.gitignore')),
	],
	[
		'.github/workflows',
		async (dir: string) => {
			await mkdir(join(dir, '.github'));
			await symlink(outside, join(dir, '.github/workflows'));
		},
	],
	['.github', async (dir: string) => symlink(outside, join(dir, '.github'))],
])(
	'init refuses a %s that is a symbolic link out of the repository, and writes nothing',
	async (_, plant) => {
		const dir = await repository();
		await plant(dir);
		const before = await readdir(outside);
		await expect(initProject(dir)).rejects.toThrow(
			/Waymark does not write `.*`: a symbolic link on the way leads it to/,
		);
		expect(await readdir(outside)).toEqual(before);
		expect(await readFile(join(outside, 'kept.txt'), 'utf8')).toBe("not Waymark's\n");
		expect((await readdir(dir)).includes('waymark.config.yaml')).toBe(false);
	},
);

test('init writes its files when nothing leads out (the control)', async () => {
	const dir = await repository();
	const result = await initProject(dir);
	expect(result.files.map((file) => [file.path, file.outcome])).toEqual([
		['waymark.config.yaml', 'written'],
		['.gitignore', 'written'],
		['.github/workflows/waymark.yml', 'written'],
	]);
});

test.each([
	['build', ['build', '--root', 'docs'], 'dist'],
	['build, its state folder', ['build', '--root', 'docs'], '.waymark'],
	['check, its state folder', ['check', '--root', 'docs'], '.waymark'],
	['export prometheus', ['export', 'prometheus', '--root', 'docs', '--out', 'probes'], 'probes'],
	['export offline', ['export', 'offline', '--root', 'docs', '--out', 'zips/site.zip'], 'zips'],
])(
	'%s refuses to write through a link out of the repository, before it starts',
	async (_, args, linked) => {
		const dir = await repository();
		// An empty folder: nothing else about it (foreign files in an output folder) stops the command.
		const target = join(outside, `target-${linked}-${args[0] ?? ''}`);
		await mkdir(target);
		await symlink(target, join(dir, linked));
		const run = await runCli(args, { cwd: dir, env: { WAYMARK_CHROMIUM: '/nonexistent' } });
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(
			/Waymark does not write `.*`: a symbolic link on the way leads it to `.*`, outside `.*`\./,
		);
		expect(run.stderr).toContain('Replace the symbolic link with a real file or folder');
		expect(await readdir(target)).toEqual([]);
	},
);

test('a store refuses a link planted below it that leads out of the state folder', async () => {
	const dir = await repository();
	const state = join(dir, '.waymark');
	const first = await openTreeStore(state, join(dir, 'docs'), 'trusted');
	await first.release();
	await symlink(outside, join(first.dir, 'cache'));
	await expect(openTreeStore(state, join(dir, 'docs'), 'trusted')).rejects.toThrow(
		/a symbolic link on the way leads it to/,
	);
	await writeFile(join(dir, 'unrelated.txt'), '');
});

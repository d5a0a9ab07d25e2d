import { cp, mkdir, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openTreeStore, treeStoreDir } from '../../integration/tree-store.ts';
import { makeOwnFolder } from '../../core/own-folder.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let project: string;
let stateDir: string;

beforeEach(async () => {
	project = await writeFixture({ 'docs/README.md': '# Docs\n', 'other/README.md': '# Other\n' });
	stateDir = join(project, '.waymark');
});
afterEach(() => removeFixture(project));

test('keeps one store per tree and trust, named after the tree', () => {
	const docs = join(project, 'docs');
	const dirs = [
		treeStoreDir(stateDir, docs, 'trusted'),
		treeStoreDir(stateDir, docs, 'untrusted'),
		treeStoreDir(stateDir, join(project, 'other'), 'trusted'),
	];
	expect(new Set(dirs).size).toBe(3);
	expect(dirs.map((dir) => basename(dir).replace(/[0-9a-f]{12}/, 'HASH'))).toEqual([
		'docs-HASH',
		'docs-HASH-untrusted',
		'other-HASH',
	]);
	expect(treeStoreDir(stateDir, docs, 'trusted')).toBe(dirs[0]);
});

test('a second build of a held tree gets a temporary store, removed on release', async () => {
	const docs = join(project, 'docs');
	const first = await openTreeStore(stateDir, docs, 'trusted');
	const second = await openTreeStore(stateDir, docs, 'trusted');
	expect(first).toMatchObject({ dir: treeStoreDir(stateDir, docs, 'trusted'), kept: true });
	expect(second.kept).toBe(false);
	expect(second.dir).toMatch(new RegExp(`^${escapeRegExp(first.dir)}\\.${process.pid}-\\d+$`));
	await second.release();
	await first.release();
	expect(await readdir(join(stateDir, 'astro'))).toEqual([basename(first.dir)]);
	// Released: the next build takes the tree's own store again, and its record says whose it is.
	const third = await openTreeStore(stateDir, docs, 'trusted');
	expect(third.kept).toBe(true);
	expect(JSON.parse(await readFile(join(third.dir, 'store.json'), 'utf8'))).toMatchObject({
		root: docs,
		trust: 'trusted',
	});
	await third.release();
});

test('takes over a store whose lock names a process that ended', async () => {
	const docs = join(project, 'docs');
	const dir = treeStoreDir(stateDir, docs, 'trusted');
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'lock'), String(2 ** 22 + 12345));
	const store = await openTreeStore(stateDir, docs, 'trusted');
	expect(store).toMatchObject({ dir, kept: true });
	await store.release();
});

/** A store another build left, `ageDays` unused, for `root`; `lock` names a running process. */
async function plantStore(
	name: string,
	root: string,
	ageDays: number,
	lock = false,
): Promise<string> {
	const dir = join(stateDir, 'astro', name);
	await makeOwnFolder(dir);
	await writeFile(
		join(dir, 'store.json'),
		JSON.stringify({
			root,
			trust: 'trusted',
			usedAt: new Date(Date.now() - ageDays * 86_400_000).toISOString(),
		}),
	);
	if (lock) await writeFile(join(dir, 'lock'), String(process.pid));
	return dir;
}

test.each([
	{
		name: 'a store unused for 31 days goes, one used 29 days ago stays',
		stores: [
			['old', 31],
			['recent', 29],
		],
		kept: ['recent'],
	},
	{
		name: 'a store whose tree is gone goes',
		stores: [
			['gone', 1, 'missing'],
			['here', 1],
		],
		kept: ['here'],
	},
	{
		name: 'a store in use stays, however old',
		stores: [['held', 90, 'docs', true]],
		kept: ['held'],
	},
	{
		name: 'beyond eight stores the least recently used go',
		stores: Array.from({ length: 10 }, (_, i) => [`s${i}`, i + 1]),
		kept: ['s0', 's1', 's2', 's3', 's4', 's5', 's6'],
	},
] as Array<{ name: string; stores: Array<[string, number, string?, boolean?]>; kept: string[] }>)(
	'$name',
	async ({ stores, kept }) => {
		for (const [name, age, tree = 'docs', lock] of stores)
			await plantStore(name, join(project, tree), age, lock);
		// A temporary store of a process that ended goes too.
		await makeOwnFolder(join(stateDir, 'astro', `x.${2 ** 22 + 12345}`));
		const store = await openTreeStore(stateDir, join(project, 'other'), 'trusted');
		expect((await readdir(join(stateDir, 'astro'))).sort()).toEqual(
			[basename(store.dir), ...kept].sort(),
		);
		await store.release();
	},
);

test('a store without its record yet is judged by its age, so one another build is opening stays', async () => {
	const fresh = join(stateDir, 'astro', 'opening');
	const abandoned = join(stateDir, 'astro', 'abandoned');
	await makeOwnFolder(fresh);
	await makeOwnFolder(abandoned);
	const old = new Date(Date.now() - 40 * 86_400_000);
	await utimes(abandoned, old, old);
	const store = await openTreeStore(stateDir, join(project, 'docs'), 'trusted');
	expect((await readdir(join(stateDir, 'astro'))).sort()).toEqual(
		[basename(store.dir), 'opening'].sort(),
	);
	await store.release();
});

// `stateDir: node_modules` (a branch's config, or a slip) puts the stores in `node_modules/astro/`,
// Astro's own package: old, unlocked, without a record, and never Waymark's to remove. Neither is a
// store's folder copied elsewhere with its marker, nor one whose marker is a symbolic link.
test('removes no folder it did not make, however stale it looks', async () => {
	const packages = join(project, 'node_modules');
	const foreign = ['dist', 'types', 'copied-store', 'linked-marker'].map((name) =>
		join(packages, 'astro', name),
	);
	for (const dir of foreign) await mkdir(dir, { recursive: true });
	await writeFile(join(foreign[0] as string, 'index.js'), 'export {};\n');
	const made = join(project, 'made-elsewhere');
	await makeOwnFolder(made);
	await cp(join(made, '.waymark-own'), join(foreign[2] as string, '.waymark-own'));
	await symlink(join(made, '.waymark-own'), join(foreign[3] as string, '.waymark-own'));
	// The control: a stale store Waymark made in the same folder goes.
	const stale = join(packages, 'astro', 'stale');
	await makeOwnFolder(stale);
	const old = new Date(Date.now() - 40 * 86_400_000);
	for (const dir of [...foreign, stale]) await utimes(dir, old, old);
	const store = await openTreeStore(packages, join(project, 'docs'), 'trusted');
	expect((await readdir(join(packages, 'astro'))).sort()).toEqual(
		[basename(store.dir), 'copied-store', 'dist', 'linked-marker', 'types'].sort(),
	);
	expect(await readFile(join(foreign[0] as string, 'index.js'), 'utf8')).toBe('export {};\n');
	await store.release();
});

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { realpath } from 'node:fs/promises';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { waymarkPaths } from '../../config/own-paths.ts';
import { pagesChangedSince } from '../../checks/changed-since.ts';
import { listPageChanges } from '../../preview/git.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { commitAt, initRepository, writeEdits } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Waymark's state and output folders are its own, wherever the config puts them and whatever
// `.gitignore` says (here: nothing). A tree at the repository's top holds both; they are never
// pages, files of the tree, or the branch's changes. The same files in a folder of the tree's own
// are the control.
const files = (folder: string) => ({
	[`${folder}/astro/docs-0/cache/dist/a/index.html`]: '<p>x</p>\n',
	[`${folder}/pages/cached.md`]: '# Cached\n',
	[`${folder}/diagrams/d.svg`]: '<svg/>\n',
});
const configs = [
	{
		name: 'named folders',
		config: 'root: .\nstateDir: state\noutDir: site\n',
		state: 'state',
		out: 'site',
	},
	{ name: 'the defaults', config: 'root: .\n', state: '.waymark', out: 'dist' },
	{
		name: 'a cache written elsewhere',
		config: 'root: .\nstateDir: state\noutDir: site\ndiagrams:\n  cacheDir: drawn\n',
		state: 'state',
		out: 'site',
		extra: 'drawn',
	},
];

const projects: string[] = [];
afterAll(() => Promise.all(projects.map((dir) => removeFixture(dir))));

test.each(configs)(
	'$name: never walked, never listed as changed',
	async ({ config, state, out, extra }) => {
		const dir = await realpath(
			await writeFixture({ 'waymark.config.yaml': config, 'README.md': '# Home\n' }),
		);
		projects.push(dir);
		await initRepository(dir);
		await commitAt(dir, '2026-11-20', {});
		await writeEdits(dir, {
			...files(state),
			...files(out),
			...(extra ? { [`${extra}/v.json`]: '{}\n', [`${extra}/notes.md`]: '# Drawn\n' } : {}),
			...files('notes'),
			'ops/new.md': '# New\n',
		});
		const loaded = await loadConfig({ cwd: dir });
		const tree = await loadGuidebookTree(loaded.root, { own: waymarkPaths(loaded) });
		const ownFolders = [state, out, ...(extra ? [extra] : [])];
		const isOwn = (path: string) => ownFolders.some((folder) => path.startsWith(`${folder}/`));
		expect([...tree.files.pages, ...tree.files.assets].filter(isOwn)).toEqual([]);
		// The control: a folder of the tree's own with the same files is content.
		expect(tree.files.pages).toEqual(
			expect.arrayContaining(['notes/pages/cached.md', 'ops/new.md']),
		);
		const changes = await listPageChanges(loaded.root, 'HEAD', tree);
		expect(changes.changes.map((c) => c.path).filter(isOwn)).toEqual([]);
		expect(changes.others.filter(isOwn)).toEqual([]);
		expect(changes.changes.map((c) => c.path)).toEqual(
			expect.arrayContaining(['notes/pages/cached.md', 'ops/new.md']),
		);
		expect(changes.others).toEqual(
			expect.arrayContaining(['notes/astro/docs-0/cache/dist/a/index.html']),
		);
		expect([...(await pagesChangedSince(tree, 'HEAD'))].sort()).toEqual([
			'notes/pages/cached.md',
			'ops/new.md',
		]);
	},
);

test('without the own paths, the same tree walks them (the walk is what leaves them out)', async () => {
	const dir = await realpath(await writeFixture({ 'README.md': '# Home\n', ...files('state') }));
	projects.push(dir);
	const tree = await loadGuidebookTree(dir);
	expect(tree.files.pages).toContain('state/pages/cached.md');
});

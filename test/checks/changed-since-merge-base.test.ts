import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pagesChangedSince } from '../../checks/changed-since.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture } from '../helpers/fixture.ts';
import { applySpec, git, writeGitFixture } from '../preview/git-fixture.ts';

let repo: string;

// main: base → (branch point) → main-only change to b.md; feature: branch point → change to a.md.
beforeAll(async () => {
	repo = await writeGitFixture([
		{
			'guidebooks/a.md': '# A\n\nFirst page.\n',
			'guidebooks/b.md': '# B\n\nSecond page.\n',
			'guidebooks/c.md': '# C\n\nThird page.\n',
		},
	]);
	await git(repo, 'switch', '--quiet', '-c', 'feature');
	await applySpec(repo, { 'guidebooks/a.md': '# A\n\nFirst page, edited on the branch.\n' });
	await git(repo, 'commit', '--quiet', '--all', '-m', 'feature: edit a');
	await git(repo, 'switch', '--quiet', 'main');
	await applySpec(repo, {
		'guidebooks/b.md': '# B\n\nSecond page, edited on main after the branch point.\n',
	});
	await git(repo, 'commit', '--quiet', '--all', '-m', 'main: edit b');
	await git(repo, 'switch', '--quiet', '--orphan', 'unrelated');
	await applySpec(repo, { 'guidebooks/c.md': '# C\n\nA different history.\n' });
	await git(repo, 'add', '--all');
	await git(repo, 'commit', '--quiet', '-m', 'unrelated root');
	await git(repo, 'switch', '--quiet', 'feature');
});

afterAll(() => removeFixture(repo));

test('compares from the merge base, so pages changed only on the moved-ahead ref are not selected', async () => {
	const tree = await loadGuidebookTree(join(repo, 'guidebooks'));
	expect([...(await pagesChangedSince(tree, 'main'))].sort()).toEqual(['a.md']);
});

test('falls back to the ref itself when it shares no history with HEAD', async () => {
	const tree = await loadGuidebookTree(join(repo, 'guidebooks'));
	expect([...(await pagesChangedSince(tree, 'unrelated'))].sort()).toEqual([
		'a.md',
		'b.md',
		'c.md',
	]);
});

test('still names an unknown ref', async () => {
	const tree = await loadGuidebookTree(join(repo, 'guidebooks'));
	await expect(pagesChangedSince(tree, 'no-such-ref')).rejects.toThrow(/no-such-ref/);
});

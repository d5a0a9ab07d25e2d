import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const marker = 'outside-secret-4f1c';
let outside: string;
let base: string;

beforeAll(async () => {
	outside = await writeFixture({
		'hugo.yaml': `params:\n  team: ${marker}\n`,
		'mkdocs.yml': `site_name: ${marker}\ndocs_dir: .\n`,
	});
	const page = '# Ops\n\nTeam: {{< param "team" >}}\n';
	base = await writeFixture({
		// Two repositories (a `.git` folder marks each top): one links its configs out, one inside.
		'linked-out/.git/HEAD': 'ref: refs/heads/main\n',
		'linked-out/content/README.md': page,
		'linked-in/.git/HEAD': 'ref: refs/heads/main\n',
		'linked-in/site/hugo.yaml': 'params:\n  team: SRE\n',
		'linked-in/content/README.md': page,
		'mkdocs-out/.git/HEAD': 'ref: refs/heads/main\n',
		'mkdocs-out/docs/README.md': '# Ops\n',
	});
	await symlink(join(outside, 'hugo.yaml'), join(base, 'linked-out/hugo.yaml'));
	await symlink('site/hugo.yaml', join(base, 'linked-in/hugo.yaml'));
	await mkdir(join(base, 'mkdocs-out/docs'), { recursive: true });
	await symlink(join(outside, 'mkdocs.yml'), join(base, 'mkdocs-out/mkdocs.yml'));
});

afterAll(() => Promise.all([removeFixture(outside), removeFixture(base)]));

test('never reads a tool config through a symbolic link leading out of the repository, and says so on every run', async () => {
	const tree = await loadGuidebookTree(join(base, 'linked-out/content'));
	expect(tree.toolData?.['params']).toBeUndefined();
	expect(JSON.stringify([...tree.pages.values()].map((page) => page.text))).not.toContain(marker);
	expect(tree.files.problems.filter((p) => p.path === '../hugo.yaml')).toEqual([
		{
			path: '../hugo.yaml',
			reason: `symbolic link to \`${join(outside, 'hugo.yaml')}\`, outside the repository, as the tree's tool config`,
			fix: expect.stringContaining('never reads a config through a link') as unknown,
			always: true,
		},
	]);
	const mkdocs = await loadGuidebookTree(join(base, 'mkdocs-out/docs'));
	expect(mkdocs.siteName).toBeUndefined();
	expect(mkdocs.files.problems.map((p) => p.path)).toEqual(['../mkdocs.yml']);
});

test('reads a tool config linked to a file inside the repository (the control)', async () => {
	const tree = await loadGuidebookTree(join(base, 'linked-in/content'));
	expect(tree.dialect.name).toBe('hugo');
	expect(tree.toolData?.['params']).toEqual({ team: 'SRE' });
	expect(tree.pages.get('README.md')?.text).toContain('Team: SRE');
	expect(tree.files.problems).toEqual([]);
});

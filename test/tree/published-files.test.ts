import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { collectPublication } from '../../tree/published-files.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let base: string;

beforeAll(async () => {
	base = await writeFixture({
		// A repository's top used as the root: pages, what they link, and everything else.
		'repo/README.md':
			'# Ops\n\n[Restore](ops/restore.md) · [Dumps](dumps/) · ![Map](img/map.png)\n\n<a href="scripts/rotate.sh">rotate</a> [key][k]\n\n[k]: keys/id_rsa\n',
		'repo/ops/restore.md': '# Restore\n\n[Checklist](checklist.txt) · [Home](../README.md)\n',
		'repo/ops/checklist.txt': '1. Stop writers.\n',
		'repo/img/map.png': 'png',
		'repo/scripts/rotate.sh': 'echo rotate\n',
		'repo/scripts/unused.sh': 'echo unused\n',
		'repo/dumps/schema.sql': 'CREATE TABLE t (id int);\n',
		'repo/dumps/backup.sql': 'CREATE TABLE t (id int);\n',
		'repo/keys/id_rsa': 'key\n',
		'repo/roles/web/tasks.yml': '- name: x\n',
		'repo/group_vars/vault_db.yml': '$ANSIBLE_VAULT;1.1;AES256\n',
		'repo/public/logo.png': 'png',
		// An MkDocs docs folder: MkDocs publishes every file in it.
		'mk/mkdocs.yml': 'site_name: Ops\n',
		'mk/docs/index.md': '# Ops\n',
		'mk/docs/attachments/runbook.pdf': '%PDF',
		'mk/docs/.env': 'X=1\n',
		'mk/docs/certs/ca.pem': 'pem',
		// A Docusaurus site: `static/` beside its config, served at the site's top.
		'dz/docusaurus.config.js': 'export default {};\n',
		'dz/docs/intro.md': '# Intro\n',
		'dz/static/img/logo.png': 'png',
		'dz/static/private.key': 'key',
		// A Hugo site naming its static folders.
		'hg/hugo.toml': 'staticDir = ["files", "static"]\n',
		'hg/content/_index.md': '# Ops\n',
		'hg/files/manual.pdf': '%PDF',
		'hg/static/img/a.png': 'png',
	});
});

afterAll(() => removeFixture(base));

test('publishes what the pages link, a linked folder the site lists, and public/; never a secret, nothing unlinked', async () => {
	const tree = await loadGuidebookTree(join(base, 'repo'));
	expect([...tree.published].sort()).toEqual([
		'dumps/schema.sql',
		'img/map.png',
		'ops/checklist.txt',
		'public/logo.png',
		'scripts/rotate.sh',
	]);
	expect(tree.generatedFolders.get('dumps')?.files).toEqual(['dumps/schema.sql']);
	const publication = await collectPublication(tree, 'trusted');
	expect(publication.files.map((f) => f.to).sort()).toEqual([...tree.published].sort());
	expect({ unlinked: publication.unlinked, secrets: publication.secrets }).toEqual({
		unlinked: 2,
		secrets: 3,
	});
});

test("publishes every file of MkDocs' docs_dir but a secret", async () => {
	const tree = await loadGuidebookTree(join(base, 'mk/docs'));
	expect(tree.dialect.name).toBe('mkdocs');
	expect([...tree.published]).toEqual(['attachments/runbook.pdf']);
});

test("publishes a static folder outside the root at the site's top for a trusted tree only, without its secrets", async () => {
	const tree = await loadGuidebookTree(join(base, 'dz/docs'));
	expect(tree.staticFiles?.folders).toEqual([{ dir: join(base, 'dz/static'), servedAt: '' }]);
	const trusted = await collectPublication(tree, 'trusted');
	expect(trusted.files).toEqual([
		{ from: join(base, 'dz/static/img/logo.png'), to: 'img/logo.png' },
	]);
	expect(trusted.secrets).toBe(1);
	expect((await collectPublication(tree, 'untrusted')).files).toEqual([]);
});

test("reads Hugo's staticDir, in its order", async () => {
	const tree = await loadGuidebookTree(join(base, 'hg/content'));
	expect(tree.staticFiles?.folders.map((f) => [f.dir, f.servedAt])).toEqual([
		[join(base, 'hg/files'), ''],
		[join(base, 'hg/static'), ''],
	]);
	expect((await collectPublication(tree, 'trusted')).files.map((f) => f.to)).toEqual([
		'manual.pdf',
		'img/a.png',
	]);
});

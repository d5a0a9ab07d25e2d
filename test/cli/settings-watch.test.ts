import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { watchSettings } from '../../cli/settings-watch.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// `waymark dev` reads settings once: an edit to the config file or to the tree's tool settings, in
// the root or above it, is told (so dev can say to restart); an edit to anything else is not.
let dir: string;
let stop = () => {};
afterEach(async () => {
	stop();
	await removeFixture(dir);
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

test('tells of each settings file that changes, saved in place or replaced, and of no other file', async () => {
	dir = await writeFixture({
		'mkdocs.yml': 'site_name: Ops\n',
		'docs/.pages': 'nav:\n  - a.md\n',
		'docs/a.md': '# A\n',
		'ops.yaml': 'dialect: mkdocs\n',
		'other/mkdocs.yml': 'site_name: other\n',
		'notes.txt': 'x\n',
	});
	const told: string[] = [];
	stop = watchSettings(join(dir, 'docs'), dir, join(dir, 'ops.yaml'), (file) => told.push(file));
	await writeFile(join(dir, 'mkdocs.yml'), 'site_name: Ops on call\n');
	await settle();
	// As editors save: a new file renamed over the old one.
	await writeFile(join(dir, 'docs/.pages.tmp'), 'nav:\n  - b.md\n');
	await rename(join(dir, 'docs/.pages.tmp'), join(dir, 'docs/.pages'));
	await settle();
	await writeFile(join(dir, 'ops.yaml'), 'dialect: auto\n');
	await settle();
	// Not settings, or not the tree's: a page (live reload shows it), a note, another project's.
	await writeFile(join(dir, 'docs/a.md'), '# A again\n');
	await writeFile(join(dir, 'notes.txt'), 'y\n');
	await writeFile(join(dir, 'other/mkdocs.yml'), 'site_name: changed\n');
	await settle();
	expect([...new Set(told)].sort()).toEqual(
		[join(dir, 'docs/.pages'), join(dir, 'mkdocs.yml'), join(dir, 'ops.yaml')].sort(),
	);
});

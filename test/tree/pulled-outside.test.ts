import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A page may name any path; what lies outside the root is never looked at, so the answer for a
// file that is there and for one that is not must be the same: a branch cannot learn what exists
// beside the tree (or make the build touch a network mount) through the notes a page gets.
let dir: string;
let outside: string;

beforeAll(async () => {
	dir = await writeFixture({ 'README.md': '# Repository\n' });
	outside = join(dir, 'outside');
	await mkdir(outside, { recursive: true });
	await writeFile(join(outside, 'exists.txt'), 'OUTSIDE\n');
	await writeFile(join(dir, 'exists.txt'), 'BESIDE THE ROOT\n');
	await promisify(execFile)('git', ['init', '--quiet', dir]);
});

afterAll(async () => {
	await removeFixture(dir);
});

// Each way out, as a page names it: through a link in the tree, by climbing, by an absolute path.
const ways = [
	{ name: 'a symbolic link to a folder outside', path: (file: string) => `up/${file}`, link: true },
	{ name: 'climbing out of the root', path: (file: string) => `../${file}`, link: false },
	{ name: 'an absolute path', path: (file: string) => `${outside}/${file}`, link: false },
];

/** How each tool's page pulls a file in, and the config beside the root that makes the tree that tool's. */
const pulls = {
	mdBook: {
		pull: (path: string) => `{{#include ${path}}}`,
		config: ['book.toml', '[book]\nsrc = "docs"\n'],
	},
	MkDocs: {
		pull: (path: string) => `--8<-- "${path}"`,
		config: [
			'mkdocs.yml',
			'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs, "/"]\n      restrict_base_path: false\n',
		],
	},
	VitePress: {
		pull: (path: string) => `<<< ${path}`,
		config: ['.vitepress/config.js', "export default { title: 'Ops' }\n"],
	},
} as const;

for (const tool of ['mdBook', 'MkDocs', 'VitePress'] as const) {
	for (const way of ways) {
		test(`${tool}: ${way.name} reads the same for a file that is there and one that is not`, async () => {
			const root = join(dir, `${tool}-${ways.indexOf(way)}`, 'docs');
			await mkdir(root, { recursive: true });
			if (way.link) await symlink(outside, join(root, 'up'));
			const pull = (file: string) => pulls[tool].pull(way.path(file));
			await writeFile(
				join(root, 'index.md'),
				`# Home\n\n${pull('exists.txt')}\n\n${pull('nope.txt')}\n`,
			);
			const [config, text] = pulls[tool].config;
			await mkdir(dirname(join(root, '..', config)), { recursive: true });
			await writeFile(join(root, '..', config), text);
			const tree = await loadGuidebookTree(root, { trust: 'untrusted' });
			const page = tree.pages.get('index.md');
			const notes =
				page?.dialectNotes.map((note) =>
					note.message.replaceAll('exists.txt', 'X').replaceAll('nope.txt', 'X'),
				) ?? [];
			expect(notes).toHaveLength(2);
			expect(notes[0]).toBe(notes[1]);
			expect(page?.text).not.toContain('OUTSIDE');
			expect(page?.text).not.toContain('BESIDE THE ROOT');
		});
	}
}

test('a path is read as the disk reads it: through a root that is itself a link, no `\\` as a separator, no file as a folder', async () => {
	const real = join(dir, 'real-book');
	await mkdir(join(real, 'docs/sub'), { recursive: true });
	await writeFile(join(real, 'book.toml'), '[book]\nsrc = "docs"\n');
	await writeFile(join(real, 'docs/sub/b.md'), 'B-TEXT\n');
	await writeFile(join(real, 'docs/a.md'), 'A-TEXT\n');
	// The run names the book through a link; a link inside points at a file through that same name.
	await symlink(real, join(dir, 'book-link'));
	await symlink(join(dir, 'book-link/docs/a.md'), join(real, 'docs/via-root.md'));
	await writeFile(
		join(real, 'docs/index.md'),
		'# Home\n\n{{#include via-root.md}}\n\n{{#include sub\\b.md}}\n\n{{#include a.md/x}}\n',
	);
	const tree = await loadGuidebookTree(join(dir, 'book-link/docs'));
	const page = tree.pages.get('index.md');
	expect(page?.text).toContain('A-TEXT');
	expect(page?.text).not.toContain('B-TEXT');
	expect(
		page?.dialectNotes.map(
			(note) => /`\{\{#include ([^}]+)\}\}`: not found/.exec(note.message)?.[1],
		),
	).toEqual(['sub\\b.md', 'a.md/x']);
});

import { afterAll, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await removeFixture(dir);
});

// Every way a Hugo folder can hold a README: at each depth, beside a section page (`_index.md`) or
// alone, in each spelling.
const cases = ['', 'api/', 'api/v1/'].flatMap((folder) =>
	[true, false].flatMap((section) =>
		['README.md', 'readme.md', 'Readme.md'].map((name) => ({ folder, section, name })),
	),
);

test.each(cases)(
	'publishes $folder$name as a page of its own (section page beside it: $section), as Hugo does',
	async ({ folder, section, name }) => {
		const dir = await writeFixture({
			'.git/HEAD': 'ref: refs/heads/main\n',
			'config.toml': 'title = "Ops"\n',
			'content/docs/_index.md': '# Docs\n',
			...(section && folder !== '' && { [`content/docs/${folder}_index.md`]: '# Section\n' }),
			[`content/docs/${folder}${name}`]: '# Read me\n',
		});
		made.push(dir);
		const tree = await loadGuidebookTree(`${dir}/content/docs`);
		expect(tree.dialect.name).toBe('hugo');
		// Hugo: `README.md` is no bundle index (gohugo.io "Page bundles"), so its URL is its name's.
		expect(tree.pages.get(`${folder}${name}`)?.route).toBe(
			`/${folder}${name.replace(/\.md$/, '')}/`,
		);
		if (section && folder !== '')
			expect(tree.pages.get(`${folder}_index.md`)?.route).toBe(`/${folder}`);
		expect(tree.files.problems).toEqual([]);
		expect(tree.unpublished.size).toBe(0);
	},
);

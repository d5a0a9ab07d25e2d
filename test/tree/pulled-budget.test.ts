import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { pulledBudget } from '../../tools/syntax/pulled-file.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

// One file pulled into every page, several times, must not multiply a tree: a 1 MB file included
// four times by each of 600 pages held 11 GB. Generated trees, mdBook and MkDocs, with random
// numbers of pages pulling random files of random sizes: whatever they ask, the pages' text
// together stays under the tree's 32 MB, and each page under its budget.
const made: string[] = [];
afterAll(async () => Promise.all(made.map(removeFixture)));

const treeLimit = 32 * 1024 * 1024;

test('the budget is 4 MB for a few pages, a power of two, and shares 32 MB among many', () => {
	expect([1, 8, 9, 16, 17, 600, 100_000].map(pulledBudget)).toEqual([
		4194304, 4194304, 2097152, 2097152, 1048576, 32768, 256,
	]);
});

const random = seededRandom(32);
const shapes = Array.from({ length: 6 }, (_, i) => ({
	tool: i % 2 === 0 ? ('mdBook' as const) : ('MkDocs' as const),
	pages: [4, 40, 400][pick(random, 3)] as number,
	sizes: Array.from(
		{ length: 3 },
		() => [900 * 1024, 200 * 1024, 30 * 1024][pick(random, 3)] as number,
	),
	copies: 1 + pick(random, 4),
}));

test.each(shapes.map((shape, i) => [i + 1, shape]))(
	'tree %i: pages pull in no more than their budget, and the tree no more than 32 MB',
	async (_, shape) => {
		const files: Record<string, string> = {};
		const link = (file: string) =>
			shape.tool === 'mdBook' ? `{{#include ../shared/${file}}}` : `--8<-- "shared/${file}"`;
		shape.sizes.forEach(
			(size, i) =>
				(files[`docs/shared/part${i}.txt`] = `${'x'.repeat(79)}\n`.repeat(Math.ceil(size / 80))),
		);
		for (let p = 0; p < shape.pages; p++)
			files[`docs/pages/p${p}.md`] =
				`# Page ${p}\n\n${Array.from({ length: shape.copies }, (_, c) => link(`part${(p + c) % shape.sizes.length}.txt`)).join('\n\n')}\n`;
		if (shape.tool === 'mdBook') files['book.toml'] = '[book]\nsrc = "docs"\n';
		else
			files['mkdocs.yml'] =
				'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs\n';
		const dir = await writeFixture(files);
		made.push(dir);
		await promisify(execFile)('git', ['init', '--quiet', dir]);
		const tree = await loadGuidebookTree(`${dir}/docs`);
		const pages = [...tree.pages.values()].filter((page) => page.path.startsWith('pages/'));
		expect(pages).toHaveLength(shape.pages);
		const budget = pulledBudget(shape.pages);
		const pulled = pages.map(
			(page) => page.text.length - (files[`docs/${page.path}`]?.length ?? 0),
		);
		expect(Math.max(...pulled)).toBeLessThanOrEqual(budget);
		expect(pulled.reduce((sum, chars) => sum + chars, 0)).toBeLessThanOrEqual(treeLimit);
		// Where a file did not fit, the page says so.
		const refused = pages.filter((page) =>
			page.dialectNotes.some((note) =>
				/of (included files|snippets) on one page/.test(note.message),
			),
		);
		const asked = shape.copies * Math.min(...shape.sizes);
		if (asked > budget) expect(refused).toHaveLength(shape.pages);
	},
	60_000,
);

test('a snippet indented like a deep marker is charged its indentation too', async () => {
	const { rewriteAs } = await import('../helpers/tool-reading.ts');
	const { inputsFromRecord } = await import('../../tools/mkdocs/settings.ts');
	const snippet = 'x\n'.repeat(40_000);
	const mkdocs = inputsFromRecord({
		markdown: { snippets: { autoAppend: [], dedentSubsections: false } },
		snippets: { 'steps.txt': { text: snippet } },
		includes: {},
		icons: {},
		pageBudget: pulledBudget(1),
	});
	const page = `${' '.repeat(200)}--8<-- "steps.txt"\n`;
	const out = rewriteAs(page, { dialect: 'mkdocs', path: 'p.md', pages: new Set(), mkdocs });
	expect(out.text.length).toBeLessThanOrEqual(pulledBudget(1) + page.length);
	expect(out.notes.map((note) => note.message)).toEqual([
		expect.stringContaining('of snippets on one page'),
	]);
});

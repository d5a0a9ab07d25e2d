import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { loadConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { generateGuidebookTree } from '../../bench/lib/guidebook-tree.mjs';
import { withTitleFrontmatter } from '../../bench/lib/starlight-project.mjs';

interface PlannedPage {
	path: string;
	route: string;
	title: string;
	slugs: string[];
	mermaid: boolean;
}
type Generate = (
	dir: string,
	options: { pages: number; seed?: number },
) => Promise<{ pages: PlannedPage[]; bytes: number }>;
const generate = generateGuidebookTree as Generate;

let dir: string;
let pages: PlannedPage[];

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'waymark-bench-tree-'));
	({ pages } = await generate(join(dir, 'a'), { pages: 60 }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bench guidebook tree', () => {
	test('is the same bytes for the same seed and differs for another seed', async () => {
		await generate(join(dir, 'b'), { pages: 60 });
		await generate(join(dir, 'c'), { pages: 60, seed: 7 });
		const read = (tree: string, page: PlannedPage) => readFile(join(dir, tree, page.path), 'utf8');
		for (const page of pages) expect(await read('b', page)).toBe(await read('a', page));
		const differing = await Promise.all(
			pages.map(async (page) => (await read('c', page)) !== (await read('a', page))),
		);
		expect(differing.some(Boolean)).toBe(true);
	});

	test('has a README per folder, one diagram in five pages, and the forge features', async () => {
		expect(pages).toHaveLength(60);
		expect(pages.filter((page) => page.path.endsWith('README.md'))).toHaveLength(51);
		expect(pages.filter((page) => page.mermaid)).toHaveLength(12);
		const text = (
			await Promise.all(pages.map((page) => readFile(join(dir, 'a', page.path), 'utf8')))
		).join('\n');
		for (const feature of [
			'> **Status:** ',
			'> [!',
			'| Question | Command |',
			'```bash',
			'```mermaid',
			'](../README.md) > ',
			'.md#',
		])
			expect(text).toContain(feature);
	});

	test("passes Waymark's checks: every relative link and anchor resolves", async () => {
		const loaded = await loadConfig({ cwd: dir, root: join(dir, 'a') });
		const only = ['frontmatter', 'header-block', 'internal-links', 'relations', 'breadcrumb-trail'];
		const report = await checkTree({
			root: loaded.root,
			config: loaded.config,
			tree: await loadGuidebookTree(loaded.root),
			only,
		});
		expect(report.checked).toHaveLength(60);
		expect(report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
	});

	test.each([
		['adds frontmatter', '# Ops\n\nText\n', '---\ntitle: "Ops"\n---\n\nText\n'],
		[
			'merges into frontmatter',
			'---\nowner: SRE\n---\n\n# Ops\n\nText\n',
			'---\ntitle: "Ops"\nowner: SRE\n---\n\nText\n',
		],
		[
			'keeps a breadcrumb line above the H1',
			'[Home](../README.md) > **Ops**\n\n# Ops\n\nText\n',
			'---\ntitle: "Ops"\n---\n\n[Home](../README.md) > **Ops**\n\nText\n',
		],
	])('moves the H1 into the Starlight title: %s', (_name, input, output) => {
		expect(withTitleFrontmatter(input)).toBe(output);
	});
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { buildSiteIndex } from '../../integration/site-index.ts';
import { pageView } from '../../integration/page-view.ts';
import type { SiteRuntimeConfig } from '../../markdown/site-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

// MkDocs titles a page with its `nav` title (before the H1; front matter's `title` first in
// Material's tabs), and mdBook with its summary's link text: that is the page's browser tab and breadcrumb there, while the page shows
// its own H1. A new user's tree showed the nav's "Nightly backups" in the sidebar and "Backups"
// in the tab and the breadcrumbs. Hugo's `linkTitle` and Docusaurus' `sidebar_label` label the
// menu only, and stay so. Generated trees: pages in random folders, a random part of them given a
// navigation label other than their H1.
const git = promisify(execFile);
const made: string[] = [];
afterAll(async () => Promise.all(made.map(removeFixture)));
const config: SiteRuntimeConfig = { root: '/tree', title: 'Ops', base: '/', editUrl: null };

type Tool = 'mkdocs' | 'mdbook' | 'hugo' | 'docusaurus';

function generated(tool: Tool, seed: number) {
	const random = seededRandom(seed);
	const pages = [
		...new Set(
			Array.from(
				{ length: 6 },
				() =>
					`${pickItem(random, ['ops', 'db', 'db/replicas'])}/${pickItem(random, ['backups', 'failover', 'restore', 'rotate-keys'])}.md`,
			),
		),
	];
	const labels = new Map(
		pages
			.filter(() => random() < 0.6)
			.map((path, n) => [
				path,
				`${pickItem(random, ['Nightly', 'Manual', 'Emergency'])} ${n} ${path.split('/').pop()?.replace('.md', '')}`,
			]),
	);
	const h1 = (path: string) => `H1 of ${path}`;
	const files: Record<string, string> = {};
	const body = (path: string) => `# ${h1(path)}\n\nSteps.\n`;
	if (tool === 'mkdocs') {
		files['mkdocs.yml'] =
			`site_name: Ops\nnav:\n  - Home: index.md\n${pages.map((path) => `  - ${labels.has(path) ? `"${labels.get(path)}": ` : ''}${path}`).join('\n')}\n`;
		files['docs/index.md'] = '# Home\n';
		for (const path of pages) files[`docs/${path}`] = body(path);
	} else if (tool === 'mdbook') {
		files['book.toml'] = '[book]\nsrc = "docs"\n';
		files['docs/SUMMARY.md'] =
			`# Summary\n\n[Home](index.md)\n\n${pages.map((path) => `- [${labels.get(path) ?? h1(path)}](${path})`).join('\n')}\n`;
		files['docs/index.md'] = '# Home\n';
		for (const path of pages) files[`docs/${path}`] = body(path);
	} else if (tool === 'hugo') {
		files['hugo.toml'] = 'title = "Ops"\n';
		files['docs/_index.md'] = '# Home\n';
		for (const path of pages)
			files[`docs/${path}`] =
				`---\n${labels.has(path) ? `linkTitle: "${labels.get(path)}"\n` : ''}---\n\n${body(path)}`;
	} else {
		files['docusaurus.config.js'] = 'export default { title: "Ops" };\n';
		files['docs/index.md'] = '# Home\n';
		for (const path of pages)
			files[`docs/${path}`] =
				`---\n${labels.has(path) ? `sidebar_label: "${labels.get(path)}"\n` : ''}---\n\n${body(path)}`;
	}
	return { files, pages, labels, h1 };
}

const tools: Tool[] = ['mkdocs', 'mdbook', 'hugo', 'docusaurus'];

test.each(tools.flatMap((tool) => [1, 2, 3].map((n) => [tool, n] as const)))(
	'%s tree %i: the tab and the breadcrumbs take the navigation label where the tool titles the page with it',
	async (tool, n) => {
		const { files, pages, labels, h1 } = generated(tool, 7100 + n * 10 + tools.indexOf(tool));
		const dir = await writeFixture(files);
		made.push(dir);
		await git('git', ['init', '--quiet', dir]);
		const tree = await loadGuidebookTree(join(dir, 'docs'));
		const index = buildSiteIndex(tree, new Map());
		const site = {
			index,
			alerts: { byRoute: {}, alertmanager: false },
			reviews: { day: '2026-11-27', reviewAfterDays: 180, due: {} },
		};
		const namesByNav = tool === 'mkdocs' || tool === 'mdbook';
		const random = seededRandom(n);
		for (const path of pages) {
			const page = tree.pages.get(path);
			expect(page, path).toBeDefined();
			// Front matter may title it too: it comes first, as in Material for MkDocs' tabs.
			const data = random() < 0.3 ? { title: `Front matter of ${path}` } : {};
			const view = pageView(site, config, { entry: { path, data, meta: { h1: h1(path) } } });
			const label = labels.get(path);
			const titled = data.title ?? (namesByNav && label !== undefined ? label : h1(path));
			// The title is the browser tab's (`SiteLayout`), the breadcrumbs' and the lists'.
			expect(view.header.title, `${tool} ${path}`).toBe(titled);
			expect(view.trail.at(-1)?.title, `${tool} ${path}`).toBe(
				namesByNav && label !== undefined ? label : h1(path),
			);
			// The page's own H1 stays its heading.
			expect(view.header.heading ?? view.header.title, `${tool} ${path}`).toBe(h1(path));
		}
	},
);

test('an awesome-pages `.pages` title names the section, not its folder page: that page keeps its own title', async () => {
	const dir = await writeFixture({
		'mkdocs.yml': 'site_name: Ops\nplugins:\n  - awesome-pages\n',
		'docs/index.md': '# Home\n',
		'docs/db/.pages': 'title: Databases\nnav:\n  - index.md\n  - Nightly backups: backups.md\n',
		'docs/db/index.md': '# DB overview\n',
		'docs/db/backups.md': '# Backups\n',
	});
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const tree = await loadGuidebookTree(join(dir, 'docs'));
	const index = buildSiteIndex(tree, new Map());
	const byPath = new Map(index.pages.map((page) => [page.path, page]));
	expect(byPath.get('db/index.md')).toMatchObject({ title: 'DB overview', navTitle: 'Databases' });
	expect(byPath.get('db/index.md')?.namedByNav).toBeUndefined();
	expect(byPath.get('db/backups.md')).toMatchObject({ title: 'Nightly backups', namedByNav: true });
});

test("front matter's `title` comes before a `nav` title, in the index as in the header", async () => {
	const dir = await writeFixture({
		'mkdocs.yml': 'site_name: Ops\nnav:\n  - Home: index.md\n  - Nightly backups: backups.md\n',
		'docs/index.md': '# Home\n',
		'docs/backups.md': '---\ntitle: Backups at night\n---\n\n# Backups\n',
	});
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const index = buildSiteIndex(await loadGuidebookTree(join(dir, 'docs')), new Map());
	const page = index.pages.find((entry) => entry.path === 'backups.md');
	expect(page).toMatchObject({ title: 'Backups at night', navTitle: 'Nightly backups' });
	expect(page?.namedByNav).toBeUndefined();
	const site = {
		index,
		alerts: { byRoute: {}, alertmanager: false },
		reviews: { day: '2026-11-27', reviewAfterDays: 180, due: {} },
	};
	const view = pageView(site, config, {
		entry: { path: 'backups.md', data: { title: 'Backups at night' }, meta: { h1: 'Backups' } },
	});
	expect([view.header.title, view.header.heading, view.trail.at(-1)?.title]).toEqual([
		'Backups at night',
		'Backups',
		'Backups at night',
	]);
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { buildSiteIndex } from '../../integration/site-index.ts';
import { hugoSiteOf } from '../../tools/hugo/site.ts';
import { waymarkFrontmatter } from '../../tree/tool-frontmatter.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

describe('Hugo site config', () => {
	test("lists static folders as Hugo looks files up: `staticDir` (a name or a list), `staticDir0`…`10`, then each theme's", () => {
		const folders = (config: Record<string, unknown>) =>
			hugoSiteOf(config, '/site').staticFolders.map(
				(folder) => `${folder.dir}${folder.servedAt ? ` at ${folder.servedAt}` : ''}`,
			);
		expect(folders({})).toEqual(['/site/static']);
		expect(folders({ staticDir: 'assets/public', theme: 'book' })).toEqual([
			'/site/assets/public',
			'/site/themes/book/static',
		]);
		expect(
			folders({
				StaticDir: ['one', 'two'],
				staticDir2: 'three',
				theme: ['a', 'b'],
				themesDir: 'vendor',
			}),
		).toEqual([
			'/site/one',
			'/site/two',
			'/site/three',
			'/site/vendor/a/static',
			'/site/vendor/b/static',
		]);
		expect(
			folders({
				module: {
					mounts: [
						{ source: 'files', target: 'static/downloads' },
						{ source: 'layouts', target: 'layouts' },
					],
				},
			}),
		).toEqual(['/site/files at downloads']);
	});

	test.each([
		['no markup settings', {}, undefined, 'goldmark github'],
		[
			'`autoIDType`',
			{ markup: { goldmark: { parser: { autoIDType: 'github-ascii' } } } },
			undefined,
			'goldmark github-ascii',
		],
		[
			'`autoHeadingIDType` (before Hugo 0.144)',
			{ markup: { goldmark: { parser: { autoHeadingIDType: 'blackfriday' } } } },
			undefined,
			'goldmark blackfriday',
		],
		[
			'the typographer off',
			{ markup: { goldmark: { extensions: { typographer: { disable: true } } } } },
			undefined,
			'goldmark github no-typographer',
		],
		[
			'`defaultMarkdownHandler = "blackfriday"`',
			{ markup: { defaultMarkdownHandler: 'blackfriday', blackFriday: { plainIDAnchors: true } } },
			undefined,
			'blackfriday plain',
		],
		[
			'a top-level `[blackfriday]` of a site from before Hugo 0.60',
			{ blackfriday: { plainIDAnchors: true } },
			undefined,
			'blackfriday plain',
		],
		[
			'the same without `plainIDAnchors`',
			{ blackfriday: { angledQuotes: true } },
			undefined,
			'blackfriday document-ids',
		],
		[
			'a top-level `[blackfriday]` on a site pinning Hugo 0.80',
			{ blackfriday: { plainIDAnchors: true } },
			[0, 80],
			'goldmark github',
		],
		[
			'Blackfriday asked of Hugo 0.100 or later, which has none',
			{ markup: { defaultMarkdownHandler: 'blackfriday' } },
			[0, 110],
			'goldmark github',
		],
	])('picks the heading ids of %s', (_, config, version, expected) => {
		const site = hugoSiteOf(config, '/site', version);
		const style = site.headingIds;
		const described =
			style.kind === 'goldmark'
				? `goldmark ${style.type}${style.typographer ? '' : ' no-typographer'}`
				: `blackfriday ${site.documentIds ? 'document-ids' : 'plain'}`;
		expect(described).toBe(expected);
	});

	test.each([
		['no markup settings', {}, true],
		[
			'Goldmark with `definitionList = false`',
			{ markup: { goldmark: { extensions: { definitionList: false } } } },
			false,
		],
		[
			'Goldmark with other extensions set',
			{ markup: { goldmark: { extensions: { typographer: false, table: true } } } },
			true,
		],
		['Blackfriday, from its common extensions', { blackfriday: { plainIDAnchors: true } }, true],
		[
			'Blackfriday with `extensionsMask = ["definitionLists"]`',
			{
				markup: {
					defaultMarkdownHandler: 'blackfriday',
					blackFriday: { extensionsMask: ['definitionLists'] },
				},
			},
			false,
		],
	])('reads definition lists, or not, with %s', (_, config, expected) => {
		expect(hugoSiteOf(config, '/site').definitionLists).toBe(expected);
	});
});

describe('a Hugo site: static files, menus, drafts and its own front matter', () => {
	let dir: string;
	let tree: GuidebookTree;
	const files = {
		'config.toml': [
			'title = "Platform"',
			'theme = "docs"',
			'[[menu.docs]]',
			'  name = "Getting Started"',
			'  identifier = "start"',
			'  weight = -120',
			'[[menu.docs]]',
			'  name = "Services"',
			'  identifier = "services"',
			'  weight = -100',
			'[[menu.docs]]',
			'  name = "Status page"',
			'  url = "https://status.example.org"',
			'[[menu.main]]',
			'  name = "Home"',
			'  pageRef = "/"',
			'  weight = 1',
			'',
		].join('\n'),
		'static/img/flow.png': 'png',
		'themes/docs/static/img/logo.png': 'png',
		'content/_index.md':
			'---\ntitle: Platform\n---\n\n![Flow](/img/flow.png) ![Logo](/img/logo.png) ![Gone](/img/gone.png)\n\n[Accounts](/content/docs/accounts.md) · [Database](/docs/services/database/#backups)\n\n[Help](/help/) · [Install](/docs/install/)\n',
		'content/docs/support.md': '---\ntitle: Support\nurl: /help/\n---\n',
		'content/docs/setup-guide.md': '---\ntitle: Setup guide\nslug: install\n---\n',
		'content/docs/accounts.md':
			'---\ntitle: Accounts\nweight: -100\nmenu:\n  docs:\n    parent: start\nstatus: "Production"\naliases: [/old-accounts/]\n---\n\n### cloud.gov accounts\n',
		'content/docs/setup.md':
			'+++\ntitle = "Set up"\nlinkTitle = "Setup"\nweight = -110\n[menu.docs]\n  parent = "start"\n+++\n\n# Set up\n',
		'content/docs/services/database.md':
			'{\n  "title": "Database",\n  "menu": { "docs": { "parent": "services", "name": "Databases" } },\n  "stauts": "x"\n}\n\n# Database\n\n## Backups\n',
		'content/docs/wip.md': '---\ntitle: Work in progress\ndraft: true\nmenu: docs\n---\n\n# Soon\n',
		'content/docs/legacy.md':
			'---\ntitle: Legacy API\nstatus: deprecated\ndescription: The old API.\n---\n',
	};

	beforeAll(async () => {
		dir = await writeFixture(files);
		// Its own repository, as a site is: a root-absolute link names a path from there.
		await promisify(execFile)('git', ['init', '--quiet', dir]);
		tree = await loadGuidebookTree(join(dir, 'content'));
	});

	afterAll(async () => {
		await removeFixture(dir);
	});

	test('leaves `draft: true` pages out, as Hugo does by default', () => {
		expect([...tree.pages.keys()].sort()).toEqual([
			'_index.md',
			'docs/accounts.md',
			'docs/legacy.md',
			'docs/services/database.md',
			'docs/setup-guide.md',
			'docs/setup.md',
			'docs/support.md',
		]);
		expect([...tree.excludedPages.keys()]).toEqual(['docs/wip.md']);
	});

	test('moves a page by its `url`, and its last segment by `slug`', () => {
		expect([
			tree.pages.get('docs/support.md')?.route,
			tree.pages.get('docs/setup-guide.md')?.route,
		]).toEqual(['/help/', '/docs/install/']);
	});

	test('reads JSON front matter, and never shows it as text', () => {
		const page = tree.pages.get('docs/services/database.md');
		expect(page?.title).toBe('Database');
		expect(page?.tree.children.map((node) => node.type)).toEqual(['heading', 'heading']);
	});

	test("assembles the menus from the config and the pages' front matter, by weight, nested by `parent`", () => {
		expect(tree.menus).toEqual([
			{
				name: 'docs',
				title: 'Docs',
				entries: [
					{
						title: 'Getting Started',
						children: [
							{ title: 'Setup', route: '/docs/setup/', children: [] },
							{ title: 'Accounts', route: '/docs/accounts/', children: [] },
						],
					},
					{
						title: 'Services',
						children: [{ title: 'Databases', route: '/docs/services/database/', children: [] }],
					},
					{ title: 'Status page', url: 'https://status.example.org', children: [] },
				],
			},
			{ name: 'main', title: 'Main', entries: [{ title: 'Home', route: '/', children: [] }] },
		]);
		expect(buildSiteIndex(tree, new Map()).menus).toEqual(tree.menus);
		// A page's own menu entry names it in the section's navigation too, where `linkTitle` does not.
		expect([
			tree.pages.get('docs/services/database.md')?.nav?.label,
			tree.pages.get('docs/setup.md')?.nav?.label,
		]).toEqual(['Databases', 'Setup']);
	});

	test("check: static files of the site and its theme are at the top; the site's own `status` is not judged; a misspelt Waymark key still is", async () => {
		const report = await checkTree({
			root: join(dir, 'content'),
			config: parseConfig({}),
			only: ['internal-links', 'frontmatter'],
		});
		expect(report.findings.map(formatFinding)).toEqual([
			'_index.md:5:47: Unexpected link to missing image `/img/gone.png`, expected an existing file (internal-links)',
			'_index.md:7:1: Unexpected link to missing file `/content/docs/accounts.md`, expected an existing file (internal-links)',
			'docs/services/database.md:4:3: Unexpected frontmatter key `stauts`, expected a known key; did you mean `status` (frontmatter)',
		]);
	});

	test("reads the site's own `status` as no status at all, even one with a Waymark status's name; its other keys as Waymark's", () => {
		expect(waymarkFrontmatter(tree.pages.get('docs/legacy.md')?.frontmatter)).toEqual({
			title: 'Legacy API',
			description: 'The old API.',
		});
	});

	test("check: `status` is Waymark's once a page of the tree uses Waymark's header block", async () => {
		const waymark = await writeFixture({
			...files,
			'content/docs/restart.md': '# Restart\n\n> **Status:** Active\n> **Owner:** SRE\n',
		});
		try {
			expect(
				waymarkFrontmatter(
					(await loadGuidebookTree(join(waymark, 'content'))).pages.get('docs/legacy.md')
						?.frontmatter,
				).status,
			).toBe('deprecated');
			const report = await checkTree({
				root: join(waymark, 'content'),
				config: parseConfig({}),
				only: ['frontmatter'],
			});
			expect(report.findings.map(formatFinding)).toEqual([
				'docs/accounts.md:7:1: Unexpected `Production` for `status`, expected one of `active`, `draft`, `deprecated`, `archived`. Use one of `active`, `draft`, `deprecated`, `archived`. (frontmatter)',
				'docs/services/database.md:4:3: Unexpected frontmatter key `stauts`, expected a known key; did you mean `status` (frontmatter)',
			]);
		} finally {
			await removeFixture(waymark);
		}
	});
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatFinding } from '../../../checks/finding.ts';
import { parseConfig } from '../../../config/load-config.ts';
import { excludedByJekyll, globMatch, parseJekyllConfig } from '../../../tools/jekyll/config.ts';
import { jekyllHref } from '../../../tools/jekyll/links.ts';
import { jekyllUrl, permalinkRoute } from '../../../tools/jekyll/urls.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../../tree/load-tree.ts';
import { checkTree } from '../../helpers/check-tree.ts';
import { removeFixture, writeFixture } from '../../helpers/fixture.ts';

describe('_config.yml, read as YAML', () => {
	test("takes the title, baseurl, exclude and include, defaults, callouts and the config's values", () => {
		const config = parseJekyllConfig(
			'title: Ops\nbaseurl: /ops/\nexclude: [vendor/, "*.tmp"]\ninclude: [.well-known]\npermalink: pretty\ndefaults:\n  - scope: { path: "runbooks" }\n    values: { layout: page }\ncallouts:\n  warning: { title: Warning, color: red }\ncollections:\n  services: { output: true }\n  drafts: { output: false }\nsupport:\n  email: ops@example.com\n',
		);
		expect(config).toMatchObject({
			title: 'Ops',
			baseurl: '/ops',
			exclude: ['vendor/', '*.tmp'],
			include: ['.well-known'],
			pretty: true,
			defaults: [{ path: 'runbooks', values: { layout: 'page' } }],
			callouts: { warning: { title: 'Warning', color: 'red' } },
			collections: ['_services'],
		});
		expect(config?.site['support.email']).toBe('ops@example.com');
		expect(parseJekyllConfig('- a list\n')).toBeUndefined();
		expect(parseJekyllConfig('')).toMatchObject({ baseurl: '', exclude: [] });
	});

	test('leaves out what Jekyll leaves out: `_` and `.` names, `exclude` (globs, folders), its defaults; `include` and published collections kept', () => {
		const config = {
			exclude: ['vendor/', 'notes-*.md', 'docs/old'],
			include: ['.well-known', '_headers'],
			collections: ['_services'],
		};
		const out = [
			'_drafts/a.md',
			'.github/b.md',
			'vendor/x/c.md',
			'notes-1.md',
			'docs/old/d.md',
			'Gemfile',
			'node_modules/e.md',
			'a/_partial.md',
			'f~',
		];
		const kept = [
			'index.md',
			'.well-known/security.txt',
			'_headers',
			'_posts/2024-01-01-x.md',
			'_services/db.md',
			'docs/older.md',
			'notes.md',
		];
		expect(out.filter((path) => !excludedByJekyll(path, config))).toEqual([]);
		expect(kept.filter((path) => excludedByJekyll(path, config))).toEqual([]);
		expect(globMatch('**/*.tmp', 'a/b/c.tmp')).toBe(true);
		expect(globMatch('*.tmp', 'a/c.tmp')).toBe(false);
	});
});

describe('URLs', () => {
	test('gives a page its permalink, else its path as `.html` (or a folder with `permalink: pretty`)', () => {
		expect(jekyllUrl('docs/a.md', undefined, false, false)).toBe('/docs/a.html');
		expect(jekyllUrl('docs/a.md', undefined, false, true)).toBe('/docs/a/');
		expect(jekyllUrl('docs/index.md', undefined, true, false)).toBe('/docs/');
		expect(jekyllUrl('docs/a.md', '/runbooks/a/', false, false)).toBe('/runbooks/a/');
		const place = {
			collections: ['_docs'],
			collectionPermalinks: { _docs: '/:collection/:path/' },
		};
		expect(jekyllUrl('_docs/ops/deploy.md', undefined, false, true, place)).toBe(
			'/docs/ops/deploy/',
		);
		expect(jekyllUrl('_posts/2024-03-05-outage.md', undefined, false, false, place)).toBe(
			'/2024/03/05/outage.html',
		);
		expect([
			permalinkRoute('/'),
			permalinkRoute('/about.html'),
			permalinkRoute('runbooks/restart/'),
			permalinkRoute('/:title/'),
		]).toEqual(['/', '/about/', '/runbooks/restart/', undefined]);
	});

	const data = {
		baseurl: '/ops',
		rootInSite: '',
		urls: {
			'index.md': '/',
			'docs/a.md': '/docs/a.html',
			'docs/b.md': '/docs/b.html',
			'runbooks/restart.md': '/runbooks/restart/',
		},
	};
	const tree = {
		pages: new Set(Object.keys(data.urls)),
		assets: new Set(['images/logo.png', 'about.html']),
	};
	test.each([
		['docs/a.md', 'b.html#x', 'b.md#x'],
		['docs/a.md', 'b', 'b.md'],
		['docs/a.md', '/ops/docs/b.html', 'b.md'],
		['docs/a.md', '/docs/b', 'b.md'],
		['docs/a.md', '../runbooks/restart/', '../runbooks/restart.md'],
		['docs/a.md', '/ops/runbooks/restart', '../runbooks/restart.md'],
		['docs/a.md', '/ops/', '../index.md'],
		['docs/a.md', '/ops/index.html', '../index.md'],
		// A permalinked page's links are relative to its URL, not its file.
		['runbooks/restart.md', '../../docs/a.html', '../docs/a.md'],
		['runbooks/restart.md', '../../images/logo.png', '../images/logo.png'],
		['docs/a.md', '/ops/images/logo.png', '../images/logo.png'],
		// `jekyll-relative-links`: a Markdown file is the file.
		['docs/a.md', 'b.md', 'b.md'],
		['docs/a.md', 'https://example.com/x.html', 'https://example.com/x.html'],
		['docs/a.md', '#top', '#top'],
		// Nothing there: left for the forge's reading to judge, `baseurl` taken off.
		['docs/a.md', '/ops/missing.html', '/missing.html'],
		['docs/a.md', 'missing.html', 'missing.html'],
		// A page Jekyll makes of an HTML file.
		['docs/a.md', '/ops/about', '../about.html'],
	])('from %s, %s is %s', (from, href, expected) => {
		expect(jekyllHref(from, href, data, tree)).toBe(expected);
	});

	test.each([
		// The home page of a site whose home is its index.html, not a Markdown page.
		['docs/a.md', '/ops/', '../index.html'],
		['docs/a.md', '/ops/index.html', '../index.html'],
		['docs/a.md', '/ops/docs/b', 'b.md'],
	])('with an index.html home, from %s, %s is %s', (from, href, expected) => {
		const urls = Object.fromEntries(
			Object.entries(data.urls).filter(([path]) => path !== 'index.md'),
		);
		expect(jekyllHref(from, href, { ...data, urls, htmlHome: true }, tree)).toBe(expected);
	});

	test.each([['docs/a.md', 'b.md', 'b.md']])('from %s, %s is %s', (from, href, expected) => {
		expect(jekyllHref(from, href, data, tree)).toBe(expected);
	});
});

describe('a just-the-docs tree', () => {
	let dir: string;
	let tree: GuidebookTree;
	beforeAll(async () => {
		dir = await writeFixture({
			'docs/_config.yml':
				'title: Platform Ops\nbaseurl: /platform\nremote_theme: just-the-docs/just-the-docs\nexclude: [drafts/]\n',
			'docs/index.md':
				'---\ntitle: Home\npermalink: /\nnav_order: 1\n---\n\n# Platform Ops\n\nStart with [restarts]({{ site.baseurl }}/runbooks/restart/) or [access](access.html).\n',
			'docs/README.md':
				'# How this site is built\n\nGitHub Pages builds it; Jekyll publishes this file too.\n',
			'docs/access.md':
				'---\ntitle: Access\nnav_order: 3\n---\n\n# Access\n\nBack [home](/platform/) and to [a missing page](nowhere.html).\n',
			'docs/runbooks/restart.md':
				'---\ntitle: Restart\nnav_order: 2\npermalink: /runbooks/restart/\n---\n\n# Restart\n\nSee [access](../../access.html#access).\n',
			'docs/runbooks/hidden.md': '---\ntitle: Hidden\nnav_exclude: true\n---\n\n# Hidden\n',
			'docs/drafts/wip.md': '# WIP\n',
			'docs/_includes/footer.md': 'Links [here](nowhere.md).\n',
		});
		await promisify(execFile)('git', ['init', '--quiet', dir]);
		tree = await loadGuidebookTree(join(dir, 'docs'));
	});
	afterAll(() => removeFixture(dir));

	test('is read as Jekyll from its _config.yml, titled by it, its index the home page and its README a page of its own', () => {
		expect(tree.dialect.name).toBe('jekyll');
		expect(tree.siteName).toBe('Platform Ops');
		const routes = Object.fromEntries(
			[...tree.pages.values()].map((page) => [page.path, page.route]),
		);
		expect(routes).toEqual({
			'index.md': '/',
			'README.md': '/README/',
			'access.md': '/access/',
			'runbooks/restart.md': '/runbooks/restart/',
			'runbooks/hidden.md': '/runbooks/hidden/',
		});
	});

	test('orders by nav_order and hides nav_exclude', () => {
		expect(tree.pages.get('access.md')?.nav).toEqual({ order: 3 });
		expect(tree.pages.get('runbooks/hidden.md')?.nav).toEqual({ hidden: true });
	});

	test('check: links as Jekyll serves them land, the missing one is reported', async () => {
		const report = await checkTree({
			root: join(dir, 'docs'),
			config: parseConfig({}),
			only: ['internal-links'],
		});
		expect(report.findings.map(formatFinding)).toEqual([
			'access.md:8:32: Unexpected link to missing file `nowhere.html`, expected an existing file (internal-links)',
		]);
	});
});

describe("just-the-docs' parents in a tree", () => {
	let dir: string;
	let tree: GuidebookTree;
	beforeAll(async () => {
		dir = await writeFixture({
			'_config.yml':
				'title: Ops\nremote_theme: just-the-docs/just-the-docs\ndefaults:\n  - scope:\n      path: "guides/db"\n    values:\n      parent: Databases\n',
			'index.md': '---\ntitle: Home\n---\n\n# Home\n',
			'databases.md': '---\ntitle: Databases\nnav_order: 2\n---\n\n# Databases\n',
			'guides/db/backup.md': '---\ntitle: Backup\nnav_order: 1\n---\n\n# Backup\n',
			'guides/db/restore.md':
				'---\ntitle: Restore\nparent: Backup\ngrand_parent: Databases\n---\n\n# Restore\n',
			'guides/orphan.md': '---\ntitle: Orphan\nparent: No such page\n---\n\n# Orphan\n',
		});
		await promisify(execFile)('git', ['init', '--quiet', dir]);
		tree = await loadGuidebookTree(dir);
	});
	afterAll(() => removeFixture(dir));

	test("nests each page under the page of its parent's title, the config's defaults included", () => {
		const navs = Object.fromEntries([...tree.pages.values()].map((page) => [page.path, page.nav]));
		expect(navs).toEqual({
			'index.md': undefined,
			'databases.md': { order: 2 },
			'guides/db/backup.md': { order: 1, parent: 'databases.md' },
			'guides/db/restore.md': { parent: 'guides/db/backup.md' },
			'guides/orphan.md': undefined,
		});
	});
});

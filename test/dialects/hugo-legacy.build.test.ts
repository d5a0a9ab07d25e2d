import { expect, test } from 'vitest';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	headingIdsDisagree,
	rawSyntaxByPage,
	readableText,
} from './dialect-build.ts';

// A Hugo site written for Hugo before 0.60: Blackfriday with `plainIDAnchors`, menus in
// config.toml and in front matter, images in `static/` and in its theme's, the site's own `status`.
const fixture = dialectFixture('hugo-legacy', 'content');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
const headingIds = (doc: Document) =>
	[...doc.querySelectorAll('.prose h2[id], .prose h3[id]')].map((h) => h.getAttribute('id'));

test("builds every page but the draft under Hugo's routes, and a list page for each top-level section", () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/docs/',
		'/docs/getting-started/access/',
		'/docs/getting-started/first-deploy/',
		'/docs/services/posting-queue/',
		'/docs/services/settlement/',
		'/overview/',
		'/overview/ledger/',
	]);
});

test("gives headings Blackfriday's ids, the ones the check accepts, on every page", async () => {
	expect(headingIds(page('/docs/getting-started/access/'))).toEqual([
		'get-an-account',
		'ledger-sso-accounts',
		'ledger-local-accounts',
	]);
	expect(headingIds(page('/overview/ledger/'))).toEqual(['posting-settlement']);
	const { disagree, compared } = await headingIdsDisagree(fixture, site.pages);
	expect(disagree).toEqual([]);
	expect(compared).toBeGreaterThan(8);
});

test("shows the config's and the pages' menus on the home page, by weight, nested by parent", () => {
	const menus = [...page('/').querySelectorAll('.site-menu')].map((section) => ({
		title: section.querySelector('h2')?.textContent,
		entries: [...section.querySelectorAll(':scope > ul > li')].map((li) => [
			li.firstElementChild?.textContent,
			[...li.querySelectorAll('.site-menu-children a')].map(
				(a) => `${a.textContent} ${a.getAttribute('href')}`,
			),
		]),
	}));
	expect(menus).toEqual([
		{
			title: 'Overview',
			entries: [
				['What the ledger does', []],
				['Status dashboard', []],
			],
		},
		{
			title: 'Docs',
			entries: [
				[
					'Getting started',
					[
						'First deploy /docs/getting-started/first-deploy/',
						'Access /docs/getting-started/access/',
					],
				],
				[
					'Services',
					[
						'Nightly settlement /docs/services/settlement/',
						'Posting queue /docs/services/posting-queue/',
					],
				],
			],
		},
	]);
	expect(page('/').querySelector('.site-menu a')?.getAttribute('href')).toBe('/overview/ledger/');
	expect(
		page('/').querySelector(
			'.guidebook-list .guidebook-card a[href="https://status.ledger.example.net"]',
		),
	).not.toBeNull();
});

test("publishes images of `static/` and of the theme's at the site's top, and shows neither JSON front matter nor shortcodes", async () => {
	expect(page('/').querySelector('.prose img')?.getAttribute('src')).toBe('/img/ledger-flow.png');
	expect(page('/overview/ledger/').querySelector('.prose img')?.getAttribute('src')).toBe(
		'/img/theme-mark.png',
	);
	for (const file of ['img/ledger-flow.png', 'img/theme-mark.png'])
		expect((await stat(join(site.build.outDir, file))).isFile(), file).toBe(true);
	expect(readableText(page('/docs/services/posting-queue/'))).not.toContain('"menu"');
	expect(page('/docs/services/posting-queue/').querySelector('.page-header h1')?.textContent).toBe(
		'Posting queue',
	);
	expect(rawSyntaxByPage(site.pages)).toEqual({});
});

test("takes the site's own `status` for a field of the site: no notice, no badge", () => {
	for (const route of [
		'/docs/getting-started/access/',
		'/docs/getting-started/first-deploy/',
		'/docs/services/settlement/',
	]) {
		expect([route, page(route).querySelector('.wm-notice, .badge')]).toEqual([route, null]);
	}
});

test('check: reports the two real defects, and no link that works on the Hugo site', async () => {
	const { findings } = await checkDialect(fixture);
	expect(
		findings
			.filter((f) => f.severity === 'error')
			.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`),
	).toEqual([
		'docs/getting-started/first-deploy.md:20 internal-links: Unexpected link to missing heading `#roll-back-notes`, expected one of `#before-you-start`, `#deploy`, `#roll-back`',
		'overview/ledger.md:12 internal-links: Unexpected link to missing heading `#drain-the.queue` in `docs/services/posting-queue.md`, expected one of `#drain-the-queue`, `#replay-failed-postings`; did you mean `#drain-the-queue`',
	]);
	expect(findings.filter((f) => f.rule === 'frontmatter')).toEqual([]);
});

test('reads the tree with its config beside it, wherever the command starts', async () => {
	const tree = await loadGuidebookTree(join(fixture.dir, 'content'));
	expect(tree.toolData?.['headingIds']).toEqual({ kind: 'blackfriday' });
	expect([...(tree.staticFiles?.files.keys() ?? [])].sort()).toEqual([
		'img/ledger-flow.png',
		'img/theme-mark.png',
	]);
});

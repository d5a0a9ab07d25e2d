import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	headingIdsDisagree,
	rawSyntaxByPage,
	readableText,
} from '../../dialects/dialect-build.ts';

// A VitePress tree with the minimal case (`#_1-automatic-upgrade`, `/images/logo.png` from
// `public/`, `<ZoomableImage>`), a home page drawn from its front matter, `rewrites` and `srcExclude`.
const fixture = dialectFixture('vitepress', 'docs');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
const callouts = (doc: Document) =>
	[...doc.querySelectorAll('.prose .callout')].map(
		(c) =>
			`${[...c.classList].find((name) => name !== 'callout')} ${c.querySelector('.callout-title')?.textContent?.trim()}`,
	);

test('reads the tree as VitePress from its config, with the evidence', () => {
	expect(site.build.stdout.split('\n').filter((line) => line.startsWith('Reading'))).toEqual([
		'Reading docs/ as a VitePress tree (found `.vitepress/config.js`, `::: tip Title` containers on 3 pages, `[[toc]]` on 1 page); set `dialect` to override',
	]);
});

test("publishes the pages at their VitePress routes: `rewrites` applied, `srcExclude` left out, the config's title", () => {
	expect([...site.pages.keys()].sort()).toEqual(['/', '/runbooks/restore/', '/runbooks/upgrade/']);
	expect(page('/runbooks/upgrade/').querySelector('.site-title')?.textContent).toBe(
		'Platform Runbooks',
	);
	expect(existsSync(join(site.build.outDir, 'TODO'))).toBe(false);
});

test("shows the home page's hero and features, which VitePress draws from its front matter", () => {
	const text = readableText(page('/'));
	expect(text).toContain('Fix it fast');
	expect(text).toContain('Every incident we have seen twice');
	expect(
		[...page('/').querySelectorAll('.prose a')].map(
			(a) => `${a.textContent} ${a.getAttribute('href')}`,
		),
	).toEqual(['Upgrade the cluster /runbooks/upgrade/', 'Backups /runbooks/restore/']);
});

test('renders containers as callouts, a code group as tabs, a badge as text, and shows no Vue code or raw syntax', () => {
	const doc = page('/runbooks/upgrade/');
	expect(callouts(doc)).toEqual([
		'callout-warning Back up first',
		'callout-note Why manual?',
		'callout-tip Verify the upgrade',
	]);
	expect(callouts(page('/runbooks/restore/'))).toEqual(['callout-caution Danger']);
	expect(
		[...doc.querySelectorAll('.prose .wm-tab-title')].map((label) => label.textContent),
	).toEqual(['apt', 'yum']);
	const text = readableText(doc);
	expect(text).toContain('Owned by platform team.');
	expect(text).toContain('since 2.4');
	expect(text).toContain('Keep the previous release for a week.');
	expect(text).toContain('(Component “ZoomableImage” is not shown here)');
	expect(text).not.toMatch(/import ZoomableImage|color: red|\$frontmatter|\[\[toc\]\]/);
	expect([...doc.querySelectorAll('.prose pre')].at(-1)?.textContent).toContain(
		"'{{ not.a.vue.expression }}'",
	);
	expect(rawSyntaxByPage(site.pages, ['::: ', '<Badge', '<ZoomableImage'])).toEqual({});
});

test("shows a code snippet import as its region's code and an included part as VitePress Markdown, neither raw", () => {
	const doc = page('/runbooks/upgrade/');
	const code = [...doc.querySelectorAll('.prose pre')].map((pre) => pre.textContent ?? '');
	expect(code).toContainEqual(
		expect.stringContaining('platform rollback --to previous\nplatform status'),
	);
	expect(code.join('\n')).not.toMatch(/#region|set -eu/);
	expect(callouts(doc)).toContain('callout-tip Verify the upgrade');
	expect(doc.querySelector('article')?.textContent).toContain(
		'Run platform status and expect healthy.',
	);
	expect(rawSyntaxByPage(site.pages, ['<<<', '@include', 'title: Verify'])).toEqual({});
	// Left raw, an include would be an HTML comment, which no text shows.
	expect(doc.documentElement.outerHTML).not.toMatch(/<<<|&lt;&lt;&lt;|@include/);
	// The part is published nowhere of its own: `srcExclude` leaves it out, as VitePress does.
	expect([...site.pages.keys()]).not.toContain('/runbooks/parts/verify/');
});

test("gives headings VitePress' ids, which the checks share, and resolves its links and public/ images", async () => {
	const doc = page('/runbooks/upgrade/');
	expect([...doc.querySelectorAll('.prose h2[id]')].map((h) => h.id)).toEqual([
		'_1-automatic-upgrade',
		'manual-upgrade',
		'manual-upgrade-1',
	]);
	expect([...doc.querySelectorAll('.prose img')].map((img) => img.getAttribute('src'))).toEqual([
		'/images/logo.png',
		'/images/logo.png',
	]);
	expect(existsSync(join(site.build.outDir, 'images/logo.png'))).toBe(true);
	const hrefs = [...doc.querySelectorAll('.prose a')].map((a) => a.getAttribute('href'));
	expect(hrefs).toEqual(
		expect.arrayContaining([
			'#_1-automatic-upgrade',
			'#manual-upgrade-1',
			'/runbooks/restore/#before-you-start',
			'/runbooks/restore/',
		]),
	);
	const { disagree, compared } = await headingIdsDisagree(fixture, site.pages);
	expect(disagree).toEqual([]);
	expect(compared).toBeGreaterThan(3);
});

test('check: no error for a link that works on VitePress; what it cannot render is a warning at its line', async () => {
	const { findings } = await checkDialect(fixture);
	expect(findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.severity}`)).toEqual([
		'dialect-syntax runbooks/upgrade.md:17 warning',
		'dialect-syntax runbooks/upgrade.md:42 warning',
	]);
});

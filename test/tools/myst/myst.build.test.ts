import { expect, test } from 'vitest';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	rawSyntaxByPage,
	readableText,
} from '../../dialects/dialect-build.ts';

// A mystmd tree (test/fixtures/dialects/myst): the minimal case of issue 53 (a `(backup:restore)=`
// target, a ```{note}``` fence, `[restoring](#backup:restore)`) from another page too, a figure
// with a name, tabs, a role that needs a kernel and a directive Waymark does not know; an
// `{include}` of a page the project leaves out (with a `{warning}`) and a `{literalinclude}`.
const fixture = dialectFixture('myst', 'docs');
const site = builtDialectSite(fixture);

test('says it reads the tree as MyST, from myst.yml', () => {
	expect(site.build.stdout).toContain('Reading docs/ as a MyST tree (found `myst.yml`');
});

test("the site has the project's title, its table of contents' first page as home, and leaves out what it excludes", () => {
	expect([...site.pages.keys()].filter((route) => !route.startsWith('/status')).sort()).toEqual([
		'/',
		'/guide/restore/',
		'/guide/tabs/',
	]);
	expect(site.page('/').querySelector('title')?.textContent).toBe('Hub runbooks · Hub Runbooks');
	expect(site.page('/').querySelector('h1')?.textContent).toBe('Hub runbooks');
});

test('no MyST syntax is printed as text, and nothing is dropped', () => {
	expect(
		rawSyntaxByPage(site.pages, [
			'(backup:restore)=',
			'{note}',
			'{ref}',
			'{kbd}',
			'{eval}',
			':::',
			'tab-item',
			'{figure}',
			'% an editor',
			'{include}',
			'{literalinclude}',
		]),
	).toEqual({});
	const restore = readableText(site.page('/guide/restore/'));
	expect(restore).toContain('Stop the hub before restoring.');
	expect(restore).toContain('Body text kept.');
	expect(restore).toContain('card-carousel');
	expect(site.page('/guide/restore/').querySelector('.prose img')?.getAttribute('alt')).toBe(
		'Hub logo',
	);
	expect(site.page('/guide/restore/').querySelector('.callout-note')?.textContent).toContain(
		'Stop the hub',
	);
	expect(site.page('/').querySelector('.prose kbd')?.textContent).toBe('Ctrl+C');
	expect(
		[...site.page('/guide/tabs/').querySelectorAll('.wm-tab-title')].map((tab) => tab.textContent),
	).toEqual(['AWS', 'GCP']);
	const tabs = site.page('/guide/tabs/');
	expect(readableText(tabs)).toContain('Drain the node pool before resizing it.');
	expect(tabs.querySelector('.callout-warning')?.textContent).toContain('lose unsaved work');
	expect(tabs.querySelector('.prose pre')?.textContent).toContain('kubectl drain node-1');
	expect(tabs.querySelector('.prose pre')?.textContent).not.toContain('#!/bin/sh');
});

test('labels resolve across pages as MyST resolves them, to ids that exist', () => {
	const hrefs = [...site.page('/').querySelectorAll('.prose a')].map((a) => a.getAttribute('href'));
	expect(hrefs).toEqual([
		'/guide/restore/#backup-restore',
		'/guide/restore/#backup-restore',
		'/guide/tabs/#tabs-page',
	]);
	expect(site.page('/guide/restore/').querySelector('h1')?.id).toBe('backup-restore');
	expect(site.page('/guide/restore/').querySelector('#fig-logo')).not.toBeNull();
	expect(site.page('/guide/tabs/').querySelector('h1')?.id).toBe('tabs-page');
	expect(site.page('/').querySelector('.wm-broken-link')).toBeNull();
	expect(site.page('/guide/restore/').querySelector('.wm-broken-link')).toBeNull();
});

test('check: no error, and a warning at the line of each thing Waymark cannot render', async () => {
	const { code, findings } = await checkDialect(fixture);
	expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
	expect(code).toBe(0);
	expect(
		findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`).sort(),
	).toEqual(['dialect-syntax guide/restore.md:24', 'dialect-syntax intro.md:6']);
});

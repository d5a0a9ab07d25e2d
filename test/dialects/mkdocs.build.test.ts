import { expect, test } from 'vitest';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	rawSyntaxByPage,
} from './dialect-build.ts';

const fixture = dialectFixture('mkdocs', 'docs');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
const callouts = (doc: Document) =>
	[...doc.querySelectorAll('.prose .callout')].map(
		(c) =>
			`${c.tagName.toLowerCase()}${c.hasAttribute('open') ? '[open]' : ''}.${[...c.classList].find((name) => name !== 'callout')} ${c.querySelector('.callout-title')?.textContent}`,
	);

test('says once that it reads the tree as MkDocs, and why', () => {
	expect(site.build.stdout.split('\n').filter((line) => line.startsWith('Reading'))).toEqual([
		'Reading docs/ as a MkDocs tree (found `mkdocs.yml`, `!!!`/`???` admonitions on 6 pages); set `dialect` to override',
	]);
});

test('builds every page but those `exclude_docs` leaves out, under `site_name`', () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/dolibarr/backup/',
		'/dolibarr/restore/',
		'/not-in-nav/',
		'/odoo/',
		'/odoo/certbot/',
		'/odoo/modules-not-installed/',
	]);
	expect(page('/odoo/certbot/').querySelector('.site-title')?.textContent).toBe(
		'ERP Operations Handbook',
	);
});

test('renders `!!!` admonitions as callouts and `???`/`???+` as collapsible ones, titles kept', () => {
	expect(callouts(page('/'))).toEqual(['aside.callout-tip Before you change anything']);
	expect(callouts(page('/odoo/'))).toEqual(['aside.callout-warning Warning']);
	expect(callouts(page('/odoo/modules-not-installed/'))).toEqual([
		'details.callout-note Why this happens',
		'aside.callout-caution Production database',
		'details[open].callout-tip How to confirm',
	]);
	expect(rawSyntaxByPage(site.pages)).toEqual({});
});

test('keeps an admonition nested in a list item inside it, with its link, and the list numbering going', () => {
	const list = page('/odoo/modules-not-installed/').querySelector('.prose ol');
	expect(list?.querySelectorAll(':scope > li').length).toBe(3);
	const nested = list?.querySelector('li aside.callout-caution');
	expect(nested?.querySelector('a')?.getAttribute('href')).toBe(
		'/dolibarr/backup/#take-a-manual-dump',
	);
	expect(nested?.querySelector('pre')).toBeNull();
});

test('follows `nav` for order and labels, and leaves pages outside `nav` out of it', () => {
	const items = (doc: Document) =>
		[...(doc.querySelector('.local-nav')?.querySelectorAll('li') ?? [])].map(
			(li) => li.textContent,
		);
	expect(items(page('/'))).toEqual(['Odoo droplet', 'Nightly backup', 'Restore']);
	expect(items(page('/odoo/'))).toEqual([
		'Addons not installed',
		'Certificate renewal',
		'Odoo droplet',
		'Nightly backup',
		'Restore',
	]);
});

test('gives headings MkDocs ids, so `#check-renew` and `#backup-restore` land', () => {
	expect(page('/odoo/certbot/').querySelector('.prose h2')?.id).toBe('check-renew');
	expect(page('/dolibarr/backup/').querySelector('.prose h2')?.id).toBe('backup-restore');
});

test('check: MkDocs anchors are not errors, excluded pages are not checked, real defects are errors', async () => {
	const { findings } = await checkDialect(fixture);
	expect(findings.filter((f) => f.file.startsWith('templates/'))).toEqual([]);
	expect(
		findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.rule}`),
	).toEqual(['dolibarr/restore.md:10 internal-links', 'dolibarr/restore.md:11 internal-links']);
});

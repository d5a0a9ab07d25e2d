import { expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	rawSyntaxByPage,
	readableText,
} from './dialect-build.ts';

const fixture = dialectFixture('gitlab', 'docs');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);

test('says once that it reads the tree as GitLab, and why', () => {
	expect(site.build.stdout.split('\n').filter((line) => line.startsWith('Reading'))).toEqual([
		'Reading docs/ as a GitLab tree (found `.gitlab-ci.yml`, `[[_TOC_]]` on 2 pages); set `dialect` to override',
	]);
});

test('builds every page a GitLab reader expects, folder listings included', () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/dolibarr/',
		'/dolibarr/backup-and-restore/',
		'/dolibarr/vault-unseal/',
		'/dumps/',
		'/erpnext/docuseal/',
		'/erpnext/queue-workers/',
		'/odoo-droplet/',
		'/odoo-droplet/addons-not-installed/',
		'/uncategorized/',
		'/uncategorized/certbot-renewal/',
	]);
});

test('renders [[_TOC_]] and [TOC] as the table of contents, in place, and prints neither', () => {
	const toc = page('/dolibarr/backup-and-restore/').querySelector('.prose nav.toc-inline');
	expect([...(toc?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([
		'#nightly-dump',
		'#restore--verify',
		'#replication-slots',
	]);
	expect(
		page('/dolibarr/').querySelector('.prose > nav.toc-inline')?.nextElementSibling?.tagName,
	).toBe('P');
	expect(rawSyntaxByPage(site.pages)).toEqual({});
});

test('gives headings GitLab 17 ids and also answers the pre-17 id, so old links land', () => {
	const heading = page('/dolibarr/backup-and-restore/').querySelector('h2#restore--verify');
	expect(heading?.querySelector('a.legacy-anchor')?.id).toBe('restore-verify');
	const link = [...page('/dolibarr/').querySelectorAll('.prose a')].find(
		(a) => a.textContent === 'Backup + restore',
	);
	expect(link?.getAttribute('href')).toBe('/dolibarr/backup-and-restore/#restore-verify');
});

test('lists a linked folder without a README, with its files, breadcrumbed, and links to it', () => {
	const dumps = page('/dumps/');
	expect(dumps.querySelector('.page-header h1')?.textContent).toBe('Dumps');
	const files = [...dumps.querySelectorAll('.folder-files a')].map((a) => a.getAttribute('href'));
	expect(files).toEqual([
		'/dumps/2026-06-dolibarr-schema.sql',
		'/dumps/2026-06-erpnext-schema.sql',
	]);
	for (const href of files) expect(existsSync(join(site.build.outDir, href ?? ''))).toBe(true);
	expect(
		[...page('/uncategorized/').querySelectorAll('.folder-pages a')].map((a) =>
			a.getAttribute('href'),
		),
	).toEqual(['/uncategorized/certbot-renewal/']);
	expect(
		[...page('/uncategorized/certbot-renewal/').querySelectorAll('nav.breadcrumbs a')].map((a) =>
			a.getAttribute('href'),
		),
	).toContain('/uncategorized/');
	const home = [...page('/').querySelectorAll('.prose a')].map((a) => a.getAttribute('href'));
	expect(home).toEqual(expect.arrayContaining(['/uncategorized/', '/dumps/']));
});

test('renders emoji shortcodes as emoji', () => {
	const text = readableText(page('/'));
	expect(text).toContain('⚠️ Never restore');
	expect(text).not.toContain(':warning:');
});

test('check: folder links are not errors, a pre-17 heading id is a warning naming both forms, real defects stay errors', async () => {
	const { findings, stderr } = await checkDialect(fixture);
	expect(stderr).toContain('as a GitLab tree');
	expect(
		findings.filter((f) => f.message.includes('folder') || f.file.startsWith('uncategorized/')),
	).toEqual([]);
	const legacy = findings.filter((f) => f.message.includes('GitLab before 17.0'));
	expect(legacy.map((f) => [f.file, f.line, f.severity])).toEqual([
		['dolibarr/README.md', 17, 'warning'],
	]);
	expect(legacy[0]?.message).toContain('expected `#restore--verify`');
	const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}`);
	expect(errors).toEqual(
		expect.arrayContaining([
			'dolibarr/README.md:18',
			'dolibarr/backup-and-restore.md:30',
			'dolibarr/vault-unseal.md:12',
		]),
	);
});

import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { repoRoot, runCli } from '../helpers/fixture.ts';

// The GitLab fixture as a clone: runbooks in docs/, scripts/ and img/ beside it, the forge named.
let tmp: string;
let outDir: string;

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/gitlab-site-'));
	const clone = join(tmp, 'runbooks');
	await cp(resolve(repoRoot, 'test/fixtures/dialects/gitlab'), clone, { recursive: true });
	await promisify(execFile)('git', ['init', '--quiet', clone]);
	// The tree's real defects are errors; lowered here so the site builds.
	await writeFile(
		join(clone, 'waymark.config.yaml'),
		'root: docs\nsite:\n  repoUrl: https://gitlab.com/example-ops/erp-runbooks\nchecks:\n  rules: { internal-links: warning, code-fences: warning }\n',
	);
	outDir = join(tmp, 'dist');
	const result = await runCli(['build', '--out', outDir], { cwd: clone });
	expect(result.code).toBe(0);
});

afterAll(async () => {
	await rm(tmp, { recursive: true, force: true });
});

// The links the page's text holds: not its `[[_TOC_]]` table of contents, nor GitLab's old-id anchors.
const hrefs = (doc: Document) =>
	[...doc.querySelectorAll('.prose a[href]')]
		.filter((a) => !a.closest('nav'))
		.map((a) => [a.textContent?.trim(), a.getAttribute('href')]);

describe('links as GitLab resolves them', () => {
	test('rewrites root-absolute, leave-and-return and folder links to routes, and a script outside the root to the forge', async () => {
		expect(hrefs(await loadPage(outDir, '/'))).toEqual([
			['Dolibarr', '/dolibarr/'],
			['Odoo droplet', '/odoo-droplet/'],
			['ERPNext', '/erpnext/queue-workers/'],
			['Certificate renewal', '/uncategorized/'],
			['Schema dumps', '/dumps/'],
		]);
		expect(hrefs(await loadPage(outDir, '/dolibarr/backup-and-restore/')).at(-1)).toEqual([
			'Odoo droplet',
			'/odoo-droplet/',
		]);
		expect(hrefs(await loadPage(outDir, '/dolibarr/')).at(-1)).toEqual([
			'rotate-dolibarr-db-password.sh',
			'https://gitlab.com/example-ops/erp-runbooks/-/blob/HEAD/scripts/rotate-dolibarr-db-password.sh',
		]);
	});

	test('bundles an image from outside the root', async () => {
		const img = (await loadPage(outDir, '/')).querySelector('.prose img');
		expect(img?.getAttribute('alt')).toBe('ERP topology');
		expect(img?.getAttribute('src')).toMatch(/^\/_astro\/erp-topology\.[\w-]+\.webp$/);
	});
});

describe('quiet, honest page headers', () => {
	test.each([
		['/', 'ERP on-call runbooks'],
		['/odoo-droplet/', 'Odoo Droplet'],
		['/uncategorized/certbot-renewal/', 'Certbot Renewal'],
		['/dolibarr/backup-and-restore/', 'Backup and restore'],
	])('titles %s "%s" once, the same in <title>, with no status badge', async (route, title) => {
		const doc = await loadPage(outDir, route);
		expect([...doc.querySelectorAll('h1')].map((h) => h.textContent?.trim())).toEqual([title]);
		expect(doc.querySelector('title')?.textContent).toBe(`${title} · Guidebooks`);
		expect(doc.querySelectorAll('.badge')).toHaveLength(0);
		// Positive control: the page header is there, with the metadata it does have.
		expect(doc.querySelector('header.page-header')).not.toBeNull();
	});

	test.each([
		[
			'/odoo-droplet/addons-not-installed/',
			['ERP on-call runbooks', 'Odoo Droplet', 'Odoo addons registered but not installed'],
		],
		[
			'/uncategorized/certbot-renewal/',
			['ERP on-call runbooks', 'Uncategorized', 'Certbot Renewal'],
		],
	])('uses the same titles in the breadcrumbs of %s', async (route, trail) => {
		const doc = await loadPage(outDir, route);
		expect(
			[...doc.querySelectorAll('nav.breadcrumbs li')].map((li) =>
				li.textContent?.replace(/\s+/g, ' ').trim(),
			),
		).toEqual(trail);
	});
});

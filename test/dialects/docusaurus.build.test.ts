import { expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	rawSyntaxByPage,
} from './dialect-build.ts';

const fixture = dialectFixture('docusaurus', 'docs');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
const callouts = (doc: Document) =>
	[...doc.querySelectorAll('.prose .callout')].map(
		(c) =>
			`${[...c.classList].find((name) => name !== 'callout')} ${c.querySelector('.callout-title')?.textContent}`,
	);

test('says once that it reads the tree as Docusaurus, and why', () => {
	expect(site.build.stdout.split('\n').filter((line) => line.startsWith('Reading'))).toEqual([
		'Reading docs/ as a Docusaurus tree (found `docusaurus.config.js`, 2 `_category_` files, `:::` admonitions on 6 pages, `sidebar_position` on 6 pages); set `dialect` to override',
	]);
});

test('makes the `slug: /` page the home page and gives each category a page titled with its label', () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/crm/',
		'/crm/health-checks/',
		'/crm/login-503/',
		'/erpnext/',
		'/erpnext/backend-restart/',
		'/erpnext/docuseal/',
		'/erpnext/queue-backlog/',
	]);
	expect(page('/').querySelector('.page-header h1')?.textContent).toBe('Gigafibre operations');
	// The site's title is the config's `title`, as on Docusaurus (Waymark's own `site.title` unset).
	expect(page('/crm/').querySelector('.site-title')?.textContent).toBe('Gigafibre operations');
	expect(page('/crm/').querySelector('.page-header h1')?.textContent).toBe('Multi-tenant CRM');
	expect(page('/crm/').querySelector('.page-description')?.textContent).toBe(
		'FastAPI backend runbooks.',
	);
	expect([...page('/crm/').querySelectorAll('.folder-pages a')].map((a) => a.textContent)).toEqual([
		'CRM health checks',
		'Login returns 503',
	]);
	expect(existsSync(join(site.build.outDir, 'crm/_category_.json'))).toBe(false);
});

test('leaves partials out, as the docs plugin does: a name or folder starting with `_` is no page', () => {
	expect([...site.pages.keys()].filter((route) => route.includes('_'))).toEqual([]);
	expect(existsSync(join(site.build.outDir, 'crm/_shared-checks'))).toBe(false);
	expect(existsSync(join(site.build.outDir, '_partials'))).toBe(false);
	expect(site.build.stdout).not.toContain('_shared-checks');
});

test('renders every admonition as a callout, with the title written after a space or in brackets', () => {
	expect(callouts(page('/'))).toEqual(['callout-note Info']);
	expect(callouts(page('/erpnext/queue-backlog/'))).toEqual([
		'callout-warning Check the scheduler first',
		'callout-tip Faster check',
	]);
	expect(callouts(page('/crm/health-checks/'))).toEqual(['callout-note Platform routes']);
	expect(callouts(page('/crm/login-503/'))).toEqual([
		'callout-warning Caution',
		'callout-note Note',
	]);
	expect(callouts(page('/erpnext/backend-restart/'))).toEqual(['callout-caution Danger']);
	expect(rawSyntaxByPage(site.pages)).toEqual({});
});

test("publishes a root-absolute image from `static/` at the site's top, and links a route-relative link to its page", () => {
	const doc = page('/erpnext/backend-restart/');
	expect(doc.querySelector('.prose img')?.getAttribute('src')).toMatch(
		/^\/[\w/-]*erpnext-queues\.\w+$/,
	);
	const related = [...page('/erpnext/queue-backlog/').querySelectorAll('.prose a')].find(
		(a) => a.textContent === 'DocuSeal',
	);
	expect(related?.getAttribute('href')).toBe('/erpnext/docuseal/');
});

test('shows `<Tabs>` as tabs labelled as on Docusaurus, its `default` item selected, content indented inside an item as code blocks', () => {
	const tabs = page('/erpnext/backend-restart/').querySelector('.prose .wm-tabs');
	expect(
		[...(tabs?.querySelectorAll('.wm-tab-title') ?? [])].map((label) => label.textContent),
	).toEqual(['Docker Compose', 'Swarm service']);
	expect(
		[...(tabs?.querySelectorAll('.wm-tab-input') ?? [])].map((input) =>
			input.hasAttribute('checked'),
		),
	).toEqual([false, true]);
	expect(
		[...(tabs?.querySelectorAll('.wm-tab-panel pre') ?? [])].map((pre) => pre.textContent),
	).toEqual(['docker restart erpnext-backend-1', 'docker service update --force erpnext_backend']);
	expect(page('/erpnext/backend-restart/').querySelector('.prose')?.textContent).not.toMatch(
		/TabItem|@theme/,
	);
});

test('reads indentation as MDX does: a list indented four columns under a paragraph is a list, not code', () => {
	const prose = page('/crm/health-checks/').querySelector('.prose');
	expect([...(prose?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
		'the database container (docker ps --filter name=crm-db)',
		'the connection pool (/api/v1/platform/pool)',
	]);
	expect([...(prose?.querySelectorAll('pre') ?? [])].map((pre) => pre.textContent)).toEqual([
		'{"status": "ok", "database": "ok"}',
	]);
});

test('orders navigation by category position and `sidebar_position`', () => {
	const items = (doc: Document, selector: string) =>
		[...doc.querySelectorAll(selector)].map((li) => li.textContent);
	// The section navigation is in the page twice (beside the article; after it on phones): read the first.
	expect(
		[...(page('/').querySelector('.local-nav')?.querySelectorAll('li') ?? [])].map(
			(li) => li.textContent,
		),
	).toEqual(['ERPNext', 'Multi-tenant CRM']);
	expect(items(page('/erpnext/'), '.folder-pages li')).toEqual([
		'Restarting the ERPNext backend',
		'Queue backlog',
		'DocuSeal contract signing',
	]);
});

test('check: an admonition never closed is an error where it opens, naming the lines it swallows', async () => {
	const { findings } = await checkDialect(fixture);
	const dialect = findings.filter((f) => f.rule === 'dialect-syntax');
	expect(dialect.map((f) => `${f.file}:${f.line} ${f.severity}`)).toEqual([
		'crm/login-503.md:16 error',
	]);
	expect(dialect[0]?.message).toBe(
		'Unexpected `:::note` never closed, expected a `:::` line after its content: the rest of the page (lines 17-19) is inside it',
	);
	expect(
		findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.rule}`),
	).toEqual(
		expect.arrayContaining([
			'crm/login-503.md:19 internal-links',
			'erpnext/queue-backlog.md:21 internal-links',
		]),
	);
});

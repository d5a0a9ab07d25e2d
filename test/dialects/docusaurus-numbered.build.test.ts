import { expect, test } from 'vitest';
import {
	builtDialectSite,
	checkDialect,
	dialectFixture,
	headingIdsDisagree,
} from './dialect-build.ts';

// A Docusaurus 3 site with numbered folders and files, docs at `/docs/` (the plugin's default
// `routeBasePath`), links written the ways Docusaurus resolves them.
const fixture = dialectFixture('docusaurus-numbered', 'docs');
const site = builtDialectSite(fixture);
const page = (route: string): Document => site.page(route);
const hrefs = (doc: Document) =>
	[...doc.querySelectorAll('.prose a')].map((a) => a.getAttribute('href'));
const items = (doc: Document, selector: string) =>
	[...doc.querySelectorAll(selector)].map((li) => li.textContent);

test('routes pages and categories without their number prefixes, by `slug` and `id`', () => {
	expect([...site.pages.keys()].sort()).toEqual([
		'/',
		'/backend/',
		'/backend/drain/',
		'/backend/queue/',
		'/backend/restart/',
		'/databases/',
		'/databases/backups/',
		'/intro/',
		'/intro/glossary/',
		'/notes/',
		'/ztoperator/',
	]);
	expect(page('/backend/').querySelector('.page-header h1')?.textContent).toBe('Backend services');
});

test('orders navigation by position, then number prefix, and labels it as the sidebar does', () => {
	expect(items(page('/'), '.guidebook-list > li > a')).toEqual([
		'Gateway operations',
		'Backend services',
		'Databases',
		'Ztoperator',
		'Notes from 2023',
	]);
	expect(items(page('/backend/'), '.folder-pages li')).toEqual([
		'Drain a replica',
		'Restart the backend',
		'Queue depth',
	]);
	expect(items(page('/intro/'), '.local-nav li').slice(0, 1)).toEqual(['Terms']);
});

test('sends links to numbered `.md` files and to `/docs/…` URLs to the pages, and serves the static image from the site top', () => {
	expect(hrefs(page('/intro/'))).toEqual([
		'/backend/restart/',
		'/backend/restart/#check-the-pods',
		'/ztoperator/',
	]);
	expect(hrefs(page('/backend/drain/'))).toEqual(['/backend/restart/#check-the-pods']);
	expect(hrefs(page('/backend/queue/'))).toEqual(['/intro/glossary/']);
	expect(hrefs(page('/ztoperator/'))).toEqual(['/backend/restart/']);
	expect(page('/intro/').querySelector('.prose img')?.getAttribute('src')).toBe(
		'/img/gateway-topology.png',
	);
});

test('gives headings the ids the check accepts', async () => {
	const { disagree, compared } = await headingIdsDisagree(fixture, site.pages);
	expect(disagree).toEqual([]);
	expect(compared).toBeGreaterThan(1);
});

test('check: reports the missing file and the URL no doc has, and no link that works on the Docusaurus site', async () => {
	const { findings } = await checkDialect(fixture);
	expect(
		findings
			.filter((f) => f.severity === 'error')
			.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`),
	).toEqual([
		'03-backend/02-restart.md:13 internal-links: Unexpected link to missing file `/docs/10-databases/02-connections.md`, expected an existing file',
		'10-databases/01-backups.md:3 internal-links: Unexpected link to missing file `/docs/databases/restores`, expected an existing file',
	]);
});

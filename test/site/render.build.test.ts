import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { repoRoot } from '../helpers/fixture.ts';
import { sharedSite } from '../helpers/shared-build.ts';

const fixture = resolve(repoRoot, 'test/fixtures/site-basic');
let outDir: string;

beforeAll(async () => {
	// Built once for the files that read this fixture's site (`shared-build.ts`).
	const result = await sharedSite([
		'--root',
		join(fixture, 'guidebooks'),
		'--config',
		join(fixture, 'waymark.config.yaml'),
	]);
	outDir = result.dist;
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
});

const texts = (nodes: Iterable<Element>) =>
	[...nodes].map((node) => node.textContent?.replace(/\s+/g, ' ').trim());

describe('breadcrumbs', () => {
	test('draws the trail from the folder tree, unlinked for a folder without a page', async () => {
		const doc = await loadPage(outDir, '/ops/db/failover/');
		const items = doc.querySelectorAll('nav.breadcrumbs li');
		expect(texts(items)).toEqual(['Fixture home', 'Operations hub', 'DB', 'Database failover']);
		expect(
			[...doc.querySelectorAll('nav.breadcrumbs a')].map((a) => a.getAttribute('href')),
		).toEqual(['/', '/ops/']);
		expect(doc.querySelector('nav.breadcrumbs [aria-current="page"]')?.textContent).toBe(
			'Database failover',
		);
	});

	test('publishes the trail as BreadcrumbList JSON-LD', async () => {
		const doc = await loadPage(outDir, '/ops/db/failover/');
		const data = JSON.parse(
			doc.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}',
		) as {
			'@type': string;
			itemListElement: Array<{ name: string; item: string; position: number }>;
		};
		expect(data['@type']).toBe('BreadcrumbList');
		expect(data.itemListElement.map((item) => [item.position, item.name, item.item])).toEqual([
			[1, 'Fixture home', '/'],
			[2, 'Operations hub', '/ops/'],
			[3, 'Database failover', '/ops/db/failover/'],
		]);
	});

	test('drops the hand-written trail so it is never shown twice', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const prose = doc.querySelector('.prose')?.textContent ?? '';
		expect(prose).not.toMatch(/Home\s*>\s*Operations/);
		expect(doc.querySelector('.prose p')?.textContent).toMatch(/^Restore with/);
		expect(doc.querySelectorAll('nav.breadcrumbs').length).toBe(1);
	});
});

describe('links', () => {
	test('rewrites .md links to routes and keeps their anchor', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const hrefs = [...doc.querySelectorAll('.prose a')].map((a) => [
			a.textContent,
			a.getAttribute('href'),
		]);
		expect(hrefs).toEqual([
			['the failover page', '/ops/db/failover/#roll-back'],
			['checklist', '/ops/restore-checklist.txt'],
			['notes', '/notes/'],
			['the hub', '/ops/'],
			['forge page', 'https://forge.example.invalid/ops'],
			['below', '#paths-with-spaces'],
		]);
	});

	test('serves files of the tree at their own path', async () => {
		const doc = await loadPage(outDir, '/ops/');
		expect(
			[...doc.querySelectorAll('.prose img')].map((img) => [
				img.getAttribute('alt'),
				img.getAttribute('src'),
			]),
		).toEqual([
			['Topology', '/ops/img/topology.svg'],
			['Topology, small', '/ops/img/topology.svg'],
		]);
		expect(await readFile(join(outDir, 'ops/restore-checklist.txt'), 'utf8')).toBe(
			'1. Stop writers.\n2. Restore.\n',
		);
		expect(await readFile(join(outDir, 'ops/img/topology.svg'), 'utf8')).toContain('<svg');
	});

	test('gives headings GitHub ids, explicit ids and numbered duplicates', async () => {
		const doc = await loadPage(outDir, '/ops/db/failover/');
		expect([...doc.querySelectorAll('.prose h2')].map((h) => [h.id, h.textContent])).toEqual([
			['check', 'Check'],
			['check-1', 'Check'],
			['roll-back', 'Roll back'],
		]);
		expect(doc.querySelector('.page-header h1')?.id).toBe('failover');
	});
});

describe('page header', () => {
	test('shows the parsed header block instead of the raw quote', async () => {
		const doc = await loadPage(outDir, '/ops/');
		expect(doc.querySelectorAll('h1').length).toBe(1);
		expect(doc.querySelector('.page-header h1')?.textContent).toBe('Operations hub');
		const meta = Object.fromEntries(
			[...doc.querySelectorAll('.page-meta > div')].map((row) => [
				row.querySelector('dt')?.textContent,
				row.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim(),
			]),
		) as Record<string, string | undefined>;
		expect(meta).toEqual({
			Status: 'Status: Active',
			Owner: 'Platform team',
			'Last updated': 'June 23, 2026',
			Upstream: 'Home',
			Related: 'Failover',
		});
		expect(doc.querySelector('.page-meta time')?.getAttribute('datetime')).toBe('2026-06-23');
		expect(doc.querySelector('.page-relations a')?.getAttribute('href')).toBe('/');
		expect(doc.querySelector('.prose')?.textContent).not.toContain('Last Updated');
	});

	test("prefers frontmatter and resolves its relations to titled routes, keeping the page's own H1 as its heading", async () => {
		const doc = await loadPage(outDir, '/ops/db/failover/');
		expect(doc.querySelector('title')?.textContent).toMatch(/^Database failover · /);
		expect([...doc.querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['Failover']);
		expect(doc.querySelector('.page-description')?.textContent).toBe(
			'Promote the replica when the primary is lost.',
		);
		expect(doc.querySelector('.badge')?.textContent).toBe('Status: Deprecated');
		expect(doc.querySelector('.page-meta time')?.getAttribute('datetime')).toBe('2026-01-05');
		const upstream = doc.querySelector('.page-relations a');
		expect([upstream?.textContent, upstream?.getAttribute('href')]).toEqual([
			'Operations hub',
			'/ops/',
		]);
	});

	test('links each page to its source on the forge', async () => {
		const doc = await loadPage(outDir, '/ops/db/failover/');
		expect(doc.querySelector('.edit-link a')?.getAttribute('href')).toBe(
			'https://github.com/acme/runbooks/edit/main/guidebooks/ops/db/failover.md',
		);
	});
});

describe('content', () => {
	test('turns GitHub alerts into titled callouts and leaves plain quotes alone', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const callouts = [...doc.querySelectorAll('aside.callout')];
		expect(
			callouts.map((c) => [
				c.className,
				c.querySelector('.callout-title')?.textContent,
				c.querySelector('.callout-icon') !== null,
			]),
		).toEqual([
			['callout callout-note', 'Note', true],
			['callout callout-warning', 'Warning', true],
		]);
		expect(callouts[1]?.textContent).toContain('Stop the writers before you restore.');
		expect(callouts[1]?.textContent).not.toContain('[!WARNING]');
		expect(texts(doc.querySelectorAll('.prose > blockquote'))).toEqual([
			'A plain quote stays a quote.',
		]);
	});

	test('restores text that only looked like a directive', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const text = doc.querySelector('.prose')?.textContent ?? '';
		expect(text).toContain(
			'The window opens at 10:30 and the image is nginx:alpine, and the call is at 9:05.',
		);
		expect(text).toContain('::not-a-directive');
	});

	test('gives each code block a copy button and keeps its exact text', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const block = doc.querySelector('.code-block');
		expect(block?.querySelector('button.copy-button')?.textContent).toBe('Copy');
		expect(block?.querySelector('pre code')?.textContent).toBe(
			'pg_restore --clean \\\n  --dbname "$DB" \\\n  /backups/latest.dump\necho "C:\\new\\table"',
		);
		// Colours by class (markdown/code-colours.ts), none inline.
		expect(block?.querySelector('pre')?.getAttribute('style')).toBeNull();
		const tokens = [...(block?.querySelectorAll('pre .line > span') ?? [])];
		expect(tokens.length).toBeGreaterThan(5);
		expect(
			tokens
				.map((span) => span.getAttribute('class'))
				.filter((name) => !/^(c\d+|l\d+ d\d+|l\d+|d\d+)$/.test(name ?? '')),
		).toEqual([]);
		expect(tokens.some((span) => span.hasAttribute('style'))).toBe(false);
	});

	test('keeps page furniture out of the search index and the title and text in it', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const ignored = (selector: string) =>
			[...doc.querySelectorAll(selector)].map(
				(el) => el.closest('[data-pagefind-ignore]') !== null,
			);
		expect(ignored('.page-meta')).toEqual([true]);
		expect(ignored('.copy-button')).toEqual([true]);
		expect(ignored('.callout-title')).toEqual([true, true]);
		expect(
			ignored(
				'.page-header h1, .prose > p, .callout > p:not(.callout-title), .prose h2, .code-block pre',
			),
		).not.toContain(true);
		expect(doc.querySelector('[data-pagefind-body] .page-header h1')?.textContent).toBe(
			'Operations hub',
		);
	});

	test('wraps tables in a scroller named after the heading above, built without tabindex or role (the browser script adds them when the table scrolls)', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const wrapper = doc.querySelector('.table-scroll');
		expect(wrapper?.querySelector(':scope > table')).not.toBeNull();
		expect(wrapper?.getAttribute('data-label')).toBe('Paths with spaces table');
		expect(wrapper?.hasAttribute('tabindex')).toBe(false);
		expect(wrapper?.hasAttribute('role')).toBe(false);
	});

	test('ships the site styles as one cached stylesheet, none inlined into the page', async () => {
		const doc = await loadPage(outDir, '/ops/');
		expect(doc.querySelectorAll('head style')).toHaveLength(0);
		const sheets = [...doc.querySelectorAll('link[rel="stylesheet"]')].map(
			(link) => link.getAttribute('href') ?? '',
		);
		expect(sheets).toHaveLength(1);
		const css = await readFile(join(outDir, sheets[0] ?? ''), 'utf8');
		// Alerts, status and code colours are all in it.
		for (const rule of ['.wm-alert-banner', '.wm-badge', '.astro-code .c0'])
			expect(css).toContain(rule);
	});

	test('lists h2 and h3 headings in the table of contents', async () => {
		const doc = await loadPage(outDir, '/ops/db/failover/');
		expect([...doc.querySelectorAll('nav.toc a')].map((a) => a.getAttribute('href'))).toEqual([
			'#check',
			'#check-1',
			'#roll-back',
		]);
	});
});

describe('mdx', () => {
	test('renders .mdx pages through the same pipeline, with percent-encoded routes', async () => {
		const doc = await loadPage(outDir, '/ops/db/drill%20n%C3%AB/');
		expect(doc.querySelector('title')?.textContent).toMatch(/^Failover drill · /);
		expect(doc.querySelector('.page-header h1')?.textContent).toBe('Drill');
		expect(doc.querySelector('.badge')?.textContent).toBe('Status: Draft');
		expect(doc.querySelector('.prose a')?.getAttribute('href')).toBe('/ops/db/failover/#roll-back');
		expect(doc.querySelector('.prose p')?.textContent).toBe('Rehearse the roll back at 10:30.');
		expect(doc.querySelector('aside.callout-tip .callout-title')?.textContent).toBe('Tip');
		expect(doc.querySelector('.prose h2')?.id).toBe('timing');
		expect(doc.querySelector('.prose img')?.getAttribute('src')).toBe('/ops/img/topology.svg');
		expect(doc.querySelector('.edit-link a')?.getAttribute('href')).toBe(
			'https://github.com/acme/runbooks/edit/main/guidebooks/ops/db/drill%20n%C3%AB.mdx',
		);
	});
});

describe('navigation and home', () => {
	test('shows the pages around the current one, not the whole tree', async () => {
		const doc = await loadPage(outDir, '/ops/');
		const nav = doc.querySelector('nav.local-nav');
		expect(nav?.querySelector('.nav-up a')?.getAttribute('href')).toBe('/');
		expect(texts(nav?.querySelectorAll('li') ?? [])).toEqual([
			'Database failover',
			'Failover drill',
			'Operations hub',
			'Team notes',
		]);
		expect(nav?.querySelector('[aria-current="page"]')?.textContent).toBe('Operations hub');
	});

	test('lists the guidebooks with their status on the home page', async () => {
		const doc = await loadPage(outDir, '/');
		expect(doc.querySelector('.page-header h1')?.textContent).toBe('Fixture home');
		const cards = [...doc.querySelectorAll('.guidebook-card')].map((card) => [
			card.querySelector('a')?.getAttribute('href'),
			card.querySelector('a')?.textContent,
			card.querySelector('.badge')?.textContent,
			card.querySelector('p')?.textContent,
		]);
		expect(cards).toEqual([
			['/ops/', 'Operations hub', 'Status: Active', undefined],
			['/notes/', 'Team notes', 'Status: Draft', 'Loose notes kept beside the runbooks/ folder.'],
		]);
		expect(doc.querySelector('.guidebook-card p code')?.textContent).toBe('runbooks/');
	});

	test('ships no build-only configuration (such as the tree path) to the browser', async () => {
		const scripts = (await readdir(join(outDir, '_astro'))).filter((name) => name.endsWith('.js'));
		expect(scripts.length).toBeGreaterThan(0);
		for (const name of scripts)
			expect(await readFile(join(outDir, '_astro', name), 'utf8')).not.toContain(fixture);
	});

	test('builds a 404 page and a search index', async () => {
		const html = await readFile(join(outDir, '404.html'), 'utf8');
		expect(html).toContain('Page not found');
		expect(html).toContain('noindex');
		expect(await readFile(join(outDir, 'pagefind/pagefind.js'), 'utf8')).not.toBe('');
	});
});

import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { writeSearchIndex } from '../../integration/pagefind-index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { repoRoot } from '../helpers/fixture.ts';
import { copyOfSite, sharedSite } from '../helpers/shared-build.ts';

// A large site is indexed in shards (integration/search-shard-plan.ts); the search box merges them. The
// fixture is small, so it is indexed again here one page per shard.
const fixture = resolve(repoRoot, 'test/fixtures/site-basic');
let tmp: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let indexed: number;
let htmlFiles: number;
/** The search index's files, as the build wrote them (from its cache) and as indexed again here (directly). */
const searchFiles: Record<'built' | 'sharded', string[]> = { built: [], sharded: [] };

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/shards-'));
	const built = await sharedSite([
		'--root',
		join(fixture, 'guidebooks'),
		'--config',
		join(fixture, 'waymark.config.yaml'),
	]);
	expect(built.code, built.stderr).toBe(0);
	// A copy: its index is made again below.
	const dist = await copyOfSite(built, join(tmp, 'dist'));
	// As built: one index, no shards.
	expect(JSON.parse(await readFile(join(dist, 'pagefind/waymark-shards.json'), 'utf8'))).toEqual(
		[],
	);
	searchFiles.built = await readdir(join(dist, 'pagefind'), { recursive: true });
	await rm(join(dist, 'pagefind'), { recursive: true });
	// As Astro's build-done hook hands it over: with a trailing slash.
	indexed = (await writeSearchIndex(`${dist}/`, { pagesPerShard: 1 })).pages;
	searchFiles.sharded = await readdir(join(dist, 'pagefind'), { recursive: true });
	htmlFiles = (await readdir(dist, { recursive: true })).filter((name) =>
		name.endsWith('.html'),
	).length;
	server = await startServer({ dir: dist, port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
	page = await browser.newPage();
	await page.goto(new URL('notes/', server.url).href);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	await rm(tmp, { recursive: true, force: true });
});

test('writes the top page to the first index and each other page to a shard of its own', async () => {
	const shards = JSON.parse(
		await readFile(join(tmp, 'dist/pagefind/waymark-shards.json'), 'utf8'),
	) as unknown[];
	// The top page in the first index; then notes/, ops/, ops/db/ (the listing the site makes for a
	// folder without a README) and ops/db/failover/, one shard each. The
	// status pages and the 404 page, with nothing to search, get no shard (alone in one, Pagefind
	// would index their whole body).
	// Each names the site folder its pages are in, as a URL path: Pagefind indexed that folder, so its URLs start there.
	expect(shards).toEqual([
		{ index: 'shard-1/', base: 'notes/' },
		{ index: 'shard-2/', base: 'ops/' },
		{ index: 'shard-3/', base: 'ops/db/drill%20n%C3%AB/' },
		{ index: 'shard-4/', base: 'ops/db/failover/' },
	]);
});

test.each(['built', 'sharded'] as const)(
	"publishes none of Pagefind's ready-made interfaces, which the search box does not load (%s)",
	(how) => {
		const files = searchFiles[how];
		expect(files).toContain('pagefind.js');
		expect(
			files.filter((file) =>
				/(?:^|\/)pagefind-(?:ui|component-ui|modular-ui|highlight)\./.test(file),
			),
		).toEqual([]);
	},
);

test('counts the pages in the index, not the HTML files read: the status pages and the 404 page have nothing to index', () => {
	expect(indexed).toBe(htmlFiles - 3);
	expect(indexed).toBeGreaterThan(0);
});

test('finds a page of a later shard and a page of the first index from the same search box', async () => {
	await page.focus('#search-input');
	await page.keyboard.type('replica');
	const result = page.locator('#search-results li a').first();
	await result.waitFor({ timeout: 10_000 });
	expect(await result.getAttribute('href')).toBe('/ops/db/failover/');
	await page.fill('#search-input', '');
	await page.keyboard.type('loose notes');
	await expect
		.poll(() => page.locator('#search-results li a').first().getAttribute('href'), {
			timeout: 10_000,
		})
		.toBe('/notes/');
	// A shard whose folder's name is percent-encoded in its URL.
	await page.fill('#search-input', '');
	await page.keyboard.type('rehearse');
	await expect
		.poll(() => page.locator('#search-results li a').first().getAttribute('href'), {
			timeout: 10_000,
		})
		.toBe('/ops/db/drill%20n%C3%AB/');
});

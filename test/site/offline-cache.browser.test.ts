import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { waitFor } from '../helpers/prometheus.ts';
import { repoRoot } from '../helpers/fixture.ts';
import { sharedSite } from '../helpers/shared-build.ts';

// A served site, two pages and the search visited, then the server gone: the service worker's copy.
// Built under vitest, whose NODE_ENV is `test`: pages asked for no worker when that decided (Vite's
// `import.meta.env.DEV`) rather than the command.
const fixture = resolve(repoRoot, 'test/fixtures/processor-edges/guidebooks');
let tmp: string;
let dist: string;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let site: string;
let statusOnline: number;
/** A second reader, who opened the home page and never searched. */
let other: { context: BrowserContext; page: Page };

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/sw-'));
	const built = await sharedSite(['--root', fixture]);
	expect(built.code, built.stderr).toBe(0);
	dist = built.dist;
	server = await startServer({ dir: dist, port: 0, host: '127.0.0.1' });
	site = server.url;
	browser = await launchBrowser();
	context = await browser.newContext();
	page = await context.newPage();
	await page.goto(site);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	// Controlled from here on: the visits below go through the worker.
	await page.reload();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000,
	});
	await page.goto(new URL('ops/diagrams/', site).href);
	await page.focus('#search-input');
	await page.keyboard.type('preformatted');
	await page.locator('#search-results li a').first().waitFor({ timeout: 15_000 });
	statusOnline = await page.evaluate(async () => (await fetch('/_waymark/status.json')).status);
	const otherContext = await browser.newContext();
	other = { context: otherContext, page: await otherContext.newPage() };
	// Opened once, before the worker was there to keep it: the worker keeps it when the page asks.
	await other.page.goto(site);
	const kept = () =>
		other.page.evaluate(async () =>
			(await caches.match('/', { ignoreSearch: true })) &&
			(await caches.match('/pagefind/waymark-offline.json'))
				? true
				: undefined,
		);
	await waitFor('the home page and the shell kept', kept, 30_000, 250);
	await server.close();
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await rm(tmp, { recursive: true, force: true });
});

test('the build writes the worker, and pages name it', async () => {
	expect(await readFile(join(dist, 'sw.js'), 'utf8')).toContain('const BASE = "/"');
	expect(await readFile(join(dist, 'index.html'), 'utf8')).toContain(
		'data-service-worker="/sw.js"',
	);
});

test('shows a visited page with the server gone, stamped "Offline copy from HH:MM"', async () => {
	await page.goto(new URL('ops/diagrams/', site).href);
	expect(await page.locator('h1').textContent()).toBe('Diagrams and preformatted text');
	const banner = page.locator('[data-offline-banner]');
	expect(await banner.isVisible()).toBe(true);
	expect(await banner.textContent()).toMatch(/^Offline copy from \d\d:\d\d \(/);
	// It is the time it was kept, in the reader's zone.
	const keptAt = Date.parse((await banner.getAttribute('data-kept-at')) ?? '');
	expect(Date.now() - keptAt).toBeLessThan(10 * 60_000);
	expect(await page.locator('.wm-diagram svg').first().isVisible()).toBe(true);
});

test('searches with the server gone', async () => {
	await page.goto(site);
	await page.focus('#search-input');
	await page.keyboard.type('preformatted');
	const result = page.locator('#search-results li a').first();
	await result.waitFor({ timeout: 15_000 });
	expect(await result.getAttribute('href')).toBe('/ops/diagrams/');
});

test('keeps the first page a reader opens and searches every page with the network cut, for a reader who never searched', async () => {
	await other.context.setOffline(true);
	await other.page.goto(site);
	expect(await other.page.locator('[data-offline-banner]').textContent()).toMatch(
		/^Offline copy from \d\d:\d\d \(/,
	);
	await other.page.focus('#search-input');
	// On a page this reader never opened.
	await other.page.keyboard.type('rollback');
	const result = other.page.locator('#search-results li a').first();
	await result.waitFor({ timeout: 15_000 });
	expect(await result.getAttribute('href')).toBe('/ops/raw-html/');
	// A word on no page finds nothing: the search above was not a list of every page.
	await other.page.fill('#search-input', 'zzqxnotaword');
	await expect
		.poll(() => other.page.locator('#search-results').textContent(), { timeout: 10_000 })
		.toContain('No pages match');
});

test('says a page never visited has no offline copy, instead of a browser error', async () => {
	const response = await page.goto(new URL('ops/raw-html/', site).href);
	expect(response?.status()).toBe(503);
	expect(await page.locator('h1').textContent()).toBe('You are offline');
	expect(await page.locator('main').textContent()).toContain(
		'/ops/raw-html/ was not opened on this device',
	);
});

test('never answers live status from the copy', async () => {
	// Online it was there; offline the request fails instead of returning what was kept.
	expect(statusOnline).toBe(200);
	await page.goto(site);
	expect(
		await page.evaluate(async () =>
			fetch('/_waymark/status.json').then(
				(r) => r.status,
				() => 'failed',
			),
		),
	).toBe('failed');
});

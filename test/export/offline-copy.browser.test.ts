import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { repoRoot, runCli } from '../helpers/fixture.ts';
import { copyOfSite, sharedSite } from '../helpers/shared-build.ts';

// The export of a small tree with drawn diagrams, unpacked and opened from disk: no server.
const fixture = resolve(repoRoot, 'test/fixtures/processor-edges/guidebooks');
let tmp: string;
let unpacked: string;
let zip: Buffer;
let browser: Browser;
let page: Page;
const failedRequests: string[] = [];

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/offline-'));
	const built = await sharedSite(['--root', fixture]);
	expect(built.code, built.stderr).toBe(0);
	// Where `export offline` looks by default (`dist`, below its working folder).
	const dist = await copyOfSite(built, join(tmp, 'dist'));
	const exported = await runCli([
		'export',
		'offline',
		'--root',
		fixture,
		'--dir',
		dist,
		'--out',
		join(tmp, 'site.zip'),
	]);
	expect(exported.code, exported.stderr).toBe(0);
	zip = await readFile(join(tmp, 'site.zip'));
	unpacked = join(tmp, 'unpacked');
	for (const [name, bytes] of Object.entries(unzipSync(zip))) {
		await mkdir(dirname(join(unpacked, name)), { recursive: true });
		await writeFile(join(unpacked, name), bytes);
	}
	browser = await launchBrowser();
	// The network cut: the copy must need none (a request off disk fails and is listed below).
	page = await (await browser.newContext({ offline: true })).newPage();
	// A load the page cut short by navigating away (the favicon, when a result is clicked under load) is not a file the copy lacks.
	page.on(
		'requestfailed',
		(request) =>
			void (
				request.failure()?.errorText === 'net::ERR_ABORTED' ||
				failedRequests.push(`${request.url()} (${request.failure()?.errorText})`)
			),
	);
	page.on(
		'request',
		(request) => void (request.url().startsWith('file:') || failedRequests.push(request.url())),
	);
	await page.goto(pathToFileURL(join(unpacked, 'index.html')).href);
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await rm(tmp, { recursive: true, force: true });
});

test('stamps every page with the site, the build time, the commit and "Offline copy"', async () => {
	expect(await page.locator('[data-offline-banner]').textContent()).toMatch(
		/^Offline copy of Guidebooks from \d{4}-\d\d-\d\d \d\d:\d\d UTC, commit [0-9a-f]{7}\.$/,
	);
	expect(await page.locator('[data-offline-banner]').isVisible()).toBe(true);
});

test('navigates from page to page by clicking links, each a file of the copy', async () => {
	await page.locator('.page-nav a', { hasText: 'Ops' }).first().click();
	expect(page.url()).toBe(pathToFileURL(join(unpacked, 'ops/index.html')).href);
	await page.locator('.page-nav a', { hasText: 'Diagrams and preformatted text' }).first().click();
	expect(page.url()).toBe(pathToFileURL(join(unpacked, 'ops/diagrams/index.html')).href);
	expect(await page.locator('h1').textContent()).toBe('Diagrams and preformatted text');
	// The stylesheet came along: the page is styled, not bare HTML.
	expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
	expect(failedRequests).toEqual([]);
});

test('shows the diagrams drawn at build time', async () => {
	await page.goto(pathToFileURL(join(unpacked, 'ops/diagrams/index.html')).href);
	const drawing = page.locator('.wm-diagram svg').first();
	expect(await drawing.isVisible()).toBe(true);
	expect(await drawing.locator('text, foreignObject').allTextContents()).toEqual(
		expect.arrayContaining([expect.stringContaining('gateway')]),
	);
});

test('searches from disk and opens a result', async () => {
	await page.goto(pathToFileURL(join(unpacked, 'ops/footnotes/index.html')).href);
	await page.focus('#search-input');
	await page.keyboard.type('preformatted');
	const result = page.locator('#search-results li a').first();
	await result.waitFor({ timeout: 10_000 });
	expect(await result.textContent()).toBe('Diagrams and preformatted text');
	await result.click();
	await page.waitForURL(pathToFileURL(join(unpacked, 'ops/diagrams/index.html')).href);
	expect(failedRequests).toEqual([]);
	// A word on no page finds nothing: the search above was not a list of every page.
	await page.focus('#search-input');
	await page.keyboard.type('zzqxnotaword');
	await expect.poll(() => page.locator('#search-results').textContent()).toContain('No results');
});

test('exports the folder `waymark build` wrote (config `outDir`, else ./dist) when only --out is given', async () => {
	// `--out` names the archive here, never the built folder: it was read as both, and the export looked for a site inside the zip's path.
	const exported = await runCli(['export', 'offline', '--root', fixture, '--out', 'default.zip'], {
		cwd: tmp,
	});
	expect(exported.code, exported.stderr).toBe(0);
	expect(Buffer.compare(await readFile(join(tmp, 'default.zip')), zip)).toBe(0);
});

test('writes the same bytes for the same built site', async () => {
	const again = await runCli([
		'export',
		'offline',
		'--root',
		fixture,
		'--dir',
		join(tmp, 'dist'),
		'--out',
		join(tmp, 'again.zip'),
	]);
	expect(again.code, again.stderr).toBe(0);
	expect(Buffer.compare(await readFile(join(tmp, 'again.zip')), zip)).toBe(0);
	expect(Object.keys(unzipSync(zip))).toEqual(Object.keys(unzipSync(zip)).sort());
});

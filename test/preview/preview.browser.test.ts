import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { removeFixture, runCli } from '../helpers/fixture.ts';
import { baseTree, headTree, writeGitFixture } from './git-fixture.ts';

let repo: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	repo = await writeGitFixture([baseTree, headTree]);
	const built = await runCli(
		['build', '--root', 'guidebooks', '--out', 'dist', '--base', 'HEAD~1'],
		{ cwd: repo },
	);
	expect(built.code).toBe(0);
	server = await startServer({ dir: join(repo, 'dist'), port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
	page = await browser.newPage();
	// Only the loopback server; anything else would be a bug in the built pages.
	await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	await removeFixture(repo);
});

test('opens the changes page, follows a link to a diff and shows the marked words', async () => {
	await page.goto(new URL('_waymark/changes/', server.url).href);
	await expect.poll(() => page.locator('h1').textContent()).toBe('Changes since HEAD~1');
	await page.locator('li[data-path="erp/operations.md"] a.waymark-diff-link').click();
	await page.waitForURL(/\/_waymark\/diff\/erp\/operations\/$/);
	const inserted = page.locator('.waymark-diff ins', { hasText: 'worker' });
	const deleted = page.locator('.waymark-diff del', { hasText: 'service' });
	expect(await inserted.isVisible()).toBe(true);
	expect(await deleted.isVisible()).toBe(true);
	// Marked, not just present: the preview styles give insertions and deletions their own look.
	const style = (selector: string) =>
		page
			.locator(selector)
			.first()
			.evaluate((e) => ({
				line: getComputedStyle(e).textDecorationLine,
				bg: getComputedStyle(e).backgroundColor,
			}));
	expect((await style('.waymark-diff del')).line).toBe('line-through');
	expect((await style('.waymark-diff ins')).bg).not.toBe('rgba(0, 0, 0, 0)');
});

test('reaches the diff from the banner of a changed page', async () => {
	await page.goto(new URL('erp/operations/', server.url).href);
	await page.locator('.waymark-preview-banner a', { hasText: 'What changed on this page' }).click();
	await page.waitForURL(/\/_waymark\/diff\/erp\/operations\/$/);
	expect(
		await page
			.locator('.waymark-diff li.waymark-del-block', { hasText: 'Drain the workers' })
			.isVisible(),
	).toBe(true);
});

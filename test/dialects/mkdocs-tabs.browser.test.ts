import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { seriousViolations } from '../helpers/site-audit.ts';
import { buildDialect, dialectFixture } from './dialect-build.ts';

let built: Awaited<ReturnType<typeof buildDialect>>;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	built = await buildDialect(dialectFixture('mkdocs-material', 'docs'));
	expect(built.code, built.stderr).toBe(0);
	server = await startServer({ dir: built.outDir, port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

async function open(path: string, options: { javaScriptEnabled: boolean }): Promise<Page> {
	// axe-core is added as a script tag, which the site's own CSP would refuse.
	const context = await browser.newContext({
		...options,
		viewport: { width: 1280, height: 800 },
		bypassCSP: true,
	});
	const page = await context.newPage();
	await page.goto(new URL(path, server.url).href);
	return page;
}

/** The titles of the tabs whose panels show, set by set. */
const shown = (page: Page) =>
	page.$$eval('.wm-tabs', (sets) =>
		sets.map((set) =>
			[...set.querySelectorAll(':scope > .wm-tab-panel')]
				.filter((panel) => getComputedStyle(panel).display !== 'none')
				.map((panel) => panel.previousElementSibling?.textContent),
		),
	);

test('switches tabs by clicking their titles with scripts off, one panel per set showing', async () => {
	const page = await open('/services/discovery/', { javaScriptEnabled: false });
	expect(await shown(page)).toEqual([['DNS'], ['Production']]);
	await page.click('label[for="__tabbed_1_2"]');
	expect(await shown(page)).toEqual([['Static address'], ['Production']]);
	expect(await page.isVisible('text=Stale addresses')).toBe(true);
	await page.context().close();
});

test('moves between the tabs of a set with the arrow keys, the focused title outlined', async () => {
	const page = await open('/services/discovery/', { javaScriptEnabled: true });
	await page.focus('#__tabbed_2_1');
	await page.keyboard.press('ArrowRight');
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('__tabbed_2_2');
	expect(await shown(page)).toEqual([['DNS'], ['Staging']]);
	const outline = await page.$eval(
		'label[for="__tabbed_2_2"]',
		(label) => getComputedStyle(label).outlineStyle,
	);
	expect(outline).toBe('solid');
	expect(await seriousViolations(page)).toEqual([]);
	await page.context().close();
});

test('opens the tab a link names, as Material does', async () => {
	const page = await open('/services/queue/', { javaScriptEnabled: true });
	await page.click('text=how clients find it');
	await page.waitForURL(/#__tabbed_1_2$/);
	expect(await shown(page)).toEqual([['Static address'], ['Production']]);
	await page.goto(new URL('/services/discovery/#__tabbed_2_2', server.url).href);
	expect(await shown(page)).toEqual([['Static address'], ['Staging']]);
	await page.context().close();
});

import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { classColours } from '../helpers/code-colours.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { repoRoot } from '../helpers/fixture.ts';
import { sharedSite } from '../helpers/shared-build.ts';

const fixture = resolve(repoRoot, 'test/fixtures/site-basic');
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every Content-Security-Policy violation seen while the tests below use the site. */
const violations: string[] = [];

beforeAll(async () => {
	const built = await sharedSite([
		'--root',
		join(fixture, 'guidebooks'),
		'--config',
		join(fixture, 'waymark.config.yaml'),
	]);
	expect(built.code, built.stderr).toBe(0);
	server = await startServer({ dir: built.dist, port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
	context = await readerContext();
	page = await readerPage(context);
	await page.goto(new URL('ops/', server.url).href);
});

/**
 * A phone's browser profile, as a reader's: its own caches, so nothing one test loaded serves
 * another. Without the site's service worker: these tests watch and hold the page's requests, and a
 * worker's fetches bypass Playwright's routes (the worker has its own browser test).
 */
async function readerContext(): Promise<BrowserContext> {
	const created = await browser.newContext({
		viewport: { width: 390, height: 844 },
		colorScheme: 'light',
		isMobile: true,
		hasTouch: true,
		serviceWorkers: 'block',
	});
	await created.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: new URL(server.url).origin,
	});
	// `waymark serve`'s CSP is in force on every page: report anything it blocks.
	await created.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
		),
	);
	return created;
}

async function readerPage(owner: BrowserContext): Promise<Page> {
	const opened = await owner.newPage();
	opened.on(
		'console',
		(message) =>
			void (message.text().startsWith('CSP violation') && violations.push(message.text())),
	);
	return opened;
}

/**
 * Runs `use` in a new phone profile whose every request passes `context.route` from the first one,
 * and gives the paths requested. Routing from the start keeps the browser's caches out of the way:
 * a page of a shared profile can get a script another page loaded without a request being seen or
 * routed (the two search tests below each failed once that way).
 */
async function inFreshProfile(
	use: (fresh: Page, requested: string[]) => Promise<void>,
): Promise<void> {
	const fresh = await readerContext();
	const requested: string[] = [];
	await fresh.route('**/*', (route) => {
		requested.push(new URL(route.request().url()).pathname);
		return route.fallback();
	});
	try {
		await use(await readerPage(fresh), requested);
	} finally {
		await fresh.close();
	}
}

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await server?.close();
});

const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('fits a phone screen without sideways scrolling', async () => {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth,
	);
	expect(overflow).toBeLessThanOrEqual(0);
	expect(await page.locator('.page-header h1').textContent()).toBe('Operations hub');
	// A site without probes has no status link in its header (test/status/widgets.build.test.ts has one).
	expect(await page.locator('.site-header a').count()).toBeGreaterThan(0);
	expect(await page.locator('.site-header a.site-status').count()).toBe(0);
});

test('folds the table of contents behind a button in the contents bar on a phone', async () => {
	await page.goto(new URL('ops/db/failover/', server.url).href);
	const list = page.locator('#page-bar-list');
	expect(await list.isVisible()).toBe(false);
	expect(await page.locator('.page-toc').isVisible()).toBe(false);
	await page.click('.page-bar-toggle');
	expect(await list.isVisible()).toBe(true);
	expect(await page.getAttribute('.page-bar-toggle', 'aria-expanded')).toBe('true');
	await page.click('#page-bar-list a[href="#roll-back"]');
	expect(await list.isVisible()).toBe(false);
	expect(page.url()).toMatch(/#roll-back$/);
	await page.goto(new URL('ops/', server.url).href);
});

/** The toggle's icon: the mask its `::before` is drawn with. */
const icon = () =>
	page.evaluate(
		() =>
			getComputedStyle(document.querySelector('[data-theme-toggle]') as Element, '::before')
				.maskImage,
	);
/** The first coloured token of the page's first code block: its class and computed colour. */
const token = () =>
	page.evaluate(() => {
		const span = document.querySelector('.code-block pre .line > span[class]') as HTMLElement;
		return { className: span.className, colour: getComputedStyle(span).color };
	});
/** The colour the site stylesheet gives a token class in a theme, as the browser writes it. */
function themeColour(className: string, side: 'light' | 'dark'): string {
	const hex = (classColours().get(className)?.[`--shiki-${side}`] ?? '').replace(/^#/, '');
	const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16));
	return `rgb(${r}, ${g}, ${b})`;
}

test('cycles the theme system → light → dark → system, names its state, and remembers it', async () => {
	const root = () =>
		page.evaluate(() => ({
			theme: document.documentElement.dataset['theme'],
			choice: document.documentElement.dataset['themeChoice'],
			stored: localStorage.getItem('waymark-theme'),
		}));
	const name = () => page.getAttribute('[data-theme-toggle]', 'aria-label');
	expect(await root()).toEqual({ theme: 'light', choice: 'system', stored: null });
	expect(await name()).toBe('Theme: system (light)');
	// A cycle of three is not a toggle: no `aria-pressed` to contradict the name.
	expect(await page.getAttribute('[data-theme-toggle]', 'aria-pressed')).toBeNull();
	const light = await background();
	const systemIcon = await icon();
	expect(systemIcon).toMatch(/^url\("data:image\/svg\+xml/);
	const icons = [systemIcon];
	await page.click('[data-theme-toggle]');
	expect(await root()).toEqual({ theme: 'light', choice: 'light', stored: 'light' });
	icons.push(await icon());
	const lightToken = await token();
	expect(lightToken.colour).toBe(themeColour(lightToken.className, 'light'));
	expect(await name()).toBe('Theme: light');
	await page.click('[data-theme-toggle]');
	expect(await root()).toEqual({ theme: 'dark', choice: 'dark', stored: 'dark' });
	expect(await name()).toBe('Theme: dark');
	const dark = await background();
	expect(dark).not.toBe(light);
	// Moon, sun and half disc: a different icon for each of the three states.
	icons.push(await icon());
	expect(new Set(icons).size).toBe(3);
	// Code follows the theme: its token colours come from classes the site stylesheet fills in.
	const darkToken = await token();
	expect(darkToken.colour).toBe(themeColour(darkToken.className, 'dark'));
	expect(darkToken.colour).not.toBe(lightToken.colour);
	// Remembered, and dark before the first paint: the inline script sets it before the body is parsed.
	await page.reload();
	expect(await root()).toEqual({ theme: 'dark', choice: 'dark', stored: 'dark' });
	expect(await background()).toBe(dark);
	await page.click('[data-theme-toggle]');
	expect(await root()).toEqual({ theme: 'light', choice: 'system', stored: null });
	expect(await name()).toBe('Theme: system (light)');
	expect(await background()).toBe(light);
	// Following the system again: a change of the system's scheme changes the page.
	await page.emulateMedia({ colorScheme: 'dark' });
	await expect.poll(() => name()).toBe('Theme: system (dark)');
	expect(await background()).toBe(dark);
	await page.emulateMedia({ colorScheme: 'light' });
	await expect.poll(() => name()).toBe('Theme: system (light)');
});

test('finds a page with Pagefind and links to it', () =>
	inFreshProfile(async (fresh, requested) => {
		// Settled, so a chunk fetched after `load` (an idle callback, a timer) would be seen below.
		await fresh.goto(new URL('ops/', server.url).href, { waitUntil: 'networkidle' });
		// Neither the index nor the search box's own code loads before the box is used.
		const searchCode = () =>
			requested.filter((path) => path.startsWith('/pagefind/') || path.includes('search-box'));
		expect(requested).toContain('/ops/');
		expect(searchCode()).toEqual([]);
		// The box's code is held back until the reader has typed: what was typed meanwhile is searched.
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const heldBack: string[] = [];
		await fresh.route('**/_astro/search-box.*.js', async (route) => {
			heldBack.push(new URL(route.request().url()).pathname);
			await held;
			await route.fallback();
		});
		await fresh.keyboard.press('/');
		expect(await fresh.evaluate(() => document.activeElement?.id)).toBe('search-input');
		await fresh.keyboard.type('replica');
		await expect.poll(() => heldBack.length, { timeout: 10_000 }).toBe(1);
		release();
		const result = fresh.locator('#search-results li a').first();
		await result.waitFor({ timeout: 10_000 });
		expect(await result.getAttribute('href')).toBe('/ops/db/failover/');
		expect(requested).toContain('/pagefind/pagefind.js');
		expect(heldBack[0]).toMatch(/^\/_astro\/search-box\.[\w-]+\.js$/);
		expect(await result.textContent()).toBe('Database failover');
		await result.click();
		await fresh.waitForURL('**/ops/db/failover/');
		// The frontmatter title names the page in results and tabs; its own H1 stays its heading.
		expect(await fresh.title()).toMatch(/^Database failover · /);
		expect(await fresh.locator('.page-header h1').textContent()).toBe('Failover');
	}));

test('makes a table scroller focusable and named only while its table is wider than the screen', async () => {
	await page.goto(new URL('ops/', server.url).href);
	const wrapper = page.locator('.table-scroll').first();
	const state = () =>
		wrapper.evaluate((el) => ({
			tabindex: el.getAttribute('tabindex'),
			role: el.getAttribute('role'),
			label: el.getAttribute('aria-label'),
		}));
	// It fits a phone as written: a plain box that Tab and landmark lists skip.
	expect(await state()).toEqual({ tabindex: null, role: null, label: null });
	// A cell grows past the screen (as a long path would): the table now scrolls sideways.
	await wrapper.evaluate((el) => {
		const cell = el.querySelector('td code') as HTMLElement;
		cell.dataset['was'] = cell.textContent ?? '';
		cell.textContent =
			'/var/lib/postgresql/16/main/pg_wal/archive_status/000000010000000000000042.ready';
	});
	await expect.poll(state).toEqual({
		tabindex: '0',
		role: 'region',
		label: 'Paths with spaces table (scrolls sideways)',
	});
	await wrapper.evaluate((el) => {
		const cell = el.querySelector('td code') as HTMLElement;
		cell.textContent = cell.dataset['was'] ?? '';
	});
	await expect.poll(state).toEqual({ tabindex: null, role: null, label: null });
});

test('copies a multi-line command exactly, backslashes kept, from a 44 px button, and says so in a status region', async () => {
	await page.goto(new URL('ops/', server.url).href);
	const button = page.locator('.code-block .copy-button').first();
	const box = await button.boundingBox();
	expect(box?.height).toBeGreaterThanOrEqual(44);
	expect(box?.width).toBeGreaterThanOrEqual(44);
	expect(await page.locator('[role="status"][data-copy-status]').textContent()).toBe('');
	await button.click();
	await expect.poll(() => button.textContent()).toBe('Copied');
	expect(await page.locator('[role="status"][data-copy-status]').textContent()).toBe(
		'Copied to the clipboard',
	);
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	expect(copied).toBe(
		'pg_restore --clean \\\n  --dbname "$DB" \\\n  /backups/latest.dump\necho "C:\\new\\table"',
	);
});

/** Types a query into the search box (from an empty box) and waits for result links. */
async function searchFor(query: string): Promise<void> {
	await page.fill('#search-input', '');
	await page.focus('#search-input');
	await page.keyboard.type(query);
	await page.locator('#search-results li a').first().waitFor({ timeout: 10_000 });
}

test('says when search cannot load its index, and tries again on the next keystroke', () =>
	inFreshProfile(async (other) => {
		await other.route('**/pagefind/pagefind.js', (route) => route.abort('internetdisconnected'));
		await other.goto(new URL('ops/', server.url).href);
		await other.focus('#search-input');
		await other.keyboard.type('replica');
		await expect
			.poll(() => other.locator('#search-results .search-empty').textContent(), { timeout: 10_000 })
			.toBe('Search could not load. Check the connection and type again.');
		expect(await other.locator('#search-status').textContent()).toBe('Search could not load');
		await other.unroute('**/pagefind/pagefind.js');
		await other.keyboard.type('s');
		// Loading Pagefind and its index, then searching, can take seconds on a busy runner (expect.poll waits 1 s by default).
		await expect
			.poll(() => other.locator('#search-results li a').first().getAttribute('href'), {
				timeout: 10_000,
			})
			.toBe('/ops/db/failover/');
	}));

// The reader typed while an attempt asked offline was still on its way, and the connection came
// back before it failed: that failure is not the answer to those keystrokes.
test('a keystroke that joined an attempt to load search gets one of its own when that attempt fails', () =>
	inFreshProfile(async (other) => {
		let asked!: () => void;
		let fail!: () => void;
		const onItsWay = new Promise<void>((resolve) => (asked = resolve));
		const failing = new Promise<void>((resolve) => (fail = resolve));
		await other.route(
			'**/pagefind/pagefind.js',
			async (route) => {
				asked();
				await failing;
				await route.abort('internetdisconnected');
			},
			{ times: 1 },
		);
		await other.goto(new URL('ops/', server.url).href);
		await other.focus('#search-input');
		await onItsWay;
		await other.keyboard.type('replicas');
		fail();
		await expect
			.poll(() => other.locator('#search-results li a').first().getAttribute('href'), {
				timeout: 10_000,
			})
			.toBe('/ops/db/failover/');
	}));

test('says when the build published no search index, instead of blaming the connection', () =>
	inFreshProfile(async (other) => {
		// What a build whose Pagefind could not run publishes (integration/pagefind-index.ts `searchIndexOrNone`).
		await other.route('**/pagefind/**', (route) =>
			route.fulfill({ status: 404, body: 'Not found' }),
		);
		await other.goto(new URL('ops/', server.url).href);
		await other.focus('#search-input');
		await other.keyboard.type('replica');
		await expect
			.poll(() => other.locator('#search-results .search-empty').textContent(), { timeout: 10_000 })
			.toBe(
				'This build of the site has no search index. Use the navigation; whoever publishes the site finds why in its build log.',
			);
		expect(await other.locator('#search-status').textContent()).toBe('No search index');
	}));

test('closes search results when the reader picks one on the same page, or taps outside them', async () => {
	await page.goto(new URL('ops/db/failover/', server.url).href);
	const results = page.locator('#search-results');
	await page.focus('#search-input');
	await page.keyboard.type('roll back');
	const sameSection = page.locator('#search-results a[href="/ops/db/failover/#roll-back"]');
	await sameSection.waitFor({ timeout: 10_000 });
	await sameSection.tap();
	expect(page.url()).toMatch(/\/ops\/db\/failover\/#roll-back$/);
	// The heading it scrolled to is not under the list: the list is closed.
	expect(await results.isVisible()).toBe(false);
	// A tap back in the box shows the same results; a tap on the page closes them again.
	await page.click('#search-input');
	expect(await results.isVisible()).toBe(true);
	// Near the bottom of the screen, well below the open list.
	await page.mouse.click(195, 800);
	expect(await results.isVisible()).toBe(false);
	await page.fill('#search-input', '');
});

test('keeps open search results inside a phone screen', async () => {
	await page.goto(new URL('ops/', server.url).href);
	await searchFor('restore');
	expect(await page.isVisible('#search-results')).toBe(true);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	const box = await page.locator('#search-results').boundingBox();
	expect(box?.x).toBeGreaterThanOrEqual(0);
	expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390);
	// The `/` hint stays inside the field or is not shown at all.
	const key = await page.locator('.search-key').boundingBox();
	const field = await page.locator('#search-input').boundingBox();
	if (key && field) expect(key.y + key.height).toBeLessThanOrEqual(field.y + field.height);
});

test('moves through search results with the arrow keys, opens one with Enter and closes with Esc', async () => {
	await page.goto(new URL('ops/', server.url).href);
	await searchFor('failover');
	const links = page.locator('#search-results li a');
	expect(await links.count()).toBeGreaterThanOrEqual(2);
	const focusedHref = () =>
		page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.id);
	await page.keyboard.press('ArrowDown');
	expect(await focusedHref()).toBe(await links.nth(0).getAttribute('href'));
	await page.keyboard.press('ArrowDown');
	expect(await focusedHref()).toBe(await links.nth(1).getAttribute('href'));
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	expect(await focusedHref()).toBe('search-input');
	// Esc from a result closes the list and puts focus back in the field, query kept.
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Escape');
	expect(await page.isVisible('#search-results')).toBe(false);
	expect(await focusedHref()).toBe('search-input');
	expect(await page.inputValue('#search-input')).toBe('failover');
	// The arrow key opens the list again; Enter follows the focused result.
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	const target = await links.nth(1).getAttribute('href');
	expect(await focusedHref()).toBe(target);
	await page.keyboard.press('Enter');
	await page.waitForURL(`**${target ?? ''}`);
});

test('search excerpts carry page text, not page furniture', async () => {
	await page.goto(new URL('ops/', server.url).href);
	const excerpts = async (query: string) => {
		await searchFor(query);
		return page.locator('#search-results li p').allTextContents();
	};
	for (const query of ['table', 'first', 'writers']) {
		const found = await excerpts(query);
		expect(found.length, query).toBeGreaterThan(0);
		for (const excerpt of found)
			expect(excerpt, query).not.toMatch(/Copy|Status:|Owner|Note\b|Warning\b/);
	}
	expect(await page.locator('#search-results li a').first().textContent()).toBe('Operations hub');
});

// Last, so it covers every test above: theme, search, copy buttons, the table of contents.
test('runs the theme script, search and copy buttons under the CSP, which blocks an injected handler', async () => {
	expect(violations).toEqual([]);
	await page.evaluate(() =>
		document.body.insertAdjacentHTML(
			'beforeend',
			'<img src="/nowhere.png" onerror="document.body.dataset.injected = 1">',
		),
	);
	await expect.poll(() => violations.length).toBe(1);
	expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
	expect(violations[0]).toBe('CSP violation: script-src-attr inline');
});

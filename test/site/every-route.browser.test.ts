import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateGuidebookTree } from '../../bench/lib/guidebook-tree.mjs';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { repoRoot, runCli } from '../helpers/fixture.ts';
import { bundledSite } from '../helpers/bundled-site.ts';
import { builtRoutes, seriousViolations, viewports } from '../helpers/site-audit.ts';

/**
 * Every page of two built sites (the bundled guidebooks, and a generated 60-page tree with tables,
 * callouts, code and diagrams), audited in Chromium: axe-core on a phone and a laptop in both
 * themes (`combinations`), and the page's width on a 390 px phone.
 */

const generate = generateGuidebookTree as (
	dir: string,
	options: { pages: number },
) => Promise<unknown>;

interface BuiltSite {
	server: RunningServer;
	routes: string[];
}
const sites: Record<'bundled' | 'generated', BuiltSite | undefined> = {
	bundled: undefined,
	generated: undefined,
};
let tmp: string;
let browser: Browser;

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/every-route-'));
	await generate(join(tmp, 'tree'), { pages: 60 });
	const generated = join(tmp, 'generated-dist');
	const built = await runCli(['build', '--root', join(tmp, 'tree'), '--out', generated]);
	expect(built.code, built.stderr).toBe(0);
	for (const [name, out] of [
		['bundled', await bundledSite()],
		['generated', generated],
	] as const)
		sites[name] = {
			server: await startServer({ dir: out, port: 0, host: '127.0.0.1' }),
			routes: await builtRoutes(out),
		};
	browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
	await browser?.close();
	for (const site of Object.values(sites)) await site?.server.close();
	await rm(tmp, { recursive: true, force: true });
});

/** Opens each route of `site` in a fresh page of the given viewport and theme and collects `audit`'s lines. */
async function overRoutes(
	name: keyof typeof sites,
	viewport: keyof typeof viewports,
	theme: 'light' | 'dark',
	audit: (page: Page, route: string) => Promise<string[]>,
): Promise<string[]> {
	const site = sites[name];
	if (!site) throw new Error(`The ${name} site was not built`);
	// axe-core goes in as an inline script, which the server's Content-Security-Policy refuses.
	const context = await browser.newContext({
		...viewports[viewport],
		colorScheme: theme,
		bypassCSP: true,
	});
	try {
		// Two pages at once: the build project runs one file at a time, so Chromium's renderer has the
		// second core to itself; each route is still audited alone in its page.
		const routes = [...site.routes];
		const found = new Map<string, string[]>();
		const walk = async () => {
			const page = await context.newPage();
			for (let route = routes.shift(); route !== undefined; route = routes.shift()) {
				await page.goto(new URL(route.slice(1), site.server.url).href);
				found.set(
					route,
					(await audit(page, route)).map((line) => `${route} ${line}`),
				);
			}
		};
		await Promise.all([walk(), walk()]);
		return site.routes.flatMap((route) => found.get(route) ?? [`${route} was never audited`]);
	} finally {
		await context.close();
	}
}

/**
 * The viewports and themes each site is audited in: the bundled guidebooks in all four; the
 * generated tree, 60 pages of one generator's kinds of content, in the two that between them
 * cover each viewport and each theme. Every page is audited on a phone, the only place its width
 * is checked too.
 */
const combinations = {
	bundled: [
		['phone', 'light'],
		['phone', 'dark'],
		['desktop', 'light'],
		['desktop', 'dark'],
	],
	generated: [
		['phone', 'light'],
		['desktop', 'dark'],
	],
} as const satisfies Record<
	keyof typeof sites,
	ReadonlyArray<readonly [keyof typeof viewports, 'light' | 'dark']>
>;

/** A page wider than a 390 px phone, as a line. */
async function tooWide(page: Page): Promise<string[]> {
	const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);
	return width > 390 ? [`is ${width} px wide`] : [];
}

describe.each(['bundled', 'generated'] as const)('the %s site', (name) => {
	test('has at least one route per page, and the 404 page', () => {
		expect(sites[name]?.routes).toContain('/');
		expect(sites[name]?.routes).toContain('/404.html');
		expect(sites[name]?.routes.length).toBeGreaterThan(name === 'bundled' ? 15 : 60);
	});

	test.each(combinations[name])(
		'has no serious or critical axe violation on any page, and none wider than a 390 px phone (%s, %s theme)',
		async (viewport, theme) => {
			const audit = async (page: Page): Promise<string[]> => [
				...(await seriousViolations(page)),
				...(viewport === 'phone' ? await tooWide(page) : []),
			];
			expect(await overRoutes(name, viewport, theme, audit)).toEqual([]);
		},
		600_000,
	);
});

test.each(['light', 'dark'] as const)(
	'open search results have no serious or critical axe violation (%s theme)',
	async (theme) => {
		const site = sites.bundled;
		const context = await browser.newContext({
			...viewports.phone,
			colorScheme: theme,
			bypassCSP: true,
		});
		try {
			const page = await context.newPage();
			await page.goto(new URL('erp/', site?.server.url).href);
			await page.focus('#search-input');
			await page.keyboard.type('restore');
			await page.locator('#search-results li a').first().waitFor({ timeout: 10_000 });
			expect(await page.locator('#search-results mark').count()).toBeGreaterThan(0);
			expect(await seriousViolations(page)).toEqual([]);
		} finally {
			await context.close();
		}
	},
);

/** Opens `route` of the bundled site in a fresh page of the given viewport and hands it to `use`. */
async function onBundled<T>(
	route: string,
	viewport: keyof typeof viewports,
	use: (page: Page) => Promise<T>,
): Promise<T> {
	const context = await browser.newContext({ ...viewports[viewport], colorScheme: 'light' });
	try {
		const page = await context.newPage();
		await page.goto(new URL(route.slice(1), sites.bundled?.server.url).href);
		return await use(page);
	} finally {
		await context.close();
	}
}

test.each(['phone', 'desktop'] as const)(
	'moves focus in the order the screen shows the page (%s)',
	async (viewport) => {
		const outOfOrder = await onBundled('/erp/backup-and-recovery/', viewport, (page) =>
			page.evaluate(() => {
				// Focus stops in tab order (document order: the site sets no positive tabindex), each with
				// its box in page coordinates and the column it sits in on wide screens.
				const columns = ['.page-nav', '.page-main', '.page-toc'];
				const stops = [
					...document.querySelectorAll<HTMLElement>('a[href], button, input, [tabindex="0"]'),
				]
					.filter((element) => element.checkVisibility({ visibilityProperty: true }))
					.map((element) => {
						const box = element.getBoundingClientRect();
						const column = columns.findIndex((selector) => element.closest(selector));
						return {
							text: (element.textContent ?? element.id).trim().slice(0, 30),
							top: box.top + scrollY,
							bottom: box.bottom + scrollY,
							column,
						};
					});
				const wrong: string[] = [];
				for (let i = 1; i < stops.length; i++) {
					const [a, b] = [stops[i - 1], stops[i]];
					if (!a || !b) continue;
					const sameColumn = a.column === b.column || a.column < 0 || b.column < 0;
					if (!sameColumn && b.column < a.column)
						wrong.push(`${a.text} → ${b.text}: a column to the left`);
					else if (sameColumn && b.bottom <= a.top) wrong.push(`${a.text} → ${b.text}: above it`);
				}
				return { count: stops.length, wrong };
			}),
		);
		expect(outOfOrder.count).toBeGreaterThan(20);
		expect(outOfOrder.wrong).toEqual([]);
	},
);

test('keeps every focused control and every anchor clear of the sticky header and contents bar on a phone', async () => {
	const hidden = await onBundled('/erp/backup-and-recovery/', 'phone', async (page) => {
		const covered: string[] = [];
		const coverBottom = () =>
			page.evaluate(() =>
				Math.max(
					...[...document.querySelectorAll('.site-header, .page-bar')].map(
						(element) => element.getBoundingClientRect().bottom,
					),
				),
			);
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => {
				const element = document.activeElement as HTMLElement | null;
				// The skip link is drawn over the header on purpose.
				if (
					!element ||
					element === document.body ||
					element.closest('.site-header, .page-bar, .skip-link')
				)
					return undefined;
				return {
					text: (element.textContent ?? '').trim().slice(0, 30),
					top: element.getBoundingClientRect().top,
				};
			});
			if (focused && focused.top < (await coverBottom())) covered.push(`focus: ${focused.text}`);
		}
		const anchors = await page
			.locator('#page-bar-list a')
			.evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).hash));
		expect(anchors.length).toBeGreaterThan(3);
		for (const hash of anchors) {
			await page.evaluate((target) => (location.hash = target), hash);
			const top = await page.evaluate(
				(target) =>
					document.getElementById(decodeURIComponent(target.slice(1)))?.getBoundingClientRect()
						.top ?? -1,
				hash,
			);
			if (top < (await coverBottom())) covered.push(`anchor: ${hash}`);
		}
		return covered;
	});
	expect(hidden).toEqual([]);
});

test('names the section being read in the contents bar on a phone', async () => {
	const named = await onBundled('/erp/backup-and-recovery/', 'phone', async (page) => {
		const bar = page.locator('[data-page-bar-section]');
		const atTop = await bar.textContent();
		const link = page.locator('#page-bar-list a').nth(2);
		const [hash, text] = [
			await link.evaluate((element) => (element as HTMLAnchorElement).hash),
			await link.textContent(),
		];
		await page.evaluate((target) => (location.hash = target), hash);
		await expect.poll(() => bar.textContent()).toBe(text);
		return { atTop, barVisible: await page.locator('.page-bar').isVisible() };
	});
	expect(named).toEqual({ atTop: 'ERP backup and recovery', barVisible: true });
});

test('a search for "restore procedure" lands on the restore section, scrolled into view below the header', async () => {
	const landed = await onBundled('/', 'phone', async (page) => {
		await page.focus('#search-input');
		await page.keyboard.type('restore procedure');
		const first = page.locator('#search-results li a').first();
		await first.waitFor({ timeout: 10_000 });
		const announced = await page.locator('#search-status[role="status"]').textContent();
		const live = await page.locator('#search-results').getAttribute('aria-live');
		const label = await first.textContent();
		await page.keyboard.press('Enter');
		await page.waitForURL('**/erp/backup-and-recovery/#restore-procedure');
		await page.waitForFunction(() => scrollY > 0);
		const place = await page.evaluate(() => {
			const cover = Math.max(
				...[...document.querySelectorAll('.site-header, .page-bar')].map(
					(element) => element.getBoundingClientRect().bottom,
				),
			);
			const top = document.getElementById('restore-procedure')?.getBoundingClientRect().top ?? -1;
			return {
				belowCover: top >= cover,
				onScreen: top < innerHeight / 2,
				scrolled: scrollY > 1000,
			};
		});
		return { announced, live, label, place };
	});
	expect(landed).toEqual({
		announced: expect.stringMatching(/^\d+ results$/) as string,
		live: null,
		label: 'ERP backup and recovery › Restore procedure',
		place: { belowCover: true, onScreen: true, scrolled: true },
	});
});

test('search finds the word "flowchart" where pages write about it, never in a diagram\'s source', async () => {
	const pages = await onBundled('/', 'desktop', async (page) => {
		await page.focus('#search-input');
		await page.keyboard.type('flowchart');
		await page.locator('#search-results li a').first().waitFor({ timeout: 10_000 });
		const hrefs = await page
			.locator('#search-results li a')
			.evaluateAll((links) =>
				links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
			);
		return [...new Set(hrefs)];
	});
	// The ERP, Odoo, CRM and Gigafibre guidebooks draw flowcharts; only the guides for authors write the word.
	expect(pages.sort()).toEqual(['/configuration/', '/rules/', '/writing-guidebooks/']);
});

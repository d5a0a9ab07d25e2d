import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../config/load-config.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { buildFixture, removeFixture, writeFixture } from '../helpers/fixture.ts';
import { startLoopback, type Loopback } from './loopback.ts';

// Status a reader can trust: a widget whose feed is lost or whose result is overdue says so in
// words; reconnects back off; /status/ puts problems first and the header badge counts them.
let lb: Loopback;
let root: string;
let outDir: string;
let browser: Browser;

type Serve = { server: RunningServer; stop(): Promise<void> };
async function serve(port = 0): Promise<Serve> {
	const config = parseConfig({ network: { dnsServers: [lb.dns.server] } });
	const status = (await startServeStatus({
		dir: outDir,
		cwd: root,
		config,
		database: ':memory:',
		env: {},
	}))!;
	const server = await startServer({
		dir: outDir,
		port,
		host: '127.0.0.1',
		handlers: [status.handler],
	});
	return { server, stop: async () => void (await Promise.all([server.close(), status.stop()])) };
}

beforeAll(async () => {
	lb = await startLoopback();
	// `interval: 10s`, the shortest a probe may declare; first runs come within serve's 5 s start spread.
	const probe = (id: string, path: string) =>
		`  - id: ${id}\n    name: ${id}\n    http: http://app.test.lab:${lb.httpPort}${path}\n    conditions: ["[STATUS] == 200"]\n    interval: 10s\n    timeout: 1s\n`;
	root = await writeFixture({
		'README.md': '# Home\n\n[App](app.md)\n',
		'app.md': `---\nprobes:\n${probe('app-health', '/flip')}${probe('app-broken', '/missing')}---\n\n# App\n\nHealth: :status{probe=app-health}\n\n::status{probe=app-health}\n`,
	});
	const built = await buildFixture(root);
	if (built.code !== 0) throw new Error(built.stderr);
	outDir = built.outDir;
	browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await lb.close();
	await removeFixture(root);
	await removeFixture(outDir);
});

const badge = (page: Page) => page.locator('.prose .wm-badge[data-probe="app-health"]');

test('says "Last known: Up · feed lost at …" within two intervals of the server stopping', async () => {
	const live = await serve();
	const page = await browser.newPage();
	await page.goto(`${live.server.url}app/`);
	await expect
		.poll(() => badge(page).locator('.wm-state').textContent(), { timeout: 10_000 })
		.toBe('Up');
	// Positive control: a current result says nothing more.
	expect(await badge(page).locator('.wm-fresh').textContent()).toBe('');
	expect(await badge(page).getAttribute('data-fresh')).toBe('fresh');
	await live.stop();
	const stopped = performance.now();
	await expect
		.poll(() => badge(page).getAttribute('data-fresh'), { timeout: 2000, interval: 50 })
		.toBe('lost');
	expect(performance.now() - stopped).toBeLessThan(2000);
	expect(await badge(page).locator('.wm-state').textContent()).toBe('Last known: Up');
	expect(await badge(page).locator('.wm-fresh').textContent()).toMatch(
		/^ · feed lost at \d\d:\d\d UTC$/,
	);
	const card = page.locator('.prose .wm-card[data-probe="app-health"]');
	expect(await card.locator('.wm-card-title').textContent()).toMatch(
		/^app-health Last known: Up · feed lost at \d\d:\d\d UTC$/,
	);
	expect(await page.locator('.wm-strip-list li').first().textContent()).toMatch(
		/^Live status \(feed lost at \d\d:\d\d UTC\):$/,
	);
	// Greyed: the widget's colour is the theme's "unknown" grey, not green.
	expect(await badge(page).evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
	await page.close();
});

test('backs off through a 60 s outage with a handful of attempts and console messages, then recovers', async () => {
	const live = await serve();
	const port = Number(new URL(live.server.url).port);
	const page = await browser.newPage();
	await page.clock.install();
	const messages: string[] = [];
	page.on('console', (m) => messages.push(m.text()));
	page.on('pageerror', (e) => messages.push(e.message));
	const attempts: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/_waymark/')) attempts.push(r.url());
	});
	await page.goto(`${live.server.url}app/`);
	await expect
		.poll(() => badge(page).locator('.wm-state').textContent(), { timeout: 10_000 })
		.toBe('Up');
	await live.stop();
	await expect.poll(() => badge(page).getAttribute('data-fresh'), { timeout: 2000 }).toBe('lost');
	attempts.length = 0;
	messages.length = 0;
	// 60 s of page time, a second at a time, with real time between for the requests to fail.
	for (let s = 0; s < 60; s += 1) {
		await page.clock.runFor(1000);
		await page.waitForTimeout(40);
	}
	console.info(`60 s outage: ${attempts.length} attempts, ${messages.length} console messages`);
	expect(attempts.length).toBeGreaterThanOrEqual(4);
	expect(attempts.length).toBeLessThanOrEqual(7);
	expect(messages.length).toBeLessThanOrEqual(7);
	expect(await badge(page).locator('.wm-state').textContent()).toBe('Last known: Up');
	// The server comes back on the same port: the next attempt (at most 60 s later) finds it.
	const again = await serve(port);
	for (let s = 0; s < 61 && (await badge(page).getAttribute('data-fresh')) === 'lost'; s += 1) {
		await page.clock.runFor(1000);
		await page.waitForTimeout(40);
	}
	await expect
		.poll(() => page.locator('.wm-strip-list li').first().textContent(), { timeout: 5000 })
		.toBe('Live status:');
	// The page's clock ran 60 s ahead of the server's, so the results it gets now read as overdue:
	// "checked", not "feed lost". The new server probes within its first 5 s, after the feed is up.
	await expect
		.poll(() => badge(page).locator('.wm-fresh').textContent(), { timeout: 10_000 })
		.toMatch(/^ · checked \d\d:\d\d UTC, \d+ (s|min) ago, overdue$/);
	await page.close();
	await again.stop();
});

test('says a result is overdue once it is older than two intervals', async () => {
	const live = await serve();
	const page = await browser.newPage();
	await page.clock.install();
	await page.goto(`${live.server.url}app/`);
	await expect
		.poll(() => badge(page).locator('.wm-state').textContent(), { timeout: 10_000 })
		.toBe('Up');
	expect(await badge(page).getAttribute('data-fresh')).toBe('fresh');
	// The page's clock runs ahead of the server's results: no result is newer than 25 s any more.
	await page.clock.fastForward(25_000);
	await expect
		.poll(() => badge(page).getAttribute('data-fresh'), { timeout: 3000 })
		.toBe('overdue');
	expect(await badge(page).locator('.wm-state').textContent()).toBe('Last known: Up');
	expect(await badge(page).locator('.wm-fresh').textContent()).toMatch(
		/^ · checked \d\d:\d\d UTC, \d+ s ago, overdue$/,
	);
	await page.close();
	await live.stop();
});

test('orders /status/ problems first and counts them in the header badge', async () => {
	const live = await serve();
	const page = await browser.newPage();
	await page.goto(`${live.server.url}status/`);
	const ids = () =>
		page
			.locator('.wm-list > .wm-row')
			.evaluateAll((rows) =>
				rows.map((r) => `${r.getAttribute('data-probe')} ${r.getAttribute('data-state')}`),
			);
	await expect.poll(ids, { timeout: 15_000 }).toEqual(['app-broken down', 'app-health up']);
	const link = page.locator('.site-header a.site-status');
	expect(await link.locator('.wm-overall').textContent()).toBe('1 down');
	expect(await link.getAttribute('aria-label')).toBe('Status: 1 down, 1 up');
	expect(await page.locator('.wm-summary').textContent()).toBe('1 down, 1 up.');
	expect(
		(await page.locator('.wm-snapshot-time').evaluate((el) => el.parentElement!.textContent))
			.replace(/\s+/g, ' ')
			.trim(),
	).toBe('Updating live. Problems come first; each probe links the page it belongs to.');
	// The row gives its page and its reason.
	const broken = page.locator('.wm-row[data-probe="app-broken"]');
	expect(await broken.locator('a').getAttribute('href')).toBe('/app/');
	expect(await broken.locator('.wm-reason').textContent()).toBe('[STATUS] (404) == 200');
	// It re-orders when a state changes.
	lb.state.up = false;
	await expect.poll(ids, { timeout: 15_000 }).toEqual(['app-broken down', 'app-health down']);
	await expect
		.poll(() => link.locator('.wm-overall').textContent(), { timeout: 15_000 })
		.toBe('2 down');
	lb.state.up = true;
	await page.close();
	await live.stop();
});

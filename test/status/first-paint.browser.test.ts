import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../config/load-config.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { holdRequests, launchBrowser } from '../helpers/browser.ts';
import { firstFiveSeconds } from '../helpers/first-paint.ts';
import { buildFixture, removeFixture, writeFixture } from '../helpers/fixture.ts';
import { startLoopback, type Loopback } from './loopback.ts';

// The first paint under `waymark serve` is already live: serve writes the current state into the
// HTML it sends, so nothing shifts when the event stream connects.
let lb: Loopback;
let root: string;
let outDir: string;
let browser: Browser;
let server: RunningServer;
let staticCopy: RunningServer;
let status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;

beforeAll(async () => {
	lb = await startLoopback();
	// `/readyz` answers 503 (the stand-in is not ready), `/healthz` 200.
	const probe = (id: string, name: string, path: string) =>
		`  - id: ${id}\n    name: ${name}\n    http: http://app.test.lab:${lb.httpPort}${path}\n    conditions: ["[STATUS] == 200"]\n    interval: 10s\n    timeout: 1s\n`;
	root = await writeFixture({
		'README.md': '# Home\n\n[App](app.md)\n',
		'app.md': `---\nprobes:\n${probe('app-ready', 'App readiness', '/readyz')}${probe('app-health', 'App health', '/healthz')}---\n\n# App\n\nReadiness: :status{probe=app-ready} and health :status{probe=app-health}.\n\n::status{probe=app-ready}\n\nThe rest of the page.\n`,
	});
	const built = await buildFixture(root);
	if (built.code !== 0) throw new Error(built.stderr);
	outDir = built.outDir;
	const config = parseConfig({ network: { dnsServers: [lb.dns.server] } });
	status = (await startServeStatus({
		dir: outDir,
		cwd: root,
		config,
		database: ':memory:',
		env: {},
	}))!;
	await status.check('app-ready');
	await status.check('app-health');
	server = await startServer({
		dir: outDir,
		port: 0,
		host: '127.0.0.1',
		handlers: [status.handler],
		pageTransform: status.paintPage,
	});
	staticCopy = await startServer({ dir: outDir, port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
	await browser?.close();
	await server?.close();
	await staticCopy?.close();
	await status?.stop();
	await lb.close();
	await removeFixture(root);
	await removeFixture(outDir);
});

const stateOf = (html: string, selector: RegExp): string | undefined => selector.exec(html)?.[1];
const badgeState =
	/<span class="wm-status wm-badge" data-probe="app-ready"[^>]*>.*?<span class="wm-state"[^>]*>([^<]*)<\/span>/s;

test('a plain GET of a page under serve already says the live state', async () => {
	const response = await fetch(`${server.url}app/`);
	const html = await response.text();
	expect(stateOf(html, badgeState)).toBe('Down');
	expect(html).toMatch(/<span class="wm-status wm-badge" data-probe="app-ready" data-state="down"/);
	expect(html).toMatch(
		/<div class="wm-status wm-card" data-probe="app-ready" data-state="down"[^>]*>.*?<p class="wm-reason"[^>]*>\[STATUS\] \(503\) == 200<\/p>/s,
	);
	expect(html).toMatch(
		/<span class="wm-overall" data-state="down"><span class="wm-overall-text">1 down<\/span>/,
	);
	expect(html).toContain('<script type="application/json" id="wm-status-data">');
	// A live page is never answered from a cache: its body changes with the state.
	expect(response.headers.get('cache-control')).toBe('no-store');
	expect(response.headers.get('etag')).toBeNull();
	expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(html));
	// Positive control: the file on disk, and a static copy, keep the build-time snapshot.
	const onDisk = await readFile(join(outDir, 'app/index.html'), 'utf8');
	expect(stateOf(onDisk, badgeState)).toBe('Unknown');
	expect(onDisk).not.toContain('wm-status-data');
	expect(stateOf(await (await fetch(`${staticCopy.url}app/`)).text(), badgeState)).toBe('Unknown');
});

test('/status/ under serve is sent problems first, with the summary and "Updating live."', async () => {
	const html = await (await fetch(`${server.url}status/`)).text();
	expect(
		[
			...html.matchAll(/<li class="wm-status wm-row" data-probe="([^"]+)" data-state="([^"]+)"/g),
		].map((m) => `${m[1]} ${m[2]}`),
	).toEqual(['app-ready down', 'app-health up']);
	expect(html).toMatch(/<p class="wm-summary" role="status">1 down, 1 up\.<\/p>/);
	expect(html).toContain('<span class="wm-snapshot-time" data-form="page">Updating live.</span>');
});

const viewports = [
	[390, 844],
	[1280, 800],
] as const;

for (const [width, height] of viewports) {
	test(`the first paint at ${width} px is live and nothing shifts in 5 s (/app/, /status/), with no CSP violation`, async () => {
		for (const path of ['/app/', '/status/']) {
			const paint = await firstFiveSeconds(browser, `${server.url}${path.slice(1)}`, width, height);
			console.info(
				`serve ${path} at ${width}x${height}: CLS ${paint.cls.toFixed(4)} ${JSON.stringify(paint.shifts)}`,
			);
			expect(paint.violations).toEqual([]);
			expect(paint.cls).toBeLessThan(0.02);
			// After 5 s with the event stream connected, the state is still the one first painted.
			const first =
				path === '/app/'
					? paint.page.locator('.prose .wm-badge[data-probe="app-ready"] .wm-state')
					: paint.page.locator('.wm-row[data-probe="app-ready"] .wm-state');
			expect(await first.textContent()).toBe('Down');
			await paint.page.context().close();
		}
	});
}

test('the first paint is live before any script runs', async () => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 390, height: 844 },
	});
	const page = await context.newPage();
	await page.goto(`${server.url}app/`);
	expect(
		await page.locator('.prose .wm-badge[data-probe="app-ready"] .wm-state').textContent(),
	).toBe('Down');
	expect(await page.locator('.site-header .wm-overall').textContent()).toBe('1 down');
	// Positive control: the static copy shows the build-time snapshot.
	await page.goto(`${staticCopy.url}app/`);
	expect(
		await page.locator('.prose .wm-badge[data-probe="app-ready"] .wm-state').textContent(),
	).toBe('Unknown');
	await context.close();
});

const widgetTexts = (page: Page) =>
	page
		.locator('.wm-status, .wm-overall, .wm-summary, .wm-snapshot-time')
		.evaluateAll((els) =>
			els.map((el) => `${el.getAttribute('data-state') ?? ''} ${el.textContent}`),
		);

test('keeps the words the page was built with until the first snapshot arrives: never "No probes"', async () => {
	const bare = await browser.newContext({ javaScriptEnabled: false });
	const builtPage = await bare.newPage();
	await builtPage.goto(`${staticCopy.url}app/`);
	const built = {
		texts: await widgetTexts(builtPage),
		fresh: await builtPage.locator('.wm-status[data-fresh]').count(),
	};
	await bare.close();
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	try {
		const page = await context.newPage();
		const { asked, release } = await holdRequests(page, '**/_waymark/status.json');
		await page.goto(`${staticCopy.url}app/`);
		// The script is running and waiting for its snapshot: the page still says what it was built with.
		await asked;
		await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
		expect(await widgetTexts(page)).toEqual(built.texts);
		expect(await page.locator('.site-status .wm-overall-text').textContent()).toBe('2 unknown');
		expect(await page.locator('.wm-status[data-fresh]').count()).toBe(built.fresh);
		release();
		// Positive control: the snapshot arrives and the script marks every widget's freshness.
		await expect
			.poll(() => page.locator('.wm-status[data-fresh]').count())
			.toBeGreaterThan(built.fresh);
		expect(await page.locator('.site-status .wm-overall-text').textContent()).toBe('2 unknown');
	} finally {
		await context.close();
	}
});

test('a static copy does not change its widgets when its script runs: the build wrote the words the script gives it', async () => {
	for (const [width, height] of viewports) {
		for (const path of ['/app/', '/status/']) {
			const bare = await browser.newContext({
				javaScriptEnabled: false,
				viewport: { width, height },
			});
			const built = await bare.newPage();
			await built.goto(`${staticCopy.url}${path.slice(1)}`);
			const before = await widgetTexts(built);
			await bare.close();
			const paint = await firstFiveSeconds(
				browser,
				`${staticCopy.url}${path.slice(1)}`,
				width,
				height,
			);
			console.info(
				`static ${path} at ${width}x${height}: CLS ${paint.cls.toFixed(4)} ${JSON.stringify(paint.shifts)}`,
			);
			// Positive control: the script ran (it marks each widget's freshness).
			expect(await paint.page.locator('.wm-status[data-fresh]').count()).toBeGreaterThan(0);
			expect(await widgetTexts(paint.page), `${path} ${width}`).toEqual(before);
			expect(paint.cls).toBeLessThan(0.02);
			await paint.page.context().close();
		}
	}
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseConfig } from '../../config/load-config.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { holdRequests, launchBrowser } from '../helpers/browser.ts';
import { buildFixture, removeFixture, writeFixture } from '../helpers/fixture.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let lb: Loopback;
let root: string;
let outDir: string;
let server: RunningServer;
let status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;
let browser: Browser;

beforeAll(async () => {
	lb = await startLoopback();
	root = await writeFixture({
		'README.md': '# Home\n\n[App](app.md)\n',
		'app.md': `---\nprobes:\n  - id: app-health\n    name: App health\n    http: http://app.test.lab:${lb.httpPort}/flip\n    conditions: ["[STATUS] == 200"]\n    interval: 10s\n    timeout: 1s\n---\n\n# App\n\nHealth: :status{probe=app-health}\n`,
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
	server = await startServer({
		dir: outDir,
		port: 0,
		host: '127.0.0.1',
		handlers: [status.handler],
	});
	browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await server?.close();
	await status?.stop();
	await lb.close();
	await removeFixture(root);
	await removeFixture(outDir);
});

// Probes run at most every 10 s; the tests run a check themselves instead of waiting for the timer.
test('a badge turns from up to down within 2 s of a check that fails', async () => {
	const page = await browser.newPage();
	await page.goto(`${server.url}app/`);
	const badge = page.locator('.prose .wm-badge[data-probe="app-health"]');
	await status.check('app-health');
	await expect.poll(() => badge.locator('.wm-state').textContent(), { timeout: 5000 }).toBe('Up');
	lb.state.up = false;
	const flipped = performance.now();
	await status.check('app-health');
	await expect
		.poll(() => badge.getAttribute('data-state'), { timeout: 2000, interval: 50 })
		.toBe('down');
	expect(performance.now() - flipped).toBeLessThan(2000);
	expect(await badge.locator('.wm-state').textContent()).toBe('Down');
	expect(await badge.getAttribute('title')).toBe('[STATUS] (503) == 200');
	expect(await badge.locator('.wm-reason').textContent()).toBe('[STATUS] (503) == 200');
	await page.close();
	lb.state.up = true;
});

test('shows a result published after the page read status.json but before its event stream opened', async () => {
	lb.state.up = true;
	await status.check('app-health');
	const page = await browser.newPage();
	// Hold the stream's request: the check below lands in the gap a busy server or network leaves.
	const stream = await holdRequests(page, '**/_waymark/events');
	await page.goto(`${server.url}app/`);
	await stream.asked;
	const badge = page.locator('.prose .wm-badge[data-probe="app-health"]');
	expect(await badge.getAttribute('data-state')).toBe('up');
	lb.state.up = false;
	try {
		await status.check('app-health');
		stream.release();
		await expect.poll(() => badge.getAttribute('data-state'), { timeout: 5000 }).toBe('down');
	} finally {
		await page.close();
		lb.state.up = true;
		await status.check('app-health');
	}
});

test('falls back to polling when serve closes the event stream (a reader too far behind), and still updates within 2 s', async () => {
	const config = parseConfig({ network: { dnsServers: [lb.dns.server] } });
	const own = (await startServeStatus({
		dir: outDir,
		cwd: root,
		config,
		database: ':memory:',
		env: {},
	}))!;
	const ownServer = await startServer({
		dir: outDir,
		port: 0,
		host: '127.0.0.1',
		handlers: [own.handler],
	});
	const page = await browser.newPage();
	try {
		await page.goto(`${ownServer.url}app/`);
		const badge = page.locator('.prose .wm-badge[data-probe="app-health"]');
		await own.check('app-health');
		await expect.poll(() => badge.getAttribute('data-state'), { timeout: 5000 }).toBe('up');
		await expect.poll(() => own.hub.size, { timeout: 5000 }).toBe(1);
		// The server ends the stream, as the hub does with one whose reader fell past its limit.
		own.hub.close();
		lb.state.up = false;
		await own.check('app-health');
		await expect
			.poll(() => badge.getAttribute('data-state'), { timeout: 2000, interval: 50 })
			.toBe('down');
	} finally {
		lb.state.up = true;
		await page.close();
		await ownServer.close();
		await own.stop();
	}
});

test('falls back to polling when the event stream is refused, and still updates within 2 s', async () => {
	const config = parseConfig({
		network: { dnsServers: [lb.dns.server] },
		status: { maxEventClients: 1 },
	});
	const capped = (await startServeStatus({
		dir: outDir,
		cwd: root,
		config,
		database: ':memory:',
		env: {},
	}))!;
	const cappedServer = await startServer({
		dir: outDir,
		port: 0,
		host: '127.0.0.1',
		handlers: [capped.handler],
	});
	const holder = new AbortController();
	await fetch(`${cappedServer.url}_waymark/events`, { signal: holder.signal });
	const page = await browser.newPage();
	await page.goto(`${cappedServer.url}app/`);
	const badge = page.locator('.prose .wm-badge[data-probe="app-health"]');
	await capped.check('app-health');
	await expect.poll(() => badge.getAttribute('data-state'), { timeout: 5000 }).toBe('up');
	lb.state.up = false;
	await capped.check('app-health');
	await expect
		.poll(() => badge.getAttribute('data-state'), { timeout: 2000, interval: 50 })
		.toBe('down');
	lb.state.up = true;
	holder.abort();
	await page.close();
	await cappedServer.close();
	await capped.stop();
});

test('says "Live status:" and "Updating live." while serve updates the page', async () => {
	const page = await browser.newPage();
	await page.goto(`${server.url}app/`);
	const lead = page.locator('.wm-strip-list li').first();
	await expect.poll(() => lead.textContent(), { timeout: 5000 }).toBe('Live status:');
	await page.goto(`${server.url}status/`);
	await expect
		.poll(() => page.locator('.wm-snapshot-time').textContent(), { timeout: 5000 })
		.toBe('Updating live.');
	const checked = page.locator('.wm-row .wm-time');
	await expect
		.poll(() => checked.getAttribute('datetime'), { timeout: 5000 })
		.toMatch(/^\d{4}-\d\d-\d\dT/);
	await page.close();
});

test('puts the latency chart under the probe name on a phone', async () => {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
	});
	const page = await context.newPage();
	await page.goto(`${server.url}status/`);
	const row = page.locator('.wm-row[data-probe="app-health"]');
	await expect.poll(() => row.locator('.wm-history svg').count(), { timeout: 5000 }).toBe(1);
	const name = await row.locator('.wm-name').boundingBox();
	const chart = await row.locator('.wm-history').boundingBox();
	expect(chart!.y).toBeGreaterThanOrEqual(name!.y + name!.height - 1);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await context.close();
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startDemoSite, type DemoSite } from '../helpers/demo-site.ts';
import { firstFiveSeconds } from '../helpers/first-paint.ts';
import { waitFor } from '../helpers/prometheus.ts';

// What `npm start` shows (`startDemoSite`).
let running: DemoSite;
let demo: DemoSite['demo'];
let status: DemoSite['status'];
let site: DemoSite['site'];
let browser: Browser;
/** Every Content-Security-Policy violation seen on the pages below: serve's CSP is in force. */
const violations: string[] = [];

/** A page that reports anything `waymark serve`'s Content-Security-Policy blocks. */
async function newPage(): Promise<Page> {
	const page = await browser.newPage();
	await page.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
		),
	);
	page.on(
		'console',
		(m) => void (m.text().startsWith('CSP violation') && violations.push(m.text())),
	);
	return page;
}

beforeAll(async () => {
	({ demo, status, site } = running = await startDemoSite());
	// The stand-in Alertmanager's first answer and every probe's first run (spread over 5 s), which
	// serve paints into the pages it sends.
	const settled = (): boolean =>
		status.snapshot().alerts?.state === 'ok' &&
		status.snapshot().probes.every((p) => p.checkedAt !== null);
	await waitFor(
		'the stand-in Alertmanager and every probe',
		() => Promise.resolve(settled() || undefined),
		10_000,
	);
	browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
	await browser?.close();
	await running?.close();
});

test('shows a firing alert on a bundled runbook, labelled as a demo', async () => {
	const page = await newPage();
	await page.goto(`${site.url}erp/backup-and-recovery/`);
	const banner = page.locator('.wm-alert-banner');
	await expect
		.poll(() => banner.locator('.wm-firing-item .wm-alert-name').textContent(), { timeout: 10_000 })
		.toBe('DolibarrBackupMissing');
	expect(await banner.locator('.wm-alerts-demo').isVisible()).toBe(true);
	expect(await banner.locator('.wm-alerts-demo').textContent()).toBe(
		'Demo: these alerts come from a loopback stand-in Alertmanager on this machine, not from a real one.',
	);
	expect(await banner.locator('.wm-now-text').textContent()).toMatch(/^Firing: 1 instance since /);
	expect(
		await page.locator('.wm-alert[data-alert="DolibarrBackupMissing"] .wm-now-text').textContent(),
	).toMatch(/^Firing: 1 instance since /);
	await page.goto(`${site.url}erp/operations/`);
	await expect
		.poll(
			() =>
				page.locator('.wm-alert[data-alert="DolibarrVolumeAlmostFull"] .wm-now-text').textContent(),
			{ timeout: 10_000 },
		)
		.toMatch(/^Silenced: 1 instance since /);
	expect(
		await page.locator('.wm-alert[data-alert="DolibarrApiDown"] .wm-now-text').textContent(),
	).toBe('Not firing');
	await page.close();
});

test('fires the CRM readiness alert on its runbook while the CRM stand-in answers 503', async () => {
	const page = await newPage();
	await page.goto(`${site.url}crm/troubleshooting/`);
	const item = page.locator('.wm-alert-banner .wm-firing-item');
	await expect
		.poll(() => page.locator('.wm-alert[data-alert="CrmApiNotReady"] .wm-now-text').textContent(), {
			timeout: 10_000,
		})
		.toBe('Not firing');
	demo.state.crmReady = false;
	await expect
		.poll(() => item.locator('.wm-alert-name').textContent(), { timeout: 10_000 })
		.toBe('CrmApiNotReady');
	demo.state.crmReady = true;
	await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
	await page.close();
});

test('runs the alerts banner and panel under the CSP of `waymark serve` without a violation', async () => {
	const page = await newPage();
	const response = await page.goto(`${site.url}erp/backup-and-recovery/`);
	expect(response?.headers()['content-security-policy']).toMatch(
		/script-src 'self' 'wasm-unsafe-eval' 'sha256-/,
	);
	await expect
		.poll(() => page.locator('.wm-alert-banner .wm-firing-item').count(), { timeout: 10_000 })
		.toBe(1);
	// Control: an inline handler, which the CSP blocks, is reported.
	await page.evaluate(() => {
		const img = document.createElement('img');
		img.setAttribute('onerror', 'void 0');
		img.src = 'data:,';
		document.body.append(img);
	});
	await expect.poll(() => violations.length).toBeGreaterThan(0);
	// The control's, and nothing from the pages of this file.
	expect(violations).toEqual(['CSP violation: script-src-attr inline']);
	await page.close();
});

test('a plain GET of a runbook with a firing alert already shows the banner', async () => {
	const html = await (await fetch(`${site.url}erp/backup-and-recovery/`)).text();
	const banner = /<div class="wm-alerts wm-alert-banner"[^>]*>.*?<\/div>/s.exec(html)?.[0] ?? '';
	expect(banner).toMatch(/data-state="firing"/);
	expect(banner).not.toMatch(/\shidden[\s>]/);
	expect(banner).toMatch(/<strong class="wm-alert-name">DolibarrBackupMissing<\/strong>/);
	expect(banner).toMatch(/<span class="wm-now-text">Firing: 1 instance since [^<]+<\/span>/);
	expect(html).toMatch(
		/<li class="wm-alert" data-alert="DolibarrBackupMissing"[^>]*data-state="firing"/,
	);
	// The home page lists it under "Firing now", with a link to its runbook.
	const home = await (await fetch(site.url)).text();
	expect(home).toMatch(
		/<ul class="wm-firing-list"><li class="wm-firing-item" data-state="firing" data-alert="DolibarrBackupMissing">/,
	);
	expect(home).toMatch(/Runbook: <a href="\/erp\/backup-and-recovery\/[^"]*">/);
	// Positive control: the file on disk keeps the banner empty and hidden.
	const onDisk = await readFile(join(running.dist, 'erp/backup-and-recovery/index.html'), 'utf8');
	expect(/<div class="wm-alerts wm-alert-banner"[^>]*>/.exec(onDisk)?.[0]).toMatch(/\shidden/);
	expect(/<div class="wm-alerts wm-alert-banner".*?<\/div>/s.exec(onDisk)?.[0]).not.toContain(
		'wm-firing-item',
	);
});

test('nothing shifts in the first 5 s at 390 px on the home page and a runbook with a firing alert, with no CSP violation', async () => {
	for (const path of ['/', '/erp/backup-and-recovery/']) {
		const { page, ...paint } = await firstFiveSeconds(
			browser,
			`${site.url}${path.slice(1)}`,
			390,
			844,
		);
		console.info(
			`demo ${path} at 390x844: CLS ${paint.cls.toFixed(4)} ${JSON.stringify(paint.shifts)}`,
		);
		expect(paint.violations).toEqual([]);
		expect(paint.cls).toBeLessThan(0.02);
		// Positive control: the alert is on the page, as painted, after the script ran.
		const item =
			path === '/'
				? page.locator('.wm-firing-now .wm-firing-item[data-alert="DolibarrBackupMissing"]')
				: page.locator('.wm-alert-banner .wm-firing-item .wm-alert-name');
		expect(await item.count()).toBe(1);
		await page.context().close();
	}
});

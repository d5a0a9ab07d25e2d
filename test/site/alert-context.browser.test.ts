import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startDemoSite, type DemoSite } from '../helpers/demo-site.ts';
import { waitFor } from '../helpers/prometheus.ts';

// What `npm start` shows (`startDemoSite`): its stand-in Alertmanager fires DolibarrBackupMissing
// with a runbook_url that carries its labels.
const alertLink =
	'erp/backup-and-recovery/?alertname=DolibarrBackupMissing&cronjob=erp-db-backup&namespace=erp#take-a-backup-on-demand';
let running: DemoSite;
let site: DemoSite['site'];
let browser: Browser;
const violations: string[] = [];

beforeAll(async () => {
	({ site } = running = await startDemoSite());
	await waitFor(
		'the stand-in Alertmanager',
		() => Promise.resolve(running.status.snapshot().alerts?.state === 'ok' || undefined),
		10_000,
	);
	browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
	await browser?.close();
	await running?.close();
});

async function reader(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ javaScriptEnabled });
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: new URL(site.url).origin,
	});
	await context.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
		),
	);
	const page = await context.newPage();
	page.on(
		'console',
		(m) => void (m.text().startsWith('CSP violation') && violations.push(m.text())),
	);
	return { context, page };
}

/** The on-demand backup block: its text as shown, and its copy button. */
const backupBlock = (page: Page) => page.locator('.code-block', { hasText: 'create job' });

test('opens a bundled runbook from its alert link with the commands filled, marked, listed and copied as shown', async () => {
	const { context, page } = await reader();
	await page.goto(new URL(alertLink, site.url).href);
	const block = backupBlock(page);
	await expect.poll(() => block.locator('.wm-ph[data-state="filled"]').count()).toBe(4);
	expect(await block.locator('pre').innerText()).toContain(
		'kubectl -n erp create job --from=cronjob/erp-db-backup "$JOB"\nkubectl -n erp wait',
	);
	expect(await block.locator('.wm-ph').first().getAttribute('title')).toBe(
		"From the alert's `namespace` label",
	);
	expect(await page.locator('.wm-context-head').innerText()).toBe(
		'Opened from alert DolibarrBackupMissing: cronjob=erp-db-backup, namespace=erp.',
	);
	expect(await page.locator('.wm-context-clear a').getAttribute('href')).toBe(
		'?waymark-labels=off',
	);
	await block.locator('.copy-button').click();
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	expect(copied).toBe(
		`JOB=erp-backup-manual-$(date +%Y%m%d-%H%M)\nkubectl -n erp create job --from=cronjob/erp-db-backup "$JOB"\nkubectl -n erp wait --for=condition=complete "job/$JOB" --timeout=15m\nkubectl -n erp logs "job/$JOB"`,
	);
	// Positive control for the marks: the page as written keeps its placeholders visibly unfilled.
	await page.goto(new URL('erp/backup-and-recovery/?waymark-labels=off', site.url).href);
	await expect.poll(() => backupBlock(page).locator('.wm-ph[data-state="filled"]').count()).toBe(0);
	expect(await backupBlock(page).locator('pre').innerText()).toContain(
		'kubectl -n <namespace> create job --from=cronjob/<cronjob> "$JOB"',
	);
	expect(violations).toEqual([]);
	await context.close();
});

test('leaves hostile label values out of the command: the copy is the command as written, the values shown beside it as data, never as markup', async () => {
	const { context, page } = await reader();
	const hostile = ["$(touch /tmp/waymark-pwned)'; id #", '<img src=x onerror=alert(1)>`id`'];
	const query = new URLSearchParams({
		alertname: 'X',
		namespace: hostile[0]!,
		cronjob: hostile[1]!,
	});
	await page.goto(new URL(`erp/backup-and-recovery/?${query.toString()}`, site.url).href);
	const block = backupBlock(page);
	await expect.poll(() => block.locator('.wm-ph[data-state="refused"]').count()).toBe(4);
	expect(await block.locator('.wm-ph[data-state="filled"]').count()).toBe(0);
	expect(await page.locator('img[src="x"]').count()).toBe(0);
	const note = block.locator('.wm-ph-note');
	expect(await note.isVisible()).toBe(true);
	expect(await note.innerText()).toContain(`namespace is "${hostile[0]}"`);
	expect(await note.innerText()).toContain(`cronjob is "${hostile[1]}"`);
	await block.locator('.copy-button').click();
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	expect(copied).toContain('kubectl -n <namespace> create job --from=cronjob/<cronjob> "$JOB"');
	await context.close();
});

test('under serve, a page with one alert firing for it arrives filled in, without JavaScript', async () => {
	const { context, page } = await reader(false);
	await page.goto(new URL('erp/backup-and-recovery/', site.url).href);
	expect(await backupBlock(page).locator('pre').innerText()).toContain(
		'kubectl -n erp create job --from=cronjob/erp-db-backup "$JOB"',
	);
	expect(await page.locator('.wm-context-head').innerText()).toBe(
		'Filled in from alert DolibarrBackupMissing, firing now: cronjob=erp-db-backup, namespace=erp.',
	);
	await context.close();
});

test('on a static host, the page fills itself in the browser from the labels in its URL', async () => {
	const plain = await startServer({ dir: running.dist, port: 0, host: '127.0.0.1' });
	try {
		const { context, page } = await reader();
		await page.goto(new URL(alertLink, plain.url).href);
		// As sent, the block holds its placeholders (no server filled it); the script fills it.
		const sent = await (await fetch(new URL(alertLink, plain.url))).text();
		expect([sent.includes('wm-ph'), sent.includes('data-state="filled"')]).toEqual([true, false]);
		await expect
			.poll(() => backupBlock(page).locator('.wm-ph[data-state="filled"]').count())
			.toBe(4);
		expect(await backupBlock(page).locator('pre').innerText()).toContain(
			'kubectl -n erp create job --from=cronjob/erp-db-backup "$JOB"',
		);
		expect(await page.locator('.wm-context-head').innerText()).toBe(
			'Opened from alert DolibarrBackupMissing: cronjob=erp-db-backup, namespace=erp.',
		);
		await context.close();
	} finally {
		await plain.close();
	}
});

test('shows each placeholder in one colour, in both themes, however the grammar splits it', async () => {
	const { context, page } = await reader();
	try {
		// The Odoo runbook's rollback: `git checkout <previous-commit-sha>`, in a bash block.
		await page.goto(new URL('odoo/runbook/', site.url).href);
		for (const theme of ['light', 'dark']) {
			await page.evaluate(
				(name) => document.documentElement.setAttribute('data-theme', name),
				theme,
			);
			const colours = await page
				.locator('.code-block .wm-ph')
				.evaluateAll((placeholders) =>
					placeholders.map(
						(ph) =>
							[
								ph.textContent,
								[
									...new Set(
										[ph, ...ph.querySelectorAll('span')].map((e) => getComputedStyle(e).color),
									),
								],
							] as const,
					),
				);
			expect(colours.length, theme).toBeGreaterThan(0);
			// Split by the grammar (`<` and `namespace>`) somewhere, or the test shows nothing.
			expect(await page.locator('.code-block .wm-ph span + span').count(), theme).toBeGreaterThan(
				0,
			);
			for (const [text, shown] of colours) expect(shown, `${text} (${theme})`).toHaveLength(1);
		}
	} finally {
		await context.close();
	}
});

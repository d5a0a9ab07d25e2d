import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { componentsInstalled, start, waitFor, type Running } from '../helpers/prometheus.ts';
import { startLoopback, type Loopback } from '../status/loopback.ts';

const rules = `groups:
  - name: app
    interval: 1s
    rules:
      - alert: AppBroken
        expr: waymark_test_broken == 1
        labels:
          severity: critical
        annotations:
          summary: The app says it is broken
          runbook_url: https://runbooks.test/app/#when-it-breaks
`;

describe.skipIf(!componentsInstalled('prometheus', 'alertmanager'))(
	'the firing banner with a real Prometheus and Alertmanager',
	() => {
		let broken = 0;
		let exporter: Server;
		let am: Running;
		let prometheus: Running;
		let dir: string;
		let status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;
		let site: RunningServer;
		let browser: Browser;
		let page: Page;
		let lb: Loopback;
		const amAlerts = async (): Promise<Array<{ labels: Record<string, string> }>> =>
			(await (await fetch(`${am.url}/api/v2/alerts`)).json()) as Array<{
				labels: Record<string, string>;
			}>;
		const banner = () => page.locator('.wm-alert-banner');
		// The header's badge, on every page of a site with probes: one probe here, always up.
		const header = () => page.locator('.site-status');
		const headerWords = () => header().locator('.wm-overall-text').textContent();

		beforeAll(async () => {
			// A loopback exporter whose one metric the test flips; Prometheus scrapes it every second.
			exporter = createServer((_req, res) =>
				res.writeHead(200, { 'content-type': 'text/plain' }).end(`waymark_test_broken ${broken}\n`),
			);
			await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
			const exporterAddress = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;
			am = await start('alertmanager', {
				config: await readFile(new URL('fixtures/alertmanager.yml', import.meta.url), 'utf8'),
			});
			const prometheusConfig = `global: { scrape_interval: 1s, evaluation_interval: 1s }
alerting:
  alertmanagers:
    - static_configs: [{ targets: ['${new URL(am.url).host}'] }]
rule_files: [rules.yml]
scrape_configs:
  - job_name: app
    static_configs: [{ targets: ['${exporterAddress}'] }]
`;
			// Prometheus needs about 6 s to find Alertmanager; the site builds meanwhile.
			const starting = start('prometheus', {
				config: prometheusConfig,
				files: { 'rules.yml': rules },
			});
			lb = await startLoopback();
			const probe = `probes:\n  - id: app-health\n    http: http://app.test.lab:${lb.httpPort}/healthz\n    conditions: ["[STATUS] == 200"]\n    interval: 10s\n`;
			dir = await writeFixture({
				'waymark.config.yaml': `site: { url: 'https://runbooks.test' }\nnetwork: { dnsServers: ['${lb.dns.server}'] }\nalerts:\n  rules: ['rules/*.yml']\n  alertmanager: { url: '${am.url}', pollInterval: 1s }\n`,
				'guidebooks/README.md': '# Home\n\n[App](app.md) · [Other](other.md)\n',
				'guidebooks/app.md': `---\n${probe}---\n\n# App\n\nHealth: :status{probe=app-health}\n\n## When it breaks\n\nRestart it.\n`,
				'guidebooks/other.md': '# Other\n',
				'guidebooks/rules/app.yml': rules,
			});
			const built = await runCli(['build'], { cwd: dir });
			if (built.code !== 0) throw new Error(built.stderr + built.stdout);
			prometheus = await starting;
			await waitFor('Prometheus to discover Alertmanager', async () => {
				const body = (await (await fetch(`${prometheus.url}/api/v1/alertmanagers`)).json()) as {
					data: { activeAlertmanagers: unknown[] };
				};
				return body.data.activeAlertmanagers.length > 0 ? true : undefined;
			});
			const loaded = await loadConfig({ cwd: dir });
			status = (await startServeStatus({
				dir: join(dir, 'dist'),
				cwd: dir,
				config: loaded.config,
				database: ':memory:',
				env: {},
			}))!;
			// As `waymark serve` runs it: pages are sent painted with the live state.
			site = await startServer({
				dir: join(dir, 'dist'),
				port: 0,
				host: '127.0.0.1',
				handlers: [status.handler],
				pageTransform: status.paintPage,
			});
			browser = await launchBrowser();
			page = await browser.newPage();
		}, 120_000);
		afterAll(async () => {
			await browser?.close();
			await site?.close();
			await status?.stop();
			await prometheus?.stop();
			await am?.stop();
			await lb?.close();
			exporter?.close();
			await removeFixture(dir);
		});

		test('shows no banner while nothing fires, and says so on the panel', async () => {
			await page.goto(`${site.url}app/`);
			await expect
				.poll(() => page.locator('.wm-alert[data-alert="AppBroken"] .wm-now-text').textContent(), {
					timeout: 5000,
				})
				.toBe('Not firing');
			expect(await banner().isHidden()).toBe(true);
			await expect.poll(headerWords, { timeout: 10_000 }).toBe('All up');
		});

		test('shows the alert on its runbook page within 3 s of Alertmanager having it, with severity, instance and a silence link', async () => {
			broken = 1;
			const { ms } = await waitFor(
				'Alertmanager to list AppBroken',
				async () =>
					(await amAlerts()).some((a) => a.labels['alertname'] === 'AppBroken') ? true : undefined,
				20_000,
				50,
			);
			const inAlertmanager = performance.now();
			await expect.poll(() => banner().isVisible(), { timeout: 3000, interval: 50 }).toBe(true);
			const delay = performance.now() - inAlertmanager;
			expect(delay).toBeLessThan(3000);
			console.info(
				`AppBroken: listed by Alertmanager ${ms} ms after the flip, on the page ${Math.round(delay)} ms later`,
			);
			const item = banner().locator('.wm-firing-item');
			expect(await item.getAttribute('data-state')).toBe('firing');
			expect(await item.locator('.wm-alert-name').textContent()).toBe('AppBroken');
			expect(await item.locator('.wm-severity').textContent()).toBe('critical');
			expect(await item.locator('.wm-now-text').textContent()).toMatch(
				/^Firing: 1 instance since \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
			);
			expect(await item.locator('.wm-alert-summary').textContent()).toBe(
				'The app says it is broken',
			);
			expect(await item.locator('.wm-instances code').textContent()).toMatch(
				/^instance="127\.0\.0\.1:\d+", job="app", severity="critical"$/,
			);
			expect(await item.locator('a.wm-silence').getAttribute('href')).toMatch(
				new RegExp(
					`^${am.url}/#/silences/new\\?filter=%7Balertname%3D%22AppBroken%22%2C%20instance%3D`,
				),
			);
			// "All up" beside a firing alert would tell the reader all is well: the badge leads with it.
			await expect.poll(headerWords, { timeout: 3000 }).toBe('1 alert firing');
			expect(await header().getAttribute('aria-label')).toBe('Status: 1 alert firing, 1 up');
			expect(await header().locator('.wm-overall').getAttribute('data-state')).toBe('down');
			await page.goto(`${site.url}other/`);
			// As sent by waymark serve, before any script runs on the page.
			const sent = await (await fetch(`${site.url}other/`)).text();
			expect(sent).toMatch(/<span class="wm-overall-text">1 alert firing<\/span>/);
			await expect
				.poll(() => page.locator('.wm-alert-banner').getAttribute('data-state'), { timeout: 3000 })
				.toBe('quiet');
			expect(await headerWords()).toBe('1 alert firing');
			expect(await page.locator('.wm-alert-banner').isHidden()).toBe(true);
			await page.goto(site.url);
			await expect
				.poll(() => page.locator('.wm-firing-now .wm-firing-item .wm-alert-name').textContent(), {
					timeout: 3000,
				})
				.toBe('AppBroken');
			expect(
				await page.locator('.wm-firing-now .wm-firing-item .wm-meta a').getAttribute('href'),
			).toBe('/app/#when-it-breaks');
		});

		test('drops the banner when the alert resolves, and the panel says resolved', async () => {
			await page.goto(`${site.url}app/`);
			await expect.poll(() => banner().isVisible(), { timeout: 3000 }).toBe(true);
			broken = 0;
			await expect.poll(() => banner().isHidden(), { timeout: 10_000, interval: 100 }).toBe(true);
			expect(await headerWords()).toBe('All up');
			expect(
				await page.locator('.wm-alert[data-alert="AppBroken"] .wm-now-text').textContent(),
			).toMatch(/^Resolved at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
		});

		test('stops showing a firing alert as current when waymark serve goes away', async () => {
			broken = 1;
			await waitFor(
				'Alertmanager to list AppBroken again',
				async () =>
					(await amAlerts()).some((a) => a.labels['alertname'] === 'AppBroken') ? true : undefined,
				20_000,
				50,
			);
			const loaded = await loadConfig({ cwd: dir });
			const second = (await startServeStatus({
				dir: join(dir, 'dist'),
				cwd: dir,
				config: loaded.config,
				database: ':memory:',
				env: {},
			}))!;
			const secondSite = await startServer({
				dir: join(dir, 'dist'),
				port: 0,
				host: '127.0.0.1',
				handlers: [second.handler],
			});
			const other = await browser.newPage();
			await other.goto(`${secondSite.url}app/`);
			const otherBanner = other.locator('.wm-alert-banner');
			await expect
				.poll(() => otherBanner.locator('.wm-firing-item').count(), { timeout: 5000 })
				.toBe(1);
			expect(await other.locator('.site-status .wm-overall-text').textContent()).toBe(
				'1 alert firing',
			);
			await secondSite.close();
			await second.stop();
			// The page notices the lost event stream itself and says so, with when, in words.
			await expect
				.poll(() => otherBanner.locator('.wm-alerts-source').textContent(), {
					timeout: 20_000,
					interval: 250,
				})
				.toMatch(/^Firing state unknown: live feed lost at \d\d:\d\d UTC$/);
			expect(await otherBanner.locator('.wm-firing-item').count()).toBe(0);
			expect(await other.locator('.site-status .wm-overall-text').textContent()).toBe('Feed lost');
			await other.close();
			broken = 0;
		}, 40_000);

		test('says in words that Alertmanager is unreachable, and since when, once it stops', async () => {
			await am.stop();
			await expect
				.poll(() => banner().locator('.wm-alerts-source').textContent(), { timeout: 5000 })
				.toMatch(
					/^Alertmanager unreachable since \d{4}-\d\d-\d\d \d\d:\d\d UTC: firing state unknown \(Connection refused \(ECONNREFUSED\)\)$/,
				);
			expect(await banner().isVisible()).toBe(true);
			expect(await banner().locator('.wm-firing-item').count()).toBe(0);
			expect(
				await page.locator('.wm-alert[data-alert="AppBroken"] .wm-now-text').textContent(),
			).toBe('Unknown');
			// The probe is up, but whether an alert fires cannot be told: the badge says so, never "All up".
			await expect.poll(headerWords, { timeout: 5000 }).toBe('Alerts unknown');
		});
	},
);

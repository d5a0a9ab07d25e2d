import { readFile, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { componentsInstalled, start, waitFor, type Running } from '../helpers/prometheus.ts';

describe.skipIf(!componentsInstalled('prometheus', 'blackbox'))(
	'status.source: prometheus, with the exported config in the real Prometheus and blackbox_exporter',
	() => {
		let healthy = true;
		const userAgents = new Set<string>();
		let standIn: Server;
		let dir: string;
		let blackbox: Running;
		let prometheus: Running;
		let status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;
		let site: RunningServer;
		let browser: Browser;

		beforeAll(async () => {
			standIn = createServer((req, res) => {
				userAgents.add(String(req.headers['user-agent']).split('/')[0] ?? '');
				res
					.writeHead(healthy ? 200 : 500, { 'content-type': 'application/json' })
					.end(JSON.stringify({ ok: healthy }));
			});
			await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
			const target = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/health`;
			dir = await writeFixture({
				'waymark.config.yaml': "site: { url: 'https://runbooks.test' }\n",
				'guidebooks/README.md': '# Home\n\n[App](app.md)\n',
				'guidebooks/app.md': `---\nprobes:\n  - id: app-health\n    name: App health\n    http: ${target}\n    conditions: ["[STATUS] == 200", "[RESPONSE_TIME] < 2000"]\n    interval: 10s\n    timeout: 500ms\n---\n\n# App\n\nHealth: :status{probe=app-health}\n`,
			});
			const building = runCli(['build'], { cwd: dir });
			// The modules first (blackbox's address is not known yet), then the scrape jobs pointing at it.
			const first = await runCli(['export', 'prometheus', '--out', 'prom'], { cwd: dir });
			if (first.code !== 0) throw new Error(first.stderr + first.stdout);
			blackbox = await start('blackbox', {
				config: await readFile(join(dir, 'prom/blackbox.yml'), 'utf8'),
			});
			const exported = await runCli(
				['export', 'prometheus', '--out', 'prom', '--blackbox', new URL(blackbox.url).host],
				{ cwd: dir },
			);
			if (exported.code !== 0) throw new Error(exported.stderr + exported.stdout);
			const files: Record<string, string> = {};
			for (const name of [
				'waymark-rules.yml',
				...(await readdir(join(dir, 'prom/targets'))).map((f) => `targets/${f}`),
			])
				files[name] = await readFile(join(dir, 'prom', name), 'utf8');
			prometheus = await start('prometheus', {
				config: await readFile(join(dir, 'prom/prometheus.yml'), 'utf8'),
				files,
			});
			const built = await building;
			if (built.code !== 0) throw new Error(built.stderr + built.stdout);
			// File-based discovery hands targets on at most every 5 s (Prometheus 2.42); wait for a first sample.
			await waitFor(
				'a first probe_success sample',
				async () => {
					const body = (await (
						await fetch(`${prometheus.url}/api/v1/query?query=probe_success`)
					).json()) as { data: { result: unknown[] } };
					return body.data.result.length > 0 ? true : undefined;
				},
				20_000,
				200,
			);
			const config = parseConfig({
				alerts: { prometheus: { url: prometheus.url } },
				status: { source: 'prometheus' },
			});
			status = (await startServeStatus({
				dir: join(dir, 'dist'),
				cwd: dir,
				config,
				database: ':memory:',
				env: {},
			}))!;
			site = await startServer({
				dir: join(dir, 'dist'),
				port: 0,
				host: '127.0.0.1',
				handlers: [status.handler],
			});
			browser = await launchBrowser();
		}, 120_000);
		afterAll(async () => {
			await browser?.close();
			await site?.close();
			await status?.stop();
			await prometheus?.stop();
			await blackbox?.stop();
			standIn?.close();
			await removeFixture(dir);
		});

		test('the widget reads Prometheus: up, then down with the status blackbox saw, and serve never probes the endpoint', async () => {
			const page = await browser.newPage();
			await page.goto(`${site.url}app/`);
			const badge = page.locator('.prose .wm-badge[data-probe="app-health"]');
			// `interval: 10s`, the shortest a probe may declare: Prometheus scrapes and serve reads every 10 s.
			await expect.poll(() => badge.getAttribute('data-state'), { timeout: 30_000 }).toBe('up');
			healthy = false;
			const flipped = performance.now();
			await expect
				.poll(() => badge.getAttribute('data-state'), { timeout: 30_000, interval: 100 })
				.toBe('down');
			console.info(
				`app-health: down on the page ${Math.round(performance.now() - flipped)} ms after the endpoint failed (scrape 10 s, serve reads every 10 s)`,
			);
			expect(await badge.locator('.wm-reason').textContent()).toBe(
				'blackbox_exporter reports probe_success 0 (module waymark_app-health); [STATUS] (500) == 200',
			);
			healthy = true;
			await expect
				.poll(() => badge.getAttribute('data-state'), { timeout: 30_000, interval: 100 })
				.toBe('up');
			expect([...userAgents]).toEqual(['Blackbox Exporter']);
			await page.close();
		});
	},
);

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../../config/load-config.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import type { StatusSnapshot } from '../../core/status-snapshot.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { componentsInstalled, start, waitFor, type Running } from '../helpers/prometheus.ts';

/** A port nothing listens on: blackbox_exporter in "us-east" is sent through it, and refused, as from a network that cannot reach the target. */
async function refusedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

interface Replica {
	status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;
	site: RunningServer;
	stop(): Promise<void>;
}

describe.skipIf(!componentsInstalled('prometheus', 'blackbox'))(
	'status.source: prometheus with two locations: real Prometheus, two blackbox_exporters, two serve replicas, one restarted',
	() => {
		let healthy = true;
		const userAgents = new Set<string>();
		let standIn: Server;
		let dir: string;
		const blackboxes: Running[] = [];
		let prometheus: Running;
		let browser: Browser;
		const replicas: Replica[] = [];
		let config: ReturnType<typeof parseConfig>;

		async function startReplica(chosen = config): Promise<Replica> {
			const status = (await startServeStatus({
				dir: join(dir, 'dist'),
				cwd: dir,
				config: chosen,
				env: {},
			}))!;
			const site = await startServer({
				dir: join(dir, 'dist'),
				port: 0,
				host: '127.0.0.1',
				handlers: [status.handler],
				pageTransform: status.paintPage,
			});
			return { status, site, stop: async () => void (await site.close(), await status.stop()) };
		}
		const snapshotOf = async (replica: Replica): Promise<StatusSnapshot> =>
			(await (await fetch(`${replica.site.url}_waymark/status.json`)).json()) as StatusSnapshot;
		/** Both replicas' snapshots as of the same moment (a refresh may fall between the two requests). */
		async function sameMoment(a: Replica, b: Replica): Promise<[StatusSnapshot, StatusSnapshot]> {
			const { value } = await waitFor(
				'both replicas as of the same moment',
				async () => {
					const [x, y] = await Promise.all([snapshotOf(a), snapshotOf(b)]);
					return x.source?.asOf && x.source.asOf === y.source?.asOf
						? ([x, y] as [StatusSnapshot, StatusSnapshot])
						: undefined;
				},
				20_000,
				250,
			);
			return value;
		}
		/** A page as a replica paints it, without the data island (its `generatedAt` is the request's own time). */
		const pageOf = async (replica: Replica, path: string): Promise<string> =>
			(await (await fetch(`${replica.site.url}${path}`)).text()).replace(
				/<script type="application\/json" id="wm-status-data">.*?<\/script>/s,
				'',
			);
		const firing = async (): Promise<string[]> => {
			const body = (await (await fetch(`${prometheus.url}/api/v1/alerts`)).json()) as {
				data: { alerts: Array<{ labels: Record<string, string>; state: string }> };
			};
			return body.data.alerts
				.filter((a) => a.state === 'firing')
				.map((a) => `${a.labels['alertname']} ${a.labels['location'] ?? ''}`.trim())
				.sort();
		};
		const appState = async (replica: Replica): Promise<string | undefined> =>
			(await snapshotOf(replica)).probes.find((p) => p.id === 'app-health')?.state;

		beforeAll(async () => {
			standIn = createServer((req, res) => {
				userAgents.add(String(req.headers['user-agent']).split('/')[0] ?? '');
				res
					.writeHead(healthy ? 200 : 500, { 'content-type': 'application/json' })
					.end(JSON.stringify({ ok: healthy }));
			});
			await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
			const target = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/health`;
			const baseConfig = { site: { url: 'https://runbooks.test' } };
			dir = await writeFixture({
				'waymark.config.yaml': stringify(baseConfig),
				'guidebooks/README.md': '# Home\n\n[App](app.md)\n',
				'guidebooks/app.md': `---\nprobes:\n  - id: app-health\n    name: App health\n    http: ${target}\n    conditions: ["[STATUS] == 200", "[RESPONSE_TIME] < 2000"]\n    interval: 10s\n    timeout: 500ms\n---\n\n# App\n\nHealth: :status{probe=app-health}\n\n::status{probe=app-health variant=card}\n`,
			});
			const building = runCli(['build'], { cwd: dir });
			// The modules first (the exporters' addresses are not known yet), then the scrape jobs pointing at them.
			const first = await runCli(['export', 'prometheus', '--out', 'prom'], { cwd: dir });
			if (first.code !== 0) throw new Error(first.stderr + first.stdout);
			const modules = await readFile(join(dir, 'prom/blackbox.yml'), 'utf8');
			const cut = parse(modules) as { modules: Record<string, { http: Record<string, unknown> }> };
			const refused = await refusedPort();
			for (const module of Object.values(cut.modules))
				module.http['proxy_url'] = `http://127.0.0.1:${refused}`;
			blackboxes.push(
				await start('blackbox', { config: modules }),
				await start('blackbox', { config: stringify(cut) }),
			);
			const locations = [
				{ name: 'eu-west', blackbox: new URL(blackboxes[0]!.url).host },
				{ name: 'us-east', blackbox: new URL(blackboxes[1]!.url).host },
			];
			const exportWith = async (
				out: string,
				downWhen: number | 'all',
			): Promise<Record<string, string>> => {
				await writeFile(
					join(dir, 'waymark.config.yaml'),
					stringify({ ...baseConfig, status: { locations, downWhen } }),
				);
				const exported = await runCli(['export', 'prometheus', '--out', out], { cwd: dir });
				if (exported.code !== 0) throw new Error(exported.stderr + exported.stdout);
				const files: Record<string, string> = {};
				for (const name of [
					'prometheus.yml',
					'waymark-rules.yml',
					...(await readdir(join(dir, out, 'targets'))).map((f) => `targets/${f}`),
				])
					files[name] = await readFile(join(dir, out, name), 'utf8');
				return files;
			};
			const byAll = await exportWith('prom', 'all');
			const byOne = await exportWith('prom-1', 1);
			const { 'prometheus.yml': prometheusYml, ...rest } = byAll;
			prometheus = await start('prometheus', {
				config: prometheusYml!,
				files: { ...rest, 'rules-down-at-1.yml': byOne['waymark-rules.yml']! },
			});
			const built = await building;
			if (built.code !== 0) throw new Error(built.stderr + built.stdout);
			// File-based discovery hands targets on at most every 5 s (Prometheus 2.42); wait for both locations' first samples.
			await waitFor(
				'probe_success from both locations',
				async () => {
					const body = (await (
						await fetch(`${prometheus.url}/api/v1/query?query=probe_success`)
					).json()) as { data: { result: unknown[] } };
					return body.data.result.length === 2 ? true : undefined;
				},
				30_000,
				200,
			);
			config = parseConfig({
				site: baseConfig.site,
				alerts: { prometheus: { url: prometheus.url } },
				status: { source: 'prometheus', refresh: '5s', locations },
			});
			replicas.push(await startReplica(), await startReplica());
			browser = await launchBrowser();
		}, 240_000);
		afterAll(async () => {
			await browser?.close();
			for (const replica of replicas) await replica.stop();
			await prometheus?.stop();
			for (const blackbox of blackboxes) await blackbox.stop();
			standIn?.close();
			await removeFixture(dir);
		});

		test('one location refused: degraded on both replicas and a restarted one, identical status and pages; the pager warns for that location only', async () => {
			// Until a refresh moment after both locations' first scrape, one of them is unknown (also degraded: down from us-east).
			const both = async (replica: Replica) =>
				(await snapshotOf(replica)).probes
					.find((p) => p.id === 'app-health')
					?.locations?.map((l) => `${l.name} ${l.state}`)
					.join();
			await waitFor(
				'app-health from both locations',
				async () => ((await both(replicas[0]!)) === 'eu-west up,us-east down' ? true : undefined),
				30_000,
				250,
			);
			const [a, b] = await sameMoment(replicas[0]!, replicas[1]!);
			expect(b.probes).toEqual(a.probes);
			const app = a.probes.find((p) => p.id === 'app-health')!;
			expect(app.locations?.map((l) => `${l.name} ${l.state}`)).toEqual([
				'eu-west up',
				'us-east down',
			]);
			expect(app.message).toMatch(
				/^Down from us-east, up from eu-west\. us-east: blackbox_exporter reports probe_success 0 \(module waymark_app-health\)/,
			);
			expect(await pageOf(replicas[1]!, 'app/')).toBe(await pageOf(replicas[0]!, 'app/'));
			expect(await pageOf(replicas[1]!, 'status/')).toBe(await pageOf(replicas[0]!, 'status/'));

			// Restarted mid-test: no history of its own, the same numbers at once.
			await replicas[1]!.stop();
			replicas[1] = await startReplica();
			expect(replicas[1].status.database).toBeUndefined();
			const [c, d] = await sameMoment(replicas[0]!, replicas[1]);
			expect(d.probes).toEqual(c.probes);
			expect(c.probes.find((p) => p.id === 'app-health')!.state).toBe('degraded');

			// The exported rules, evaluated by Prometheus, say what the page says: one location failing is a warning for it, not an outage.
			await waitFor(
				'WaymarkProbeLocationDown for us-east',
				async () =>
					(await firing()).includes('WaymarkProbeLocationDown us-east') ? true : undefined,
				30_000,
				500,
			);
			expect(await firing()).toEqual(['WaymarkProbeLocationDown us-east']);
		});

		test('the rule decides: with `downWhen: 1` the page says down and so does the pager', async () => {
			const strict = await startReplica(
				parseConfig({
					site: { url: 'https://runbooks.test' },
					alerts: { prometheus: { url: prometheus.url } },
					status: {
						source: 'prometheus',
						refresh: '5s',
						locations: config.status.locations,
						downWhen: 1,
					},
				}),
			);
			try {
				await waitFor(
					'app-health down by downWhen 1',
					async () => ((await appState(strict)) === 'down' ? true : undefined),
					20_000,
					250,
				);
				expect(await appState(replicas[0]!)).toBe('degraded');
				await prometheus.write(
					'waymark-rules.yml',
					await readFile(join(prometheus.dir, 'rules-down-at-1.yml'), 'utf8'),
				);
				await prometheus.reload();
				await waitFor(
					'WaymarkProbeDown by downWhen 1',
					async () => ((await firing()).join() === 'WaymarkProbeDown' ? true : undefined),
					30_000,
					500,
				);
			} finally {
				await strict.stop();
				await prometheus.write(
					'waymark-rules.yml',
					await readFile(join(dir, 'prom/waymark-rules.yml'), 'utf8'),
				);
				await prometheus.reload();
			}
		});

		test('the widget follows: down when eu-west fails too, degraded again when it recovers; serve never probes the endpoint', async () => {
			const page = await browser.newPage();
			await page.goto(`${replicas[0]!.site.url}app/`);
			const badge = page.locator('.prose .wm-badge[data-probe="app-health"]');
			const card = page.locator('.prose .wm-card[data-probe="app-health"]');
			expect(await badge.getAttribute('data-state')).toBe('degraded');
			expect(await card.locator('.wm-locations').textContent()).toBe('eu-west: Up · us-east: Down');
			healthy = false;
			const flipped = performance.now();
			await expect
				.poll(() => badge.getAttribute('data-state'), { timeout: 40_000, interval: 100 })
				.toBe('down');
			console.info(
				`app-health: down on the page ${Math.round(performance.now() - flipped)} ms after the endpoint failed (scrape 10 s, refresh 5 s)`,
			);
			expect(await card.locator('.wm-locations').textContent()).toBe(
				'eu-west: Down · us-east: Down',
			);
			healthy = true;
			await expect
				.poll(() => badge.getAttribute('data-state'), { timeout: 40_000, interval: 100 })
				.toBe('degraded');
			expect([...userAgents]).toEqual(['Blackbox Exporter']);
			await page.close();
		});
	},
);

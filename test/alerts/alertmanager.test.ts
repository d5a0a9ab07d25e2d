import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { silenceUrl } from '../../core/alerts-snapshot.ts';
import type { AlertsManifest } from '../../alerts/manifest.ts';
import { startAlertsPoller, type AlertsPoller } from '../../server/alerts-poller.ts';
import type { AlertsSnapshot } from '../../core/alerts-snapshot.ts';
import { componentsInstalled, start, type Running } from '../helpers/prometheus.ts';

const manifest: AlertsManifest = {
	version: 1,
	site: { url: 'https://runbooks.test', base: '/' },
	pages: { '/db/': 'Database', '/db/disk/': 'Disk' },
	alerts: {
		DiskFull: [{ route: '/db/', hash: 'disk-full', severity: 'critical', summary: null }],
		DiskSlow: [{ route: '/db/disk/', hash: 'slow', severity: 'warning', summary: 'Disk is slow' }],
	},
};

const alert = (
	labels: Record<string, string>,
	annotations: Record<string, string> = {},
	endsAt?: string,
) => ({ labels, annotations, ...(endsAt && { endsAt }) });

describe.skipIf(!componentsInstalled('alertmanager'))(
	'the firing state from a real Alertmanager 0.25',
	() => {
		let am: Running;
		let poller: AlertsPoller;
		const updates: Array<[AlertsSnapshot, boolean]> = [];
		const post = async (path: string, body: unknown): Promise<unknown> => {
			const res = await fetch(`${am.url}/api/v2/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
			const text = await res.text();
			return text ? (JSON.parse(text) as unknown) : undefined;
		};
		const full = { alertname: 'DiskFull', severity: 'critical', instance: 'db1' };
		const slow = { alertname: 'DiskSlow', severity: 'warning', instance: 'db1' };
		const other = { alertname: 'BackupLate', severity: 'critical', instance: 'backup1' };

		beforeAll(async () => {
			am = await start('alertmanager', {
				config: await readFile(new URL('fixtures/alertmanager.yml', import.meta.url), 'utf8'),
			});
			poller = startAlertsPoller({
				endpoint: {
					url: am.url,
					headers: {},
					pollInterval: '1h',
					externalUrl: 'https://alertmanager.test',
				},
				manifest,
				onUpdate: (s, changed) => void updates.push([s, changed]),
			});
		}, 30_000);
		afterAll(async () => {
			poller?.stop();
			await am?.stop();
		});

		test("tells firing, inhibited and silenced apart, and finds each alert's runbook page", async () => {
			await post('alerts', [
				alert(full, {
					runbook_url: 'https://runbooks.test/db/#disk-full',
					summary: 'Disk of db1 is 97 % full',
				}),
				alert(slow),
				alert(other),
			]);
			const silence = (await post('silences', {
				matchers: [{ name: 'alertname', value: 'BackupLate', isRegex: false, isEqual: true }],
				startsAt: new Date().toISOString(),
				endsAt: new Date(Date.now() + 3_600_000).toISOString(),
				createdBy: 'waymark test',
				comment: 'known',
			})) as { silenceID: string };
			expect(silence.silenceID).toMatch(/\w/);
			const snapshot = await poller.poll();
			expect(snapshot.state).toBe('ok');
			expect(
				snapshot.firing.map((a) => [
					a.name,
					a.state,
					a.route,
					a.pageTitle,
					a.hash,
					a.count,
					a.summary,
				]),
			).toEqual([
				['DiskFull', 'firing', '/db/', 'Database', 'disk-full', 1, 'Disk of db1 is 97 % full'],
				['DiskSlow', 'inhibited', '/db/disk/', 'Disk', 'slow', 1, 'Disk is slow'],
				['BackupLate', 'silenced', null, null, '', 1, null],
			]);
			const instance = snapshot.firing[0]?.instances[0];
			expect(instance?.labels).toEqual(full);
			expect(silenceUrl(snapshot.uiUrl!, instance!.labels)).toBe(
				'https://alertmanager.test/#/silences/new?filter=%7Balertname%3D%22DiskFull%22%2C%20instance%3D%22db1%22%2C%20severity%3D%22critical%22%7D',
			);
			expect(updates.at(-1)).toEqual([snapshot, true]);
			await poller.poll();
			// Nothing new: pages get only the time of the answer, not 500 alerts again.
			expect(updates.at(-1)?.[1]).toBe(false);
		});

		test('says resolved when an alert is gone, and what it inhibited fires again', async () => {
			await post('alerts', [alert(full, {}, new Date().toISOString())]);
			// Alertmanager drops the alert and lifts its inhibition a moment later on a busy machine: wait
			// for its own API to say so, then poll once (the poller's `resolved` is since its last poll).
			await expect
				.poll(
					async () => {
						const alerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as Array<{
							labels: { alertname: string };
							status: { inhibitedBy: string[] };
						}>;
						return alerts.map((a) => [a.labels.alertname, a.status.inhibitedBy.length > 0]).sort();
					},
					{ timeout: 10_000, interval: 100 },
				)
				.toEqual([
					['BackupLate', false],
					['DiskSlow', false],
				]);
			const snapshot = await poller.poll();
			expect(snapshot.firing.map((a) => [a.name, a.state])).toEqual([
				['DiskSlow', 'firing'],
				['BackupLate', 'silenced'],
			]);
			expect(snapshot.resolved.map((r) => [r.name, r.route])).toEqual([['DiskFull', '/db/']]);
		});

		test('says unreachable since the first failed poll and shows no alert as current once Alertmanager is gone', async () => {
			await am.stop();
			const first = await poller.poll();
			const second = await poller.poll();
			expect([first.state, first.firing, first.reason]).toEqual([
				'unreachable',
				[],
				'Connection refused (ECONNREFUSED)',
			]);
			expect(second.since).toBe(first.since);
			expect(second.checkedAt).toBe(first.checkedAt);
		});
	},
);

test("builds the silence link as Alertmanager's own Silence button does", () => {
	expect(
		silenceUrl('http://am.example.lab:9093/', { severity: 'critical', alertname: 'X "quoted"' }),
	).toBe(
		`http://am.example.lab:9093/#/silences/new?filter=${encodeURIComponent('{alertname="X \\"quoted\\"", severity="critical"}')}`,
	);
});

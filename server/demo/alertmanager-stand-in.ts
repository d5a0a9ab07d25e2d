import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StandInState } from './stand-ins.ts';

/**
 * A loopback stand-in for Alertmanager's API v2 (`GET /api/v2/alerts`), so `npm start` shows what a
 * firing alert looks like on its runbook page. Its alerts follow the demo's stand-ins: the Dolibarr
 * backup is always overdue, a volume warning is silenced, and the CRM readiness alert fires while
 * the CRM stand-in answers 503. Every alert carries `demo="true"`.
 */
export async function startAlertmanagerStandIn(
	state: StandInState,
	startedAt = Date.now(),
): Promise<{ url: string; close(): Promise<void> }> {
	const iso = (ms: number): string => new Date(ms).toISOString();
	const alert = (
		labels: Record<string, string>,
		annotations: Record<string, string>,
		startsAt: number,
		silencedBy: string[] = [],
	) => ({
		labels: { ...labels, demo: 'true' },
		annotations,
		startsAt: iso(startsAt),
		endsAt: iso(Date.now() + 4 * 60_000),
		updatedAt: iso(Date.now()),
		fingerprint: Buffer.from(labels['alertname'] ?? '')
			.toString('hex')
			.slice(0, 16),
		generatorURL: 'http://prometheus.example.lab/graph',
		receivers: [{ name: 'demo' }],
		status: { state: silencedBy.length > 0 ? 'suppressed' : 'active', silencedBy, inhibitedBy: [] },
	});
	let crmDownSince: number | undefined;
	const alerts = (): unknown[] => {
		crmDownSince = state.crmReady ? undefined : (crmDownSince ?? Date.now());
		return [
			alert(
				{
					alertname: 'DolibarrBackupMissing',
					severity: 'warning',
					team: 'platform',
					namespace: 'erp',
					cronjob: 'erp-db-backup',
				},
				{
					summary: 'No successful nightly pg_dump of the Dolibarr database for 26 hours',
					runbook_url:
						'https://waymark.dev/erp/backup-and-recovery/?alertname=DolibarrBackupMissing&cronjob=erp-db-backup&namespace=erp#take-a-backup-on-demand',
				},
				startedAt - 2 * 3_600_000,
			),
			alert(
				{
					alertname: 'DolibarrVolumeAlmostFull',
					severity: 'warning',
					team: 'platform',
					namespace: 'erp',
					persistentvolumeclaim: 'dolibarr-documents',
				},
				{
					summary: 'Volume dolibarr-documents has less than 10 % free',
					runbook_url:
						'https://waymark.dev/erp/operations/?alertname=DolibarrVolumeAlmostFull&namespace=erp&persistentvolumeclaim=dolibarr-documents#storage',
				},
				startedAt - 30 * 60_000,
				['demo-silence-1'],
			),
			...(crmDownSince === undefined
				? []
				: [
						alert(
							{
								alertname: 'CrmApiNotReady',
								severity: 'critical',
								team: 'crm',
								instance: 'https://crm.example.lab/readyz',
							},
							{
								summary: '/readyz answers 503 on the CRM API',
								runbook_url: 'https://waymark.dev/crm/troubleshooting/#login-returns-503',
							},
							crmDownSince,
						),
					]),
		];
	};
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
		const path = (req.url ?? '/').split('?')[0];
		if (path === '/api/v2/alerts')
			return void res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify(alerts()));
		if (path === '/') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			return void res.end(
				"<!doctype html><title>Alertmanager (demo stand-in)</title><h1>Alertmanager (demo stand-in)</h1><p>This loopback stand-in of <code>waymark serve --demo</code> answers <code>/api/v2/alerts</code> only. A real Alertmanager opens its new-silence form here, prefilled with the alert's labels.</p>",
			);
		}
		res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

import { afterEach, expect, test } from 'vitest';
import { startAlertmanagerStandIn } from '../../server/demo/alertmanager-stand-in.ts';
import { initialStandInState } from '../../server/demo/stand-ins.ts';
import { readAlertmanagerAnswer } from '../../alerts/alertmanager-answer.ts';

// The demo's Alertmanager stand-in answers like Alertmanager's API v2, and its alerts follow the
// other stand-ins: what `npm start` shows on the runbook pages comes from here.

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
	await close?.();
	close = undefined;
});

interface DemoAlert {
	labels: Record<string, string>;
	annotations: Record<string, string>;
	startsAt: string;
	status: { state: string; silencedBy: string[] };
}

test('fires the CRM readiness alert while the CRM stand-in answers 503, from when it started failing', async () => {
	const state = initialStandInState();
	const startedAt = Date.parse('2026-11-24T08:00:00Z');
	const standIn = await startAlertmanagerStandIn(state, startedAt);
	close = () => standIn.close();
	const alerts = async (): Promise<DemoAlert[]> =>
		(await (await fetch(`${standIn.url}/api/v2/alerts`)).json()) as DemoAlert[];

	const healthy = await alerts();
	expect(healthy.map((a) => a.labels['alertname'])).toEqual([
		'DolibarrBackupMissing',
		'DolibarrVolumeAlmostFull',
	]);
	expect(healthy.every((a) => a.labels['demo'] === 'true')).toBe(true);
	expect(healthy[0]!.startsAt).toBe('2026-11-24T06:00:00.000Z');
	expect(healthy[1]!.status).toMatchObject({ state: 'suppressed', silencedBy: ['demo-silence-1'] });

	state.crmReady = false;
	const failing = await alerts();
	const crm = failing.find((a) => a.labels['alertname'] === 'CrmApiNotReady');
	expect(crm?.status.state).toBe('active');
	expect(crm?.annotations['runbook_url']).toBe(
		'https://waymark.dev/crm/troubleshooting/#login-returns-503',
	);
	// It keeps the time it started failing while it stays down, and is gone once it recovers.
	expect((await alerts()).find((a) => a.labels['alertname'] === 'CrmApiNotReady')?.startsAt).toBe(
		crm?.startsAt,
	);
	state.crmReady = true;
	expect((await alerts()).some((a) => a.labels['alertname'] === 'CrmApiNotReady')).toBe(false);
});

test("answers pass serve's own validation of Alertmanager's answers, with nothing dropped", async () => {
	const state = { ...initialStandInState(), crmReady: false };
	const standIn = await startAlertmanagerStandIn(state);
	close = () => standIn.close();
	const body: unknown = await (await fetch(`${standIn.url}/api/v2/alerts`)).json();
	const read = readAlertmanagerAnswer(body);
	expect(read).toMatchObject({ ok: true, dropped: { count: 0 } });
	expect(read.ok && read.alerts.map((a) => `${a.labels['alertname']} ${a.state}`)).toEqual([
		'DolibarrBackupMissing firing',
		'DolibarrVolumeAlmostFull silenced',
		'CrmApiNotReady firing',
	]);
});

test('answers its API only: a page at /, 405 to other methods, 404 elsewhere', async () => {
	const standIn = await startAlertmanagerStandIn(initialStandInState());
	close = () => standIn.close();
	const home = await fetch(`${standIn.url}/`);
	expect(home.status).toBe(200);
	expect(await home.text()).toContain('Alertmanager (demo stand-in)');
	const post = await fetch(`${standIn.url}/api/v2/alerts`, { method: 'POST', body: '[]' });
	expect(post.status).toBe(405);
	expect(post.headers.get('allow')).toBe('GET');
	expect((await fetch(`${standIn.url}/api/v2/silences`)).status).toBe(404);
});

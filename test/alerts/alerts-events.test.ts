import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLiveStatus, type LiveStatus } from '../../server/live-status.ts';
import { openHistoryStore } from '../../server/history-store.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { createResolver } from '../../network/resolver.ts';
import type { AlertsSnapshot } from '../../core/alerts-snapshot.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const snapshot: AlertsSnapshot = {
	state: 'ok',
	checkedAt: '2026-11-22T12:00:00.000Z',
	since: null,
	reason: null,
	pollIntervalMs: 15_000,
	demo: false,
	uiUrl: 'http://am.example.lab:9093',
	firing: [],
	unlisted: { count: 0, byRoute: {} },
	dropped: { count: 0, names: [] },
	pagesFiring: { count: 0, more: false },
	resolved: [],
};
let dir: string;
let live: LiveStatus;
let server: RunningServer;

beforeAll(async () => {
	dir = await writeFixture({ 'index.html': '<!doctype html><title>x</title>' });
	live = createLiveStatus({
		probes: [],
		io: { resolver: createResolver() },
		store: openHistoryStore(':memory:'),
		concurrency: 1,
		maxEventClients: 5,
		schedule: false,
		alerts: () => snapshot,
	});
	server = await startServer({ dir, port: 0, host: '127.0.0.1', handlers: [live.handler] });
});
afterAll(async () => {
	await server.close();
	live.close();
	await removeFixture(dir);
});

test('puts the alerts in status.json, and sends the whole snapshot only when it changed', async () => {
	expect(
		((await (await fetch(`${server.url}_waymark/status.json`)).json()) as { alerts: unknown })
			.alerts,
	).toEqual(snapshot);
	const controller = new AbortController();
	const response = await fetch(`${server.url}_waymark/events`, { signal: controller.signal });
	const reader = response.body!.getReader();
	let text = '';
	live.publishAlerts(snapshot, true);
	live.publishAlerts({ ...snapshot, checkedAt: '2026-11-22T12:00:15.000Z' }, false);
	while (!text.includes('alerts-checked'))
		text += new TextDecoder().decode((await reader.read()).value);
	controller.abort();
	const frames = text.split('\n\n').filter((frame) => frame.startsWith('event:'));
	// The stream opens with the whole state, alerts included (see status-api.test.ts).
	expect(JSON.parse(frames.shift()!.replace(/^event: snapshot\ndata: /, ''))).toMatchObject({
		live: true,
		alerts: snapshot,
	});
	expect(frames).toEqual([
		`event: alerts\ndata: ${JSON.stringify(snapshot)}`,
		'event: alerts-checked\ndata: {"checkedAt":"2026-11-22T12:00:15.000Z"}',
	]);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createNetworkAgent } from '../../network/agent.ts';
import { createResolver } from '../../network/resolver.ts';
import { defaultConditions } from '../../checks/probes/schema.ts';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import type { ProbeKind } from '../../core/status-snapshot.ts';
import { openHistoryStore, type HistoryStore } from '../../server/history-store.ts';
import { createLiveStatus, type LiveStatus } from '../../server/live-status.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { startLoopback, type Loopback } from './loopback.ts';

const secret = 'hunter2-secret-value';
let lb: Loopback;
let canary: Server;
let canaryHits = 0;
let siteDir: string;
const open: Array<{ live: LiveStatus; server: RunningServer; store: HistoryStore }> = [];

beforeAll(async () => {
	lb = await startLoopback();
	canary = createServer((_req, res) => {
		canaryHits++;
		res.end('canary');
	});
	await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
	siteDir = await writeFixture({ 'index.html': '<!doctype html><title>Site</title>' });
});
afterEach(async () => {
	for (const { live, server, store } of open.splice(0)) {
		live.close();
		await server.close();
		store.close();
	}
});
afterAll(async () => {
	await lb.close();
	await new Promise((r) => canary.close(r));
	await removeFixture(siteDir);
});

const probe = (
	id: string,
	kind: ProbeKind,
	target: string,
	extra: Partial<LocatedProbe> = {},
): LocatedProbe => ({
	id,
	kind,
	target,
	dnsType: 'A',
	headers: {},
	conditions: defaultConditions[kind],
	intervalMs: 60_000,
	timeoutMs: 1000,
	file: 'erp.md',
	line: 3,
	route: '/erp/',
	pageTitle: 'ERP',
	...extra,
});

async function start(
	probes: LocatedProbe[],
	options: {
		maxEventClients?: number;
		heartbeatMs?: number;
		database?: string;
		logs?: string[];
	} = {},
) {
	const resolver = createResolver({ servers: [lb.dns.server], timeoutMs: 500 });
	const agent = createNetworkAgent({ lookup: resolver.lookup });
	const store = openHistoryStore(options.database ?? ':memory:');
	const live = createLiveStatus({
		probes,
		io: { resolver, dispatcher: agent.dispatcher, env: { DOLAPIKEY: secret }, bodyCapBytes: 4096 },
		store,
		concurrency: 4,
		maxEventClients: options.maxEventClients ?? 10,
		schedule: false,
		...(options.heartbeatMs && { heartbeatMs: options.heartbeatMs }),
		log: (line) => options.logs?.push(line),
	});
	const server = await startServer({
		dir: siteDir,
		port: 0,
		host: '127.0.0.1',
		handlers: [live.handler],
	});
	open.push({ live, server, store });
	return { live, url: server.url.replace(/\/$/, ''), store };
}

const secretProbe = () =>
	probe('erp-status', 'http', `http://erp.test.lab:${lb.httpPort}/echo`, {
		headers: { DOLAPIKEY: '${env:DOLAPIKEY}' },
		conditions: ['[STATUS] == 200', '[BODY].dolapikey == nope', '[BODY] == x'],
	});

test('serves every declared probe in status.json, live', async () => {
	const { live, url } = await start([
		probe('crm-ready', 'http', `${lb.http}/readyz`, { conditions: ['[STATUS] == 200'] }),
	]);
	await live.check('crm-ready');
	const body = (await (await fetch(`${url}/_waymark/status.json`)).json()) as {
		live: boolean;
		probes: Array<Record<string, unknown>>;
	};
	expect(body.live).toBe(true);
	expect(body.probes).toMatchObject([
		{
			id: 'crm-ready',
			state: 'down',
			message: '[STATUS] (503) == 200',
			file: 'erp.md',
			line: 3,
			uptime: 0,
		},
	]);
});

test('answers other methods with 405 and keeps the manifest private', async () => {
	const { url } = await start([]);
	for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
		const response = await fetch(`${url}/_waymark/status.json`, { method });
		expect([method, response.status, response.headers.get('allow')]).toEqual([
			method,
			405,
			'GET, HEAD',
		]);
	}
	expect((await fetch(`${url}/_waymark/probes.json`)).status).toBe(404);
});

// The dev server mounts the handler on Vite's own server, which passes every method through.
test('the handler alone, as the dev server mounts it, answers other methods with 405 and passes other paths on', async () => {
	const { live } = await start([]);
	const answer = await new Promise<{ status: number; allow: unknown; body: string }>((resolve) => {
		const res = {
			status: 0,
			headers: {} as Record<string, unknown>,
			writeHead(status: number, headers: Record<string, unknown>) {
				Object.assign(this, { status, headers });
				return this;
			},
			end(body: string) {
				resolve({ status: this.status, allow: this.headers['allow'], body });
			},
		};
		live.handler({ method: 'POST', url: '/_waymark/status.json' } as never, res as never, () =>
			resolve({ status: -1, allow: undefined, body: '' }),
		);
	});
	expect(answer).toEqual({
		status: 405,
		allow: 'GET, HEAD',
		body: 'The status API is read-only.\n',
	});
	let passed = false;
	live.handler({ method: 'POST', url: '/erp/' } as never, {} as never, () => (passed = true));
	expect(passed).toBe(true);
});

test('answers HEAD on the event stream with its headers and no stream', async () => {
	const { url } = await start([]);
	const response = await fetch(`${url}/_waymark/events`, { method: 'HEAD' });
	expect([response.status, response.headers.get('content-type')]).toEqual([
		200,
		expect.stringContaining('text/event-stream'),
	]);
	expect(await response.text()).toBe('');
});

test('never probes a target taken from a request', async () => {
	const canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/`;
	const { live, url } = await start([probe('canary-declared', 'http', canaryUrl)]);
	const answers: number[] = [];
	for (const path of [
		`/_waymark/status.json?target=${canaryUrl}`,
		`/_waymark/status.json?probe=x&url=${canaryUrl}`,
		`/_waymark/events/../status.json?http=${canaryUrl}`,
		`/_waymark/check?target=${canaryUrl}`,
	]) {
		answers.push((await fetch(`${url}${path}`)).status);
	}
	answers.push(
		(
			await fetch(`${url}/_waymark/status.json`, {
				method: 'POST',
				body: JSON.stringify({ http: canaryUrl }),
			})
		).status,
	);
	expect(answers).toEqual([200, 200, 200, 404, 405]);
	expect(canaryHits).toBe(0);
	// Positive control: the canary counts the one probe that declares it, once it runs.
	await live.check('canary-declared');
	expect(canaryHits).toBe(1);
});

/** Reads the event stream until a complete `probe` event for `id` arrives; returns its frame as sent and its data. */
async function nextProbeEvent(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	id: string,
): Promise<{ frame: string; data: Record<string, unknown> }> {
	const decoder = new TextDecoder();
	let text = '';
	for (;;) {
		const frames = text.split('\n\n').slice(0, -1);
		for (const frame of frames) {
			const data = /^event: probe\ndata: (.*)$/s.exec(frame)?.[1];
			const parsed = data === undefined ? undefined : (JSON.parse(data) as Record<string, unknown>);
			if (parsed?.id === id) return { frame, data: parsed };
		}
		const { value, done } = await reader.read();
		if (done)
			throw new Error(`The event stream ended before a probe event for ${id}; it sent:\n${text}`);
		text += decoder.decode(value, { stream: true });
	}
}

test('keeps header secrets out of status.json, events and logs, even when the endpoint echoes them', async () => {
	const logs: string[] = [];
	const { live, url } = await start([secretProbe()], { logs });
	const controller = new AbortController();
	const events = await fetch(`${url}/_waymark/events`, { signal: controller.signal });
	const reader = events.body!.getReader();
	await live.check('erp-status');
	const event = await nextProbeEvent(reader, 'erp-status');
	controller.abort();
	const status = await (await fetch(`${url}/_waymark/status.json`)).text();
	// Positive controls: the secret went out on the request, the endpoint echoed it back, and the
	// event, status.json and log line that would carry it are the ones read below.
	expect(lb.seenHeaders.some((h) => h.dolapikey === secret)).toBe(true);
	expect(event.data).toMatchObject({
		id: 'erp-status',
		state: 'down',
		observed: { '[BODY].dolapikey': '[secret]' },
	});
	expect(status).toContain('[secret]');
	expect(logs).toEqual([
		expect.stringMatching(/^probe erp-status: down \(.*\[BODY\]\.dolapikey \(\[secret\]\) == nope/),
	]);
	for (const text of [status, event.frame, logs.join('\n')]) expect(text).not.toContain(secret);
	expect(status.length).toBeLessThan(3000);
});

test('sends each result on the event stream', async () => {
	const { live, url } = await start([probe('crm-live', 'http', `${lb.http}/healthz`)]);
	const controller = new AbortController();
	const response = await fetch(`${url}/_waymark/events`, { signal: controller.signal });
	expect(response.headers.get('content-type')).toBe('text/event-stream');
	await live.check('crm-live');
	const event = await nextProbeEvent(response.body!.getReader(), 'crm-live');
	controller.abort();
	expect(event.data).toMatchObject({ id: 'crm-live', state: 'up', message: '[STATUS] < 400' });
});

test('opens each event stream with the current state of every probe', async () => {
	const { live, url } = await start([
		probe('crm-live', 'http', `${lb.http}/healthz`),
		probe('crm-ready', 'http', `${lb.http}/readyz`),
	]);
	// Published before the stream connects: a page that read status.json earlier must still get it.
	await live.check('crm-ready');
	const controller = new AbortController();
	const response = await fetch(`${url}/_waymark/events`, { signal: controller.signal });
	const reader = response.body!.getReader();
	let text = '';
	while (!/\n\n(?:.|\n)*\n\n/.test(text))
		text += new TextDecoder().decode((await reader.read()).value);
	controller.abort();
	const [retry, greeting] = text.split('\n\n');
	expect(retry).toBe('retry: 2000');
	const data = /^event: snapshot\ndata: (.*)$/s.exec(greeting!)?.[1];
	expect(data, greeting).toBeDefined();
	const snapshot = JSON.parse(data!) as {
		live: boolean;
		probes: Array<{ id: string; state: string }>;
	};
	expect(snapshot.live).toBe(true);
	expect(snapshot.probes.map(({ id, state }) => `${id} ${state}`)).toEqual([
		'crm-live unknown',
		'crm-ready down',
	]);
	// The greeting is encoded once for many streams, and again as soon as a result changes it.
	await live.check('crm-live');
	expect((await greetingOf(url)).probes.map(({ id, state }) => `${id} ${state}`)).toEqual([
		'crm-live up',
		'crm-ready down',
	]);
});

async function greetingOf(url: string): Promise<{ probes: Array<{ id: string; state: string }> }> {
	const controller = new AbortController();
	const reader = (
		await fetch(`${url}/_waymark/events`, { signal: controller.signal })
	).body!.getReader();
	let text = '';
	while (!/\nevent: snapshot\ndata: .*\n\n/.test(text))
		text += new TextDecoder().decode((await reader.read()).value);
	controller.abort();
	return JSON.parse(/\nevent: snapshot\ndata: (.*)\n\n/.exec(text)![1]!) as {
		probes: Array<{ id: string; state: string }>;
	};
}

test('caps concurrent event streams and sends heartbeats', async () => {
	const { url } = await start([], { maxEventClients: 2, heartbeatMs: 50 });
	const controller = new AbortController();
	const first = await fetch(`${url}/_waymark/events`, { signal: controller.signal });
	await fetch(`${url}/_waymark/events`, { signal: controller.signal });
	const third = await fetch(`${url}/_waymark/events`);
	expect(third.status).toBe(503);
	const reader = first.body!.getReader();
	let text = '';
	while (!text.includes(': heartbeat'))
		text += new TextDecoder().decode((await reader.read()).value);
	controller.abort();
	expect(text).toContain(': heartbeat');
});

test('keeps history across restarts in SQLite', async () => {
	const dir = await writeFixture({});
	const database = `${dir}/.waymark/status.sqlite`;
	const probes = [probe('crm-live', 'http', `${lb.http}/healthz`)];
	const first = await start(probes, { database });
	await first.live.check('crm-live');
	lb.state.up = false;
	await first.live.check('crm-live');
	lb.state.up = true;
	first.live.close();
	const second = await start(probes, { database });
	const body = (await (await fetch(`${second.url}/_waymark/status.json`)).json()) as {
		probes: Array<{
			state: string;
			uptime: number;
			latencies: number[];
			lastChange: string;
			checkedAt: string;
		}>;
	};
	expect(body.probes[0]).toMatchObject({ state: 'down', uptime: 50 });
	expect(body.probes[0]?.latencies).toHaveLength(2);
	expect(body.probes[0]?.lastChange).toBe(body.probes[0]?.checkedAt);
	await removeFixture(dir);
});

test('answers under the site base path', async () => {
	const store = openHistoryStore(':memory:');
	const live = createLiveStatus({
		probes: [],
		io: { resolver: createResolver() },
		store,
		concurrency: 1,
		maxEventClients: 1,
		schedule: false,
		base: '/runbooks',
	});
	const server = await startServer({
		dir: siteDir,
		port: 0,
		host: '127.0.0.1',
		handlers: [live.handler],
		base: '/runbooks/',
	});
	open.push({ live, server, store });
	const response = await fetch(`${server.url}_waymark/status.json`);
	expect([
		server.url.endsWith('/runbooks/'),
		response.status,
		((await response.json()) as { live: boolean }).live,
	]).toEqual([true, 200, true]);
});

test('prunes history older than the window it keeps', () => {
	const store = openHistoryStore(':memory:');
	const old = {
		id: 'a',
		kind: 'http' as const,
		target: 't',
		state: 'up' as const,
		ok: true,
		latencyMs: 5,
		observed: {},
		message: '',
		file: '',
		line: 0,
	};
	store.record({ ...old, checkedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() });
	store.record({ ...old, state: 'down', ok: false, checkedAt: new Date().toISOString() });
	expect(store.uptime('a', 0)).toBe(50);
	store.prune(Date.now() - 30 * 86_400_000);
	expect([store.uptime('a', 0), store.latencies('a', 10)]).toEqual([0, [5]]);
	store.close();
});

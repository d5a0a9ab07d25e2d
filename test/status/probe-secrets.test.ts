import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { runProbe, type ProbeIo } from '../../checks/probes/probe-one.ts';
import { openProbeIo } from '../../checks/probes/probe-io.ts';
import { toProbeStatus } from '../../checks/probes/probe-status.ts';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import { parseConfig } from '../../config/load-config.ts';
import { createNetworkAgent } from '../../network/agent.ts';
import { createResolver } from '../../network/resolver.ts';
import { openHistoryStore } from '../../server/history-store.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Two loopback servers on two ports: two origins, so a redirect from one to the other crosses.
const secret = 's3cr"et/v@lue+1 z';
const token = 'tok-7f3a9c21';
let here: Server;
let away: Server;
let herePort: number;
let awayPort: number;
const seen: Array<{ port: number; path: string; headers: IncomingHttpHeaders }> = [];
let io: ProbeIo;
let dir: string;

function serve(
	routes: (port: () => number) => Record<
		string,
		(headers: IncomingHttpHeaders) => {
			status?: number;
			headers?: Record<string, string>;
			body?: string;
		}
	>,
): Promise<Server> {
	let port = 0;
	const table = routes(() => port);
	const server = createServer((req, res) => {
		seen.push({ port, path: req.url ?? '', headers: req.headers });
		const answer = table[req.url ?? '']?.(req.headers) ?? { status: 404 };
		res
			.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers })
			.end(answer.body ?? '{}');
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			port = (server.address() as AddressInfo).port;
			resolve(server);
		}),
	);
}

beforeAll(async () => {
	away = await serve(() => ({ '/echo': (headers) => ({ body: JSON.stringify(headers) }) }));
	awayPort = (away.address() as AddressInfo).port;
	here = await serve(() => ({
		'/echo': (headers) => ({ body: JSON.stringify(headers) }),
		'/redirect-here': () => ({ status: 302, headers: { location: '/echo' } }),
		'/redirect-away': () => ({
			status: 302,
			headers: { location: `http://127.0.0.1:${awayPort}/echo` },
		}),
		'/echo-encoded': () => ({
			headers: { 'x-echo': JSON.stringify({ token: secret }) },
			body: JSON.stringify({
				plain: secret,
				url: encodeURIComponent(secret),
				form: encodeURIComponent(secret).replace(/%20/g, '+').toLowerCase(),
				base64: Buffer.from(secret).toString('base64'),
				nested: { deeper: [`Bearer ${secret}`] },
				long: `${'x'.repeat(190)}${secret}`, // crosses the 200-character cut
			}),
		}),
		'/metadata-like': () => ({
			headers: { 'content-type': 'text/plain' },
			body: 'AccessKeyId: ASIAEXAMPLEKEY\nSecretAccessKey: wJalrXUtnFEMI/K7MDENG\n',
		}),
		'/status-json': () => ({ body: JSON.stringify({ status: 'degraded', build: { id: 42 } }) }),
	}));
	herePort = (here.address() as AddressInfo).port;
	const resolver = createResolver();
	io = {
		resolver,
		dispatcher: createNetworkAgent({ lookup: resolver.lookup }).dispatcher,
		env: { TOKEN: token, SECRET: secret, HOME_SECRET: 'never-sent-1' },
		allowedEnv: ['TOKEN', 'SECRET'],
	};
	dir = await writeFixture({});
});
beforeEach(() => void (seen.length = 0));
afterAll(async () => {
	await (io.dispatcher as { close(): Promise<void> }).close();
	for (const server of [here, away]) server.closeAllConnections();
	await Promise.all([new Promise((r) => here.close(r)), new Promise((r) => away.close(r))]);
	await removeFixture(dir);
});

const probe = (target: string, extra: Partial<LocatedProbe> = {}): LocatedProbe => ({
	id: 'p',
	kind: 'http',
	target,
	dnsType: 'A',
	headers: {},
	conditions: ['[STATUS] == 200'],
	intervalMs: 60_000,
	timeoutMs: 2000,
	file: 'a.md',
	line: 3,
	route: '/a/',
	pageTitle: 'A',
	...extra,
});
const credentialHeaders = {
	Authorization: 'Bearer ${env:TOKEN}',
	Cookie: 'session=${env:TOKEN}',
	'X-Api-Key': '${env:TOKEN}',
	Accept: 'application/json',
};
const sentTo = (port: number) => seen.find((s) => s.port === port && s.path === '/echo')?.headers;

test('keeps Authorization, Cookie and env headers through a redirect within the origin (control)', async () => {
	await runProbe(
		probe(`http://127.0.0.1:${herePort}/redirect-here`, { headers: credentialHeaders }),
		io,
	);
	expect(sentTo(herePort)).toMatchObject({
		authorization: `Bearer ${token}`,
		cookie: `session=${token}`,
		'x-api-key': token,
		accept: 'application/json',
	});
});

test('drops Authorization, Cookie and env headers on a redirect to another origin, and keeps the rest', async () => {
	const result = await runProbe(
		probe(`http://127.0.0.1:${herePort}/redirect-away`, { headers: credentialHeaders }),
		io,
	);
	expect(result.state).toBe('up');
	const headers = sentTo(awayPort);
	expect(headers).toMatchObject({ accept: 'application/json' });
	expect(Object.keys(headers ?? {})).not.toEqual(expect.arrayContaining(['authorization']));
	expect(JSON.stringify(headers)).not.toContain(token);
});

test('sends user:pass@ as Basic auth and shows it nowhere: result, status.json, history, messages', async () => {
	const located = probe(`http://ops:pa%24%24word@127.0.0.1:${herePort}/echo`, {
		conditions: ['[STATUS] == 200', '[BODY].authorization == nope'],
	});
	const result = await runProbe(located, io);
	const basic = Buffer.from('ops:pa$$word').toString('base64');
	expect(sentTo(herePort)?.authorization).toBe(`Basic ${basic}`);
	expect(result).toMatchObject({
		target: `http://127.0.0.1:${herePort}/echo`,
		message: '[BODY].authorization (Basic [secret]) == nope',
	});
	const database = join(dir, 'history.sqlite');
	const store = openHistoryStore(database);
	store.record(result);
	store.close();
	const published = [
		JSON.stringify(result),
		JSON.stringify(toProbeStatus(located, result)),
		JSON.stringify(toProbeStatus(located)),
		(await readFile(database)).toString('latin1'),
	];
	for (const text of published) {
		expect(text).not.toMatch(/pa\$\$word|pa%24%24word|ops:/);
		expect(text).not.toContain(basic);
	}
});

test('masks a secret echoed plain, URL-encoded, base64, JSON-escaped, nested or past the length limit', async () => {
	const conditions = [
		'[BODY].plain == a',
		'[BODY].url == a',
		'[BODY].form == a',
		'[BODY].base64 == a',
		'[BODY].nested == a',
		'[BODY].long == a',
		'[HEADER].x-echo == a',
	];
	const result = await runProbe(
		probe(`http://127.0.0.1:${herePort}/echo-encoded`, {
			headers: { 'X-Key': '${env:SECRET}' },
			conditions,
		}),
		io,
	);
	expect(result.observed).toMatchObject({
		'[BODY].plain': '[secret]',
		'[BODY].url': '[secret]',
		'[BODY].form': '[secret]',
		'[BODY].base64': '[secret]',
		'[BODY].nested': '{"deeper":["Bearer [secret]"]}',
		'[HEADER].x-echo': '{"token":"[secret]"}',
	});
	expect(result.observed['[BODY].long']).toMatch(/^x{190}\[secret\]$/);
	const text = JSON.stringify(result);
	for (const fragment of [
		's3cr',
		'v@lue',
		'v%40lue',
		Buffer.from(secret).toString('base64').slice(0, 8),
	])
		expect(text).not.toContain(fragment);
});

test('publishes a JSON field of an HTTP body but never the raw body', async () => {
	const raw = await runProbe(
		probe(`http://127.0.0.1:${herePort}/metadata-like`, {
			conditions: ['[STATUS] == 200', '[BODY] == ok'],
		}),
		io,
	);
	expect(raw).toMatchObject({
		state: 'down',
		message: '[BODY] (not published) == ok',
		observed: { '[STATUS]': '200' },
	});
	expect(JSON.stringify(toProbeStatus(probe('x'), raw))).not.toContain('AccessKeyId');
	const field = await runProbe(
		probe(`http://127.0.0.1:${herePort}/status-json`, {
			conditions: ['[BODY].status == ok', '[BODY].build.id == 42'],
		}),
		io,
	);
	expect(field).toMatchObject({
		message: '[BODY].status (degraded) == ok',
		observed: { '[BODY].status': 'degraded', '[BODY].build.id': '42' },
	});
});

test('never expands a variable network.env does not list, and sends nothing', async () => {
	const result = await runProbe(
		probe(`http://127.0.0.1:${herePort}/echo`, { headers: { 'X-Home': '${env:HOME_SECRET}' } }),
		io,
	);
	expect(result).toMatchObject({
		state: 'unknown',
		message:
			'Not checked: environment variable `HOME_SECRET` (for header `X-Home`) is not listed in `network.env`',
	});
	expect(seen).toEqual([]);
});

test('gives probes only the environment variables network.env lists', async () => {
	const { io: opened, close } = openProbeIo(parseConfig({ network: { env: ['TOKEN'] } }), {
		TOKEN: token,
		AWS_SECRET_ACCESS_KEY: 'never',
	});
	expect(opened).toMatchObject({ env: { TOKEN: token }, allowedEnv: ['TOKEN'] });
	expect(Object.keys(opened.env ?? {})).toEqual(['TOKEN']);
	await close();
});

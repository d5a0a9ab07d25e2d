import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { fetchActiveAlerts } from '../../alerts/alertmanager.ts';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { runProbe } from '../../checks/probes/probe-one.ts';
import { ProbeDeclarationSchema, toProbeSpec } from '../../checks/probes/schema.ts';
import { parseConfig } from '../../config/load-config.ts';
import { createResolver } from '../../network/resolver.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { installConnectHook, type ConnectHook } from '../helpers/connect-hook.ts';

// Prometheus and Alertmanager are contacted through the one network client like every probe: the
// address policy applies to them, and with no client injected the default policy does, never
// undici's global dispatcher. Nothing here leaves the machine: the connect hook stops any socket
// to a link-local address before the system call, and every test asserts it stopped none.

let server: Server;
let url: string;
let hook: ConnectHook;
const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
	hook = installConnectHook((ip) => /^(?:::ffff:)?169\.254\./.test(ip));
	server = createServer((req, res) => {
		seen.push({ url: req.url ?? '', headers: req.headers });
		const body = req.url?.startsWith('/api/v1/rules')
			? { status: 'success', data: { groups: [] } }
			: req.url?.startsWith('/api/v2/alerts')
				? []
				: {
						status: 'success',
						data: { resultType: 'vector', result: [{ metric: {}, value: [0, '1'] }] },
					};
		res
			.writeHead(200, { 'content-type': 'application/json', connection: 'close' })
			.end(JSON.stringify(body));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
	seen.length = 0;
	hook.stopped.length = 0;
});
afterAll(async () => {
	hook.uninstall();
	server.closeAllConnections();
	await new Promise((r) => server.close(r));
});

const outsideAllow = (address: string): string =>
	`${address} is in 127.0.0.0/8 (loopback), outside \`network.allow\``;

test('reads alerting rules from Prometheus through the address policy: outside `network.allow` nothing is sent', async () => {
	const refused = await loadAlertSources(
		parseConfig({ network: { allow: ['public'] }, alerts: { prometheus: { url } } }),
		tmpdir(),
	);
	expect(refused.problems.map((p) => p.message)).toEqual([
		`Unexpected answer from Prometheus at ${url} (${outsideAllow('127.0.0.1')}), expected its alerting rules from \`/api/v1/rules\`; only rule files were checked`,
	]);
	expect(seen).toEqual([]);
	// Control: the default policy allows loopback, and the same Prometheus is asked.
	const allowed = await loadAlertSources(
		parseConfig({ alerts: { prometheus: { url } } }),
		tmpdir(),
	);
	expect(allowed.problems).toEqual([]);
	expect(seen.map((s) => s.url)).toEqual(['/api/v1/rules?type=alert']);
	expect(hook.stopped).toEqual([]);
});

test('sends Prometheus only the environment variables `network.env` lists', async () => {
	const config = parseConfig({
		network: { env: ['LISTED_TOKEN'] },
		alerts: { prometheus: { url, headers: { 'x-token': '${env:LISTED_TOKEN}' } } },
	});
	const env = { LISTED_TOKEN: 'listed-value', OTHER_SECRET: 'other-secret-value' };
	expect((await loadAlertSources(config, tmpdir(), { env })).problems).toEqual([]);
	expect(seen.map((s) => s.headers['x-token'])).toEqual(['listed-value']);
	// A config changed after validation still cannot read a name `network.env` does not list.
	seen.length = 0;
	config.alerts.prometheus!.headers['x-other'] = '${env:OTHER_SECRET}';
	const unlisted = await loadAlertSources(config, tmpdir(), { env });
	expect(unlisted.problems.map((p) => p.message)).toEqual([
		`Unexpected answer from Prometheus at ${url} (environment variable \`OTHER_SECRET\` (for header \`x-other\`) is not set), expected its alerting rules from \`/api/v1/rules\`; only rule files were checked`,
	]);
	expect(seen).toEqual([]);
});

test("serve's Alertmanager poll goes through the address policy of `network`", async () => {
	const dir = await mkdtemp(join(tmpdir(), 'waymark-alerts-policy-'));
	const poll = async (allow: string[]): Promise<string[]> => {
		const lines: string[] = [];
		const status = await startServeStatus({
			dir,
			cwd: dir,
			config: parseConfig({
				network: { allow },
				alerts: { alertmanager: { url, pollInterval: '1h' } },
			}),
			env: {},
			database: ':memory:',
			log: (line) => lines.push(line),
		});
		try {
			await expect.poll(() => lines.length > 0 || seen.length > 0).toBe(true);
			return lines;
		} finally {
			await status?.stop();
		}
	};
	try {
		expect(await poll(['public'])).toEqual([
			`alerts: Alertmanager at ${url} unreachable (${outsideAllow('127.0.0.1')}); pages say so`,
		]);
		expect(seen).toEqual([]);
		// Control: allowed, the poll reaches the same Alertmanager.
		expect(await poll(['loopback'])).toEqual([]);
		expect(seen.map((s) => s.url)).toEqual(['/api/v2/alerts']);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});

test('with no network client given, Alertmanager and Prometheus queries refuse the metadata address before connecting', async () => {
	const metadata = 'http://169.254.169.254/latest/';
	const refusal =
		'169.254.169.254 is in 169.254.0.0/16 (link-local, where cloud metadata services answer): refused unless `network.allow` names it, e.g. `169.254.169.254`';
	expect(await fetchActiveAlerts({ url: metadata, headers: {} })).toEqual({
		ok: false,
		kind: 'unreachable',
		reason: refusal,
	});
	const spec = toProbeSpec(ProbeDeclarationSchema.parse({ id: 'q', prometheus: { query: 'up' } }));
	const probe = await runProbe(spec, {
		resolver: createResolver(),
		prometheus: { url: metadata, headers: {} },
	});
	expect(probe).toMatchObject({
		state: 'unknown',
		message: `Not checked: Prometheus at ${metadata} did not answer (${refusal})`,
	});
	expect(hook.attempts.filter((a) => a.startsWith('169.254.'))).toEqual([]);
	expect(hook.stopped).toEqual([]);
	// Control: the same calls reach a loopback stand-in, which the default policy allows.
	expect(await fetchActiveAlerts({ url, headers: {} })).toEqual({
		ok: true,
		alerts: [],
		dropped: { count: 0, first: '', names: [] },
	});
	expect(
		(await runProbe(spec, { resolver: createResolver(), prometheus: { url, headers: {} } })).state,
	).toBe('up');
	expect(seen.map((s) => s.url.split('?')[0])).toEqual(['/api/v2/alerts', '/api/v1/query']);
});

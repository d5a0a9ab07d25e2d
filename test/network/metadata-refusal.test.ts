import { createServer, type Server } from 'node:http';
import net, { type AddressInfo, type LookupFunction } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import { runProbe, type ProbeIo } from '../../checks/probes/probe-one.ts';
import { defaultConditions } from '../../checks/probes/schema.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { createAddressPolicy } from '../../network/address-policy.ts';
import { createNetworkAgent } from '../../network/agent.ts';
import type { Exec } from '../../network/observe-icmp.ts';
import type { ProbeSpec } from '../../network/observation.ts';
import type { ProbeResolver } from '../../network/resolver.ts';
import type { ProbeKind } from '../../core/status-snapshot.ts';
import { installConnectHook, type ConnectHook } from '../helpers/connect-hook.ts';
import { treeOf } from '../links/loopback-web.ts';

// Nothing here may leave the machine. The injected resolver answers cloud-metadata addresses for
// test names, and the connect hook stops (and records) any socket about to reach one, before the
// system call; every test asserts it stopped nothing.
const metadataAddress = /^(?:169\.254\.|::ffff:169\.254\.|fe80:|fd00:ec2:)/i;

let hook: ConnectHook;
let server: Server;
let port: number;
let tripwire: net.Server;
let tripwirePort: number;
let tripwireHits = 0;
const seen: string[] = [];

const answers: Record<string, string[]> = {
	'metadata.test': ['169.254.169.254'],
	'meta6.test': ['fd00:ec2::254'],
	'mixed.test': ['169.254.169.254', '127.0.0.1'],
	'ok.test': ['127.0.0.1'],
};
let rebinds = 0;
const asked: string[] = [];
const lookup: LookupFunction = (hostname, options, callback) => {
	asked.push(hostname);
	const list =
		hostname === 'rebind.test'
			? [rebinds++ === 0 ? '127.0.0.1' : '169.254.169.254']
			: answers[hostname];
	if (!list)
		return void (callback as (e: Error) => void)(
			Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
		);
	const entries = list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
	if ((options as { all?: boolean }).all)
		(callback as unknown as (e: null, a: typeof entries) => void)(null, entries);
	else callback(null, entries[0]?.address ?? '', entries[0]?.family ?? 4);
};
const resolver: ProbeResolver = {
	servers: [],
	lookup,
	query: () => Promise.resolve({ rcode: 'REFUSED', answers: [] }),
};

const execCalls: string[][] = [];
const exec: Exec = (_file, args) => {
	execCalls.push(args);
	return Promise.resolve({ code: 0, stdout: 'time=1.0 ms', stderr: '' });
};

let io: ProbeIo;
beforeAll(async () => {
	hook = installConnectHook((ip, p) => metadataAddress.test(ip) || p === tripwirePort);
	server = createServer((req, res) => {
		seen.push(req.url ?? '');
		if (req.url === '/to-metadata')
			return void res
				.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
				.end();
		if (req.url === '/to-metadata-name')
			return void res.writeHead(302, { location: 'http://metadata.test/latest/meta-data/' }).end();
		res
			.writeHead(200, { 'content-type': 'application/json', connection: 'close' })
			.end('{"ok":true}');
	});
	tripwire = net.createServer((socket) => {
		tripwireHits++;
		socket.destroy();
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	await new Promise<void>((r) => tripwire.listen(0, '127.0.0.1', r));
	port = (server.address() as AddressInfo).port;
	tripwirePort = (tripwire.address() as AddressInfo).port;
	io = { resolver, dispatcher: createNetworkAgent({ lookup }).dispatcher, exec, env: {} };
});
beforeEach(() => {
	asked.length = 0;
	execCalls.length = 0;
	hook.stopped.length = 0;
});
afterAll(async () => {
	hook.uninstall();
	await (io.dispatcher as { close(): Promise<void> }).close();
	server.closeAllConnections();
	await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => tripwire.close(r))]);
});

const spec = (kind: ProbeKind, target: string): ProbeSpec => ({
	id: 'p',
	kind,
	target,
	dnsType: 'A',
	headers: {},
	conditions: defaultConditions[kind],
	intervalMs: 60_000,
	timeoutMs: 1000,
});

test('the connect hook sees loopback connections and stops a forbidden one before it connects (control)', async () => {
	const before = hook.attempts.length;
	const error = await new Promise<NodeJS.ErrnoException>((resolve) =>
		net.connect({ host: '127.0.0.1', port: tripwirePort }).once('error', resolve),
	);
	expect(error.code).toBe('ECONNREFUSED');
	expect(hook.attempts.slice(before)).toEqual([`127.0.0.1:${tripwirePort}`]);
	expect(tripwireHits).toBe(0);
	hook.stopped.length = 0;
});

test.each([
	['http', 'http://metadata.test/latest/meta-data/iam/'],
	['tcp', 'metadata.test:80'],
	['tls', 'metadata.test:443'],
	['icmp', 'metadata.test'],
] as const)(
	'refuses a %s probe whose name resolves to the metadata address, after DNS',
	async (kind, target) => {
		const result = await runProbe(spec(kind, target), io);
		expect(result.state).toBe('unknown');
		expect(result.message).toBe(
			'Not checked: `metadata.test` resolves to 169.254.169.254, which is in 169.254.0.0/16 (link-local, where cloud metadata services answer): refused unless `network.allow` names it, e.g. `169.254.169.254`',
		);
		expect(asked).toContain('metadata.test');
		expect(execCalls).toEqual([]);
		expect(hook.stopped).toEqual([]);
	},
);

test.each([
	['http', 'http://169.254.169.254/latest/meta-data/'],
	['http', 'http://2852039166/latest/meta-data/'],
	['http', 'http://0xa9fea9fe/'],
	['http', 'http://0251.0376.0251.0376/'],
	['http', 'http://169.254.43518/'],
	['http', 'http://[::ffff:169.254.169.254]/'],
	['http', 'http://[::ffff:a9fe:a9fe]/'],
	['http', 'http://[64:ff9b::a9fe:a9fe]/'],
	['http', 'http://[fd00:ec2::254]/latest/meta-data/'],
	['http', 'http://[fe80::1]/'],
	['http', 'http://100.100.100.200/latest/meta-data/'],
	['http', 'http://168.63.129.16/machine'],
	['http', 'http://0.0.0.0:80/'],
	['tcp', '169.254.169.254:80'],
	['tls', '[fd00:ec2::254]:443'],
	['icmp', '169.254.169.254'],
] as const)('refuses the %s literal %s without a socket', async (kind, target) => {
	const result = await runProbe(spec(kind, target), io);
	expect(result).toMatchObject({
		state: 'unknown',
		message: expect.stringMatching(
			/^Not checked: .* refused unless `network\.allow` names it/,
		) as unknown,
	});
	expect(asked).toEqual([]);
	expect(execCalls).toEqual([]);
	expect(hook.stopped).toEqual([]);
});

test('connects to a loopback address spelled in decimal (control for the literal checks)', async () => {
	const before = hook.attempts.length;
	const result = await runProbe(spec('tcp', `2130706433:${port}`), io);
	expect(result.state).toBe('up');
	expect(hook.attempts.slice(before)).toEqual([`127.0.0.1:${port}`]);
});

test('refuses a name that resolves to the IPv6 metadata address', async () => {
	const result = await runProbe(spec('http', 'http://meta6.test/latest/meta-data/'), io);
	expect(result.message).toMatch(
		/^Not checked: `meta6\.test` resolves to fd00:ec2::254, which is in fd00:ec2::\/32/,
	);
	expect(hook.stopped).toEqual([]);
});

test('connects only to the allowed address of a name that also resolves to the metadata address', async () => {
	const before = hook.attempts.length;
	const result = await runProbe(spec('http', `http://mixed.test:${port}/ok`), io);
	expect(result.state).toBe('up');
	expect(hook.attempts.slice(before)).toEqual([`127.0.0.1:${port}`]);
});

test('checks the address again on the next connection, so a rebound name is refused (DNS rebinding)', async () => {
	const first = await runProbe(spec('http', `http://rebind.test:${port}/ok`), io);
	expect(first.state).toBe('up');
	const second = await runProbe(spec('http', `http://rebind.test:${port}/ok`), io);
	expect(second).toMatchObject({
		state: 'unknown',
		message: expect.stringContaining('`rebind.test` resolves to 169.254.169.254') as unknown,
	});
	expect(asked).toEqual(['rebind.test', 'rebind.test']);
	expect(hook.stopped).toEqual([]);
});

test.each(['/to-metadata', '/to-metadata-name'])(
	'does not follow a redirect from an allowed host to the metadata service (%s)',
	async (path) => {
		const result = await runProbe(spec('http', `http://ok.test:${port}${path}`), io);
		expect(seen).toContain(path);
		expect(result.state).toBe('unknown');
		expect(result.message).toMatch(/169\.254\.169\.254.* refused unless `network\.allow` names it/);
		expect(hook.stopped).toEqual([]);
	},
);

test('lets a probe try the metadata address once network.allow names it (the hook stops the attempt here)', async () => {
	const named = {
		...io,
		dispatcher: createNetworkAgent({
			lookup,
			policy: createAddressPolicy({ allow: ['public', 'private', 'loopback', '169.254.169.254'] }),
		}).dispatcher,
	};
	const result = await runProbe(spec('http', 'http://metadata.test/latest/meta-data/'), named);
	expect(result.message).toMatch(/^Connection refused \(ECONNREFUSED\)/);
	expect(hook.stopped).toEqual(['169.254.169.254:80']);
	await (named.dispatcher as { close(): Promise<void> }).close();
});

test('the link checker never contacts a metadata address, whatever privateHostPolicy says, and says so', async () => {
	const page = `[a](http://metadata.test/x) [b](http://169.254.169.254/y) [c](http://[::ffff:169.254.169.254]/z) [d](http://ok.test:${port}/alive)\n`;
	const findings = await checkExternalLinks(
		treeOf({ 'a.md': page }),
		parseConfig({ links: { privateHostPolicy: 'check' } }),
		{ noCache: true, lookup },
	);
	expect(findings.map(formatFinding)).toEqual([
		'a.md:1:1: Skipped because `metadata.test` resolves to 169.254.169.254, which is in 169.254.0.0/16 (link-local, where cloud metadata services answer): refused unless `network.allow` names it, e.g. `169.254.169.254` (external-links)',
		`a.md:1:${page.indexOf('[b]') + 1}: Skipped because 169.254.169.254 is in 169.254.0.0/16 (link-local, where cloud metadata services answer): refused unless \`network.allow\` names it, e.g. \`169.254.169.254\` (external-links)`,
		`a.md:1:${page.indexOf('[c]') + 1}: Skipped because 169.254.169.254 is in 169.254.0.0/16 (link-local, where cloud metadata services answer): refused unless \`network.allow\` names it, e.g. \`169.254.169.254\` (external-links)`,
	]);
	expect(seen).toContain('/alive');
	expect(hook.stopped).toEqual([]);
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exec } from '../../network/observe-icmp.ts';
import { runProbe, type ProbeIo } from '../../checks/probes/probe-one.ts';
import { createNetworkAgent } from '../../network/agent.ts';
import { createResolver } from '../../network/resolver.ts';
import { defaultConditions } from '../../checks/probes/schema.ts';
import type { ProbeSpec } from '../../network/observation.ts';
import type { ProbeKind } from '../../core/status-snapshot.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let lb: Loopback;
let io: ProbeIo;
beforeAll(async () => {
	lb = await startLoopback();
	const resolver = createResolver({ servers: [lb.dns.server], timeoutMs: 500 });
	const agent = createNetworkAgent({ lookup: resolver.lookup });
	io = {
		resolver,
		dispatcher: agent.dispatcher,
		certificateExpiry: agent.certificateExpiry,
		env: { DOLAPIKEY: 'secret-key-123' },
	};
});
afterAll(async () => {
	await (io.dispatcher as { close(): Promise<void> }).close();
	await lb.close();
});

const spec = (
	kind: ProbeKind,
	target: string,
	conditions?: string[],
	extra: Partial<ProbeSpec> = {},
): ProbeSpec => ({
	id: 'p',
	kind,
	target,
	dnsType: 'A',
	headers: {},
	conditions: conditions ?? defaultConditions[kind],
	intervalMs: 30_000,
	timeoutMs: 1000,
	...extra,
});

describe('http', () => {
	test('reports version drift with the observed value next to the expected one', async () => {
		const result = await runProbe(
			spec('http', `http://api.test.lab:${lb.httpPort}/api/index.php/status`, [
				'[STATUS] == 200',
				'[BODY].success.dolibarr_version == 22.0.4',
			]),
			io,
		);
		expect(result).toMatchObject({
			state: 'down',
			ok: false,
			message: '[BODY].success.dolibarr_version (22.0.3) == 22.0.4',
		});
		expect(result.observed).toEqual({
			'[STATUS]': '200',
			'[BODY].success.dolibarr_version': '22.0.3',
		});
	});

	test('reports a 503 readiness as down with its status', async () => {
		const result = await runProbe(spec('http', `${lb.http}/readyz`, ['[STATUS] == 200']), io);
		expect(result).toMatchObject({ state: 'down', message: '[STATUS] (503) == 200' });
	});

	test('reports a healthy endpoint as up with its latency', async () => {
		const result = await runProbe(
			spec('http', `${lb.http}/healthz`, [
				'[STATUS] == 200',
				'[BODY].status == ok',
				'[HEADER].content-type == application/json',
			]),
			io,
		);
		expect(result).toMatchObject({ state: 'up', ok: true });
		expect(result.latencyMs).toBeGreaterThanOrEqual(0);
	});

	test('reports a slow answer as degraded when only the response-time condition fails', async () => {
		const result = await runProbe(
			spec('http', `${lb.http}/slow`, ['[STATUS] == 200', '[RESPONSE_TIME] < 100']),
			io,
		);
		expect(result.state).toBe('degraded');
		expect(result.message).toMatch(/^\[RESPONSE_TIME\] \(\d+\) < 100$/);
	});

	test('reports a hanging endpoint as down after its timeout', async () => {
		const result = await runProbe(
			spec('http', `${lb.http}/hang`, undefined, { timeoutMs: 300 }),
			io,
		);
		expect(result.state).toBe('down');
		expect(result.message).toContain('No answer within 300 ms (timeout)');
	});

	test('reads a huge body only up to the cap', async () => {
		const started = performance.now();
		const result = await runProbe(
			spec('http', `${lb.http}/huge`, ['[STATUS] == 200', '[BODY] == x']),
			{ ...io, bodyCapBytes: 1024 },
		);
		expect(result.state).toBe('down');
		expect(performance.now() - started).toBeLessThan(900);
	});

	test('stops a redirect loop', async () => {
		const result = await runProbe(spec('http', `${lb.http}/loop`), io);
		expect(result.state).toBe('down');
		expect(result.message).toContain('More than 5 redirects');
	});

	test('reports an expired certificate as down', async () => {
		const result = await runProbe(spec('http', `https://127.0.0.1:${lb.httpsPort}/`), io);
		expect(result.state).toBe('down');
		expect(result.message).toContain('Expired TLS certificate (CERT_HAS_EXPIRED)');
	});

	test('reports a name that does not resolve through the configured DNS', async () => {
		const result = await runProbe(
			spec('http', `http://missing.test.lab:${lb.httpPort}/healthz`),
			io,
		);
		expect(result.message).toContain('Unknown host (NXDOMAIN)');
	});

	test('is unknown, not down, when a header secret is missing, and names only the variable', async () => {
		const result = await runProbe(
			spec('http', `${lb.http}/healthz`, undefined, { headers: { DOLAPIKEY: '${env:DOLAPIKEY}' } }),
			{ ...io, env: {} },
		);
		expect(result.state).toBe('unknown');
		expect(result.message).toContain('`DOLAPIKEY`');
	});

	test('sends header secrets from the environment', async () => {
		lb.seenHeaders.length = 0;
		await runProbe(
			spec('http', `${lb.http}/healthz`, undefined, { headers: { DOLAPIKEY: '${env:DOLAPIKEY}' } }),
			io,
		);
		expect(lb.seenHeaders[0]?.dolapikey).toBe('secret-key-123');
	});
});

describe('dns', () => {
	test.each([
		['an A record', 'erp.test.lab', 'A', 'up', '127.0.0.1'],
		['an MX record', 'erp.test.lab', 'MX', 'up', '10 mail.test.lab'],
		['a TXT record', 'erp.test.lab', 'TXT', 'up', 'v=spf1 -all'],
	] as const)('answers %s', async (_name, target, dnsType, state, body) => {
		const result = await runProbe(
			spec('dns', target, ['[DNS_RCODE] == NOERROR', `[BODY] == ${body}`], { dnsType }),
			io,
		);
		expect(result).toMatchObject({ state, observed: { '[DNS_RCODE]': 'NOERROR', '[BODY]': body } });
	});

	test.each([
		['NXDOMAIN', 'missing.test.lab', '[DNS_RCODE] (NXDOMAIN) == NOERROR'],
		['SERVFAIL', 'broken.test.lab', '[DNS_RCODE] (SERVFAIL) == NOERROR'],
	])('reports %s with the code', async (_name, target, message) => {
		const result = await runProbe(spec('dns', target), io);
		expect(result).toMatchObject({ state: 'down', message });
	});

	test('reports a silent server as a timeout', async () => {
		const result = await runProbe(
			spec('dns', 'silent.test.lab', undefined, { timeoutMs: 300 }),
			io,
		);
		expect(result.state).toBe('down');
		expect(result.message).toMatch(
			/^No DNS answer from 127\.0\.0\.1:\d+ within 300 ms; \[DNS_RCODE\] \(TIMEOUT\) == NOERROR$/,
		);
	});
});

describe('tcp, tls, icmp', () => {
	test('connects over tcp through the configured resolver', async () => {
		expect((await runProbe(spec('tcp', `api.test.lab:${lb.httpPort}`), io)).state).toBe('up');
	});

	test('reports a refused tcp connection as down', async () => {
		const result = await runProbe(spec('tcp', '127.0.0.1:1'), io);
		expect(result).toMatchObject({
			state: 'down',
			message: 'Connection refused (ECONNREFUSED); [CONNECTED] (false) == true',
		});
	});

	test('measures an expired certificate over tls and reports it down', async () => {
		const result = await runProbe(
			spec('tls', `expired.test.lab:${lb.httpsPort}`, ['[CERTIFICATE_EXPIRATION] > 48h']),
			io,
		);
		expect(result.state).toBe('down');
		expect(result.message).toMatch(/^\[CERTIFICATE_EXPIRATION\] \(-\d+h(\d+m)?(\d+s)?\) > 48h$/);
	});

	test('is unknown, never down, when ping is missing', async () => {
		const exec: Exec = () =>
			Promise.reject(Object.assign(new Error('spawn ping ENOENT'), { code: 'ENOENT' }));
		const result = await runProbe(spec('icmp', 'erp.test.lab'), { ...io, exec });
		expect(result).toMatchObject({
			state: 'unknown',
			message: 'Not checked: the `ping` program is not installed where the probe runs',
		});
	});

	test('reads the round-trip time from ping', async () => {
		const calls: string[][] = [];
		const exec: Exec = (_file, args) => {
			calls.push(args);
			return Promise.resolve({
				code: 0,
				stdout: '64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.042 ms\n',
				stderr: '',
			});
		};
		const result = await runProbe(spec('icmp', 'erp.test.lab'), { ...io, exec });
		expect(result).toMatchObject({ state: 'up', latencyMs: 0 });
		expect(calls[0]?.at(-1)).toBe('127.0.0.1');
	});

	test('reports no echo reply as down', async () => {
		const exec: Exec = () =>
			Promise.resolve({ code: 1, stdout: '1 packets transmitted, 0 received', stderr: '' });
		expect((await runProbe(spec('icmp', 'erp.test.lab'), { ...io, exec })).state).toBe('down');
	});
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DomainExpirationLookup } from '../../network/domain-expiration.ts';
import { runProbe, type ProbeIo } from '../../checks/probes/probe-one.ts';
import { createNetworkAgent } from '../../network/agent.ts';
import { createResolver } from '../../network/resolver.ts';
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
		peerAddresses: agent.peerAddresses,
		env: {},
	};
});
afterAll(async () => {
	await (io.dispatcher as { close(): Promise<void> }).close();
	await lb.close();
});

const spec = (kind: ProbeKind, target: string, conditions: string[]): ProbeSpec => ({
	id: 'p',
	kind,
	target,
	dnsType: 'A',
	headers: {},
	conditions,
	intervalMs: 300_000,
	timeoutMs: 1000,
});
const day = 86_400_000;

test.each([
	['http', () => `http://api.test.lab:${lb.httpPort}/healthz`],
	['tcp', () => `api.test.lab:${lb.httpPort}`],
	['tls', () => `expired.test.lab:${lb.httpsPort}`],
] as const)('reads [IP] as the address a %s probe connected to', async (kind, target) => {
	const result = await runProbe(spec(kind, target(), ['[IP] == 127.0.0.1', 'len([IP]) == 9']), io);
	expect(result).toMatchObject({
		state: 'up',
		observed: { '[IP]': '127.0.0.1', 'len([IP])': '9' },
	});
});

test('shows the address when [IP] is outside the expected range', async () => {
	const result = await runProbe(
		spec('tcp', `api.test.lab:${lb.httpPort}`, ['[IP] == pat(10.*)']),
		io,
	);
	expect(result).toMatchObject({ state: 'down', message: '[IP] (127.0.0.1) == pat(10.*)' });
});

test('compares [BODY] with the body as received and walks it as JSON', async () => {
	const result = await runProbe(
		spec('http', `${lb.http}/healthz`, [
			'[BODY] == {"status":"ok"}',
			'len([BODY]) == 15',
			'[body].STATUS == x',
			'has([BODY].status) == true',
		]),
		io,
	);
	expect(result).toMatchObject({ state: 'down', message: '[body].STATUS (INVALID) == x' });
});

const domains =
	(
		answer: Awaited<ReturnType<DomainExpirationLookup>>,
		asked: string[] = [],
	): DomainExpirationLookup =>
	(host) => {
		asked.push(host);
		return Promise.resolve(answer);
	};

test('looks up the domain of the probed host and passes when it is far from expiring', async () => {
	const asked: string[] = [];
	const result = await runProbe(
		spec('http', `http://api.test.lab:${lb.httpPort}/healthz`, [
			'[STATUS] == 200',
			'[DOMAIN_EXPIRATION] > 720h',
		]),
		{ ...io, domainExpiration: domains({ expiresAt: Date.now() + 90 * day }, asked) },
	);
	expect(result.state).toBe('up');
	expect(asked).toEqual(['api.test.lab']);
	expect(result.observed['[DOMAIN_EXPIRATION]']).toMatch(/^(89|90)d/);
});

test.each([
	[
		'degraded when the domain expires soon',
		{ expiresAt: Date.now() + 10 * day },
		200,
		'degraded',
		/^\[DOMAIN_EXPIRATION\] \(239h59m\d*s?\) > 720h$/,
	],
	[
		'unknown, not down, when RDAP cannot answer',
		{ unknown: 'no RDAP service is known for `.lab`' },
		200,
		'unknown',
		/^\[DOMAIN_EXPIRATION\] > 720h \(unknown: no RDAP service is known for `\.lab`\)$/,
	],
	[
		'down when another condition fails, whatever RDAP says',
		{ unknown: 'RDAP lookup for `test.lab` failed (HTTP 503)' },
		500,
		'down',
		/^\[STATUS\] \(200\) == 500; \[DOMAIN_EXPIRATION\] > 720h \(unknown: RDAP lookup for `test\.lab` failed \(HTTP 503\)\)$/,
	],
] as const)('is %s', async (_name, answer, status, state, message) => {
	const result = await runProbe(
		spec('http', `${lb.http}/healthz`, [`[STATUS] == ${status}`, '[DOMAIN_EXPIRATION] > 720h']),
		{ ...io, domainExpiration: domains(answer) },
	);
	expect(result.state).toBe(state);
	expect(result.message).toMatch(message);
});

test('is unknown when the run has no RDAP lookup', async () => {
	const result = await runProbe(
		spec('tcp', `api.test.lab:${lb.httpPort}`, ['[domain_expiration] > 720h']),
		io,
	);
	expect(result).toMatchObject({
		state: 'unknown',
		message:
			'[domain_expiration] > 720h (unknown: this run looks up no domain expiration (demo mode contacts only its stand-ins))',
	});
});

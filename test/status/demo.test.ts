import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { driftStandIns, initialStandInState } from '../../server/demo/stand-ins.ts';
import { startDemo, type Demo } from '../../server/demo/start-demo.ts';
import { collectProbes } from '../../checks/probes/collect.ts';
import type { ProbeIo } from '../../checks/probes/probe-one.ts';
import { parseConfig } from '../../config/load-config.ts';
import { openProbeIo } from '../../checks/probes/probe-io.ts';
import { runProbes } from '../../checks/probes/run.ts';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import { repoRoot } from '../helpers/fixture.ts';
import { parseDuration } from '../../core/duration.ts';

let probes: LocatedProbe[];
let demo: Demo;
let io: ProbeIo;
let close: () => Promise<void>;
beforeAll(async () => {
	probes = collectProbes(await loadGuidebookTree(`${repoRoot}guidebooks`)).probes.map((p) => ({
		...p,
		timeoutMs: 2000,
	}));
});
// Every test gets its own stand-ins (and so its own state), whatever the previous test changed.
beforeEach(async () => {
	demo = await startDemo();
	// The same wiring as `serve --demo`: the demo's DNS, CA, stand-ins and loopback-only allow-list.
	({ io, close } = openProbeIo(parseConfig({}), {}, demo));
});
afterEach(async () => {
	await close();
	await demo.close();
});

test('answers every probe of the bundled guidebooks from loopback stand-ins, over HTTPS and DNS', async () => {
	expect(probes.length).toBeGreaterThanOrEqual(6);
	expect(probes.every((p) => p.target.includes('example.lab'))).toBe(true);
	const results = await runProbes(probes, io);
	expect(results.filter((r) => r.state !== 'up').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
	expect(
		results.find((r) => r.id === 'erp-status')?.observed['[BODY].success.dolibarr_version'],
	).toBe('22.0.4');
});

test('shows drift and readiness failures when the stand-ins change', async () => {
	demo.state.dolibarrVersion = '22.0.3';
	demo.state.crmReady = false;
	const results = await runProbes(
		probes.filter((p) => p.id === 'erp-status' || p.id === 'crm-ready'),
		io,
	);
	expect(results.map((r) => [r.id, r.state, r.message])).toEqual([
		['crm-ready', 'down', '[STATUS] (503) == 200'],
		['erp-status', 'down', '[BODY].success.dolibarr_version (22.0.3) == 22.0.4'],
	]);
});

test.each([
	[0.1, 'crm /readyz now answers 503', { crmReady: false }],
	[0.3, 'Dolibarr now reports version 22.0.3', { dolibarrVersion: '22.0.3' }],
	[0.5, 'ERPNext ping now fails with 502', { erpnextUp: false }],
	[0.7, 'answers now take 2500 ms longer', { delayMs: 2500 }],
	[0.9, 'Odoo /web/health now fails', { odooHealthy: false }],
])('drifts one stand-in for a roll of %s and says which', (roll, message, changed) => {
	const state = initialStandInState();
	expect(driftStandIns(state, () => roll)).toBe(message);
	expect(state).toEqual({ ...initialStandInState(), ...changed });
});

test('refuses names outside the demo zone, so the demo cannot reach a real host', async () => {
	const answer = await io.resolver.query('erp.gigafibre.ca', 'A');
	expect(answer.rcode).toBe('REFUSED');
});

test.each([
	['an IP-literal target', 'http://192.0.2.10/health'],
	['a private address', 'https://10.0.0.1/'],
	['a decimal IP literal', 'http://3221225994/'],
])('never contacts %s in demo mode', async (_name, target) => {
	const [result] = await runProbes([{ ...probes[0]!, kind: 'http', target, headers: {} }], io);
	expect(result).toMatchObject({
		state: 'unknown',
		message: expect.stringMatching(
			/^Not checked: .* outside the demo \(loopback stand-ins only\)$/,
		) as unknown,
	});
});

test('reports a host outside the zone as refused by the demo DNS, which answers nothing else', async () => {
	const [result] = await runProbes(
		[{ ...probes[0]!, kind: 'http', target: 'https://erp.gigafibre.ca/', headers: {} }],
		io,
	);
	expect(result?.message).toMatch(/^DNS query refused \(REFUSED\)/);
});

test('reads the certificate expiry of an https endpoint from the connection', async () => {
	const [result] = await runProbes(
		[
			{
				...probes.find((p) => p.id === 'erp-status')!,
				conditions: ['[CERTIFICATE_EXPIRATION] > 48h'],
			},
		],
		io,
	);
	expect(result?.state).toBe('up');
	// Days and the next unit that is not zero: `3326d 5h`, or `3326d 50m` in the hour after a whole day.
	const expiry = result?.observed['[CERTIFICATE_EXPIRATION]'] ?? '';
	expect(expiry).toMatch(/^\d{4}d( \d+[hms])?$/);
	expect(parseDuration(expiry.replaceAll(' ', ''))).toBeGreaterThan(48 * 3_600_000);
});

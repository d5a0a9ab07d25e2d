import { expect, test } from 'vitest';
import { parseDuration } from '../../core/duration.ts';
import { ProbeDeclarationSchema, toProbeSpec } from '../../checks/probes/schema.ts';

test.each([
	['30s', 30_000],
	['500ms', 500],
	['5m', 300_000],
	['1h30m', 5_400_000],
	['48h', 172_800_000],
	['5 seconds', undefined],
])('parses the duration %s', (text, ms) => {
	expect(parseDuration(text)).toBe(ms);
});

test('accepts the contract shape and applies defaults per kind', () => {
	const parsed = ProbeDeclarationSchema.parse({
		id: 'erp-dns',
		dns: { name: 'erp.example.lab', type: 'MX' },
		interval: '5m',
	});
	expect(toProbeSpec(parsed)).toEqual({
		id: 'erp-dns',
		kind: 'dns',
		target: 'erp.example.lab',
		dnsType: 'MX',
		headers: {},
		conditions: ['[DNS_RCODE] == NOERROR'],
		intervalMs: 300_000,
		timeoutMs: 10_000,
	});
});

test.each([
	[
		{ id: 'x' },
		'Unexpected probe without a target, expected exactly one of `http`, `dns`, `tcp`, `icmp`, `tls`, `prometheus`',
	],
	[
		{ id: 'x', tcp: 'db.example.lab' },
		'Unexpected `db.example.lab`, expected `host:port`, e.g. `db.example.lab:5432`',
	],
	[
		{ id: 'x', http: 'ftp://a' },
		'Unexpected `ftp://a`, expected an http(s) URL, e.g. `https://erp.example.lab/api/index.php/status`',
	],
	[
		{ id: 'x', dns: 'a.lab', headers: { A: '1' } },
		'Unexpected `headers` on a dns probe, expected them only on `http` probes',
	],
	[
		{ id: 'x', http: 'https://a.lab/', headers: { A: '${HOME}' } },
		'Unexpected `${HOME}`, expected `${env:NAME}` for an environment variable',
	],
	[{ id: 'x', icmp: 'a.lab', extra: 1 }, 'Unrecognized key: "extra"'],
])('rejects a malformed declaration %#', (input, message) => {
	const result = ProbeDeclarationSchema.safeParse(input);
	expect(result.success ? [] : result.error.issues.map((i) => i.message)).toContain(message);
});

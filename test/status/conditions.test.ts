import { expect, test } from 'vitest';
import { evaluateCondition, parseCondition } from '../../checks/probes/conditions.ts';
import { parseDuration } from '../../core/duration.ts';
import { ProbeDeclarationSchema, toProbeSpec } from '../../checks/probes/schema.ts';
import type { Observation } from '../../network/observation.ts';

const obs: Observation = {
	connected: true,
	responseTimeMs: 120,
	status: 503,
	headers: { 'content-type': 'application/json' },
	body: { success: { code: 200, dolibarr_version: '22.0.4' }, items: [{ name: 'a' }] },
	certificateExpiresInMs: 24 * 3_600_000,
	dnsRcode: 'NXDOMAIN',
};
const evaluate = (text: string) => {
	const parsed = parseCondition(text);
	if (!parsed.ok) throw new Error(parsed.message);
	return evaluateCondition(parsed, obs);
};

test.each([
	['[STATUS] == 200', false, '[STATUS] (503) == 200'],
	['[STATUS] >= 500', true, '[STATUS] >= 500'],
	['[BODY].success.dolibarr_version == 22.0.4', true, '[BODY].success.dolibarr_version == 22.0.4'],
	['[BODY].success.dolibarr_version == 22.0.3', false, '[BODY].success.dolibarr_version (22.0.4) == 22.0.3'],
	['[BODY].items[0].name == a', true, '[BODY].items[0].name == a'],
	['[BODY].missing == a', false, '[BODY].missing (none) == a'],
	['[RESPONSE_TIME] < 100', false, '[RESPONSE_TIME] (120) < 100'],
	['[HEADER].Content-Type == application/json', true, '[HEADER].Content-Type == application/json'],
	['[CERTIFICATE_EXPIRATION] > 48h', false, '[CERTIFICATE_EXPIRATION] (1d) > 48h'],
	['[DNS_RCODE] == NOERROR', false, '[DNS_RCODE] (NXDOMAIN) == NOERROR'],
	['[CONNECTED] == true', true, '[CONNECTED] == true'],
	['[STATUS] != 200', true, '[STATUS] != 200'],
	['[STATUS] <= 503', true, '[STATUS] <= 503'],
	['[BODY].success.code > 199', true, '[BODY].success.code > 199'],
])('evaluates %s', (text, ok, display) => {
	expect(evaluate(text)).toMatchObject({ ok, display });
});

test.each([
	['[STATUS] = 200', 'Unexpected condition `[STATUS] = 200`, expected `[PLACEHOLDER] OPERATOR VALUE` such as `[STATUS] == 200`'],
	['[STATS] == 200', 'Unexpected placeholder `[STATS]` in `[STATS] == 200`, expected one of `[STATUS]`, `[BODY]`, `[RESPONSE_TIME]`, `[HEADER]`, `[CERTIFICATE_EXPIRATION]`, `[DNS_RCODE]`, `[CONNECTED]`, `[VALUE]`'],
	['[STATUS] < fast', 'Unexpected non-numeric `fast` after `<` in `[STATUS] < fast`, expected a number'],
	['[HEADER] == x', 'Unexpected `[HEADER]` in `[HEADER] == x`, expected `[HEADER].name`'],
	['[STATUS].x == 1', 'Unexpected `[STATUS].x` in `[STATUS].x == 1`, expected `[STATUS]` without a path'],
])('rejects %s with a message', (text, message) => {
	expect(parseCondition(text)).toEqual({ ok: false, message });
});

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
	const parsed = ProbeDeclarationSchema.parse({ id: 'erp-dns', dns: { name: 'erp.example.lab', type: 'MX' }, interval: '5m' });
	expect(toProbeSpec(parsed)).toEqual({ id: 'erp-dns', kind: 'dns', target: 'erp.example.lab', dnsType: 'MX', headers: {}, conditions: ['[DNS_RCODE] == NOERROR'], intervalMs: 300_000, timeoutMs: 10_000 });
});

test.each([
	[{ id: 'x' }, 'Unexpected probe without a target, expected exactly one of `http`, `dns`, `tcp`, `icmp`, `tls`, `prometheus`'],
	[{ id: 'x', tcp: 'db.example.lab' }, 'Unexpected `db.example.lab`, expected `host:port`, e.g. `db.example.lab:5432`'],
	[{ id: 'x', http: 'ftp://a' }, 'Unexpected `ftp://a`, expected an http(s) URL, e.g. `https://erp.example.lab/api/index.php/status`'],
	[{ id: 'x', dns: 'a.lab', headers: { A: '1' } }, 'Unexpected `headers` on a dns probe, expected them only on `http` probes'],
	[{ id: 'x', http: 'https://a.lab/', headers: { A: '${HOME}' } }, 'Unexpected `${HOME}`, expected `${env:NAME}` for an environment variable'],
	[{ id: 'x', icmp: 'a.lab', extra: 1 }, 'Unrecognized key: "extra"'],
])('rejects a malformed declaration %#', (input, message) => {
	const result = ProbeDeclarationSchema.safeParse(input);
	expect(result.success ? [] : result.error.issues.map((i) => i.message)).toContain(message);
});

import { expect, test } from 'vitest';
import { evaluateCondition, parseCondition } from '../../checks/probes/conditions.ts';
import type { Observation } from '../../network/observation.ts';

const evaluate = (text: string, seen: Partial<Observation>) => {
	const parsed = parseCondition(text);
	if (!parsed.ok) throw new Error(parsed.message);
	return evaluateCondition(parsed, { connected: true, responseTimeMs: null, ...seen });
};
/** An HTTP answer as the prober keeps it: the text as received and, for JSON, decoded. */
const answer = (bodyText: string, more: Partial<Observation> = {}): Partial<Observation> => {
	let body: unknown = bodyText;
	try {
		body = /^\s*[[{]/.test(bodyText) ? JSON.parse(bodyText) : bodyText;
	} catch {
		// Not JSON: kept as text, as the prober does.
	}
	return { status: 200, bodyText, body, ...more };
};
const erp = answer(
	'{"success": {"code": 200, "dolibarr_version": "22.0.4"}, "modules": [{"name": "stock", "enabled": true}, {"name": "bank", "enabled": false}], "queue": {"depth": "0x1F", "limit": 1000000}}',
);

test.each([
	['a status that matches', '[STATUS] == 200', { status: 200 }, true, '[STATUS] == 200'],
	[
		'a status that does not match',
		'[STATUS] == 200',
		{ status: 502 },
		false,
		'[STATUS] (502) == 200',
	],
	['a status below a bound', '[STATUS] < 400', { status: 302 }, true, '[STATUS] < 400'],
	['a status over a bound', '[STATUS] < 400', { status: 404 }, false, '[STATUS] (404) < 400'],
	[
		'a status among several',
		'[STATUS] == any(200, 204)',
		{ status: 204 },
		true,
		'[STATUS] == any(200, 204)',
	],
	[
		'a status among none of several',
		'[STATUS] == any(200, 204)',
		{ status: 500 },
		false,
		'[STATUS] (500) == any(200, 204)',
	],
	[
		'any() written first',
		'any(200, 204) == [STATUS]',
		{ status: 200 },
		true,
		'any(200, 204) == [STATUS]',
	],
	[
		'a status against a pattern',
		'[STATUS] == pat(2*)',
		{ status: 201 },
		true,
		'[STATUS] == pat(2*)',
	],
	[
		'a status outside a pattern',
		'[STATUS] == pat(2*)',
		{ status: 503 },
		false,
		'[STATUS] (503) == pat(2*)',
	],
	['a lower-case placeholder', '[status] == 200', { status: 200 }, true, '[status] == 200'],
	['a mixed-case placeholder', '[Status] != 200', { status: 200 }, false, '[Status] (200) != 200'],
	[
		'a placeholder on the right',
		'200 == [STATUS]',
		{ status: 503 },
		false,
		'200 == [STATUS] (503)',
	],
	['a hexadecimal value', '[STATUS] == 0xC8', { status: 200 }, true, '[STATUS] == 0xC8'],
	['an octal value', '[STATUS] == 0o310', { status: 200 }, true, '[STATUS] == 0o310'],
	['a binary value', '[STATUS] == 0b11001000', { status: 200 }, true, '[STATUS] == 0b11001000'],
	['an unset status as 0', '[STATUS] == 0', { dnsRcode: 'NOERROR' }, true, '[STATUS] == 0'],
	['a condition without any placeholder', '1 == 2', {}, false, '1 == 2'],
])('evaluates %s', (_name, text, seen, ok, display) => {
	expect(evaluate(text, seen)).toMatchObject({ ok, display });
});

test.each([
	[
		'a nested JSON value',
		'[BODY].success.dolibarr_version == 22.0.4',
		true,
		'[BODY].success.dolibarr_version == 22.0.4',
	],
	[
		'a nested JSON value that drifted',
		'[BODY].success.dolibarr_version == 22.0.5',
		false,
		'[BODY].success.dolibarr_version (22.0.4) == 22.0.5',
	],
	['a JSON number', '[BODY].success.code == 200', true, '[BODY].success.code == 200'],
	[
		'an array item by index',
		'[BODY].modules[1].name == bank',
		true,
		'[BODY].modules[1].name == bank',
	],
	[
		'a JSON boolean',
		'[BODY].modules[0].enabled == true',
		true,
		'[BODY].modules[0].enabled == true',
	],
	[
		'an index past the end as invalid',
		'[BODY].modules[5].name == bank',
		false,
		'[BODY].modules[5].name (INVALID) == bank',
	],
	[
		'a negative index as invalid',
		'[BODY].modules[-1].name == bank',
		false,
		'[BODY].modules[-1].name (INVALID) == bank',
	],
	[
		'a missing key as invalid',
		'[BODY].success.build == 7',
		false,
		'[BODY].success.build (INVALID) == 7',
	],
	[
		'a hexadecimal string in the body as a number',
		'[BODY].queue.depth == 31',
		true,
		'[BODY].queue.depth == 31',
	],
	[
		'a hexadecimal string in the body against a bound',
		'[BODY].queue.depth < 16',
		false,
		'[BODY].queue.depth (31) < 16',
	],
	[
		'a large JSON number in Go notation',
		'[BODY].queue.limit == 1e+06',
		true,
		'[BODY].queue.limit == 1e+06',
	],
	['the length of an array', 'len([BODY].modules) == 2', true, 'len([BODY].modules) == 2'],
	[
		'the length of a string',
		'len([BODY].success.dolibarr_version) > 6',
		false,
		'len([BODY].success.dolibarr_version) (6) > 6',
	],
	[
		'the length of a missing key as invalid',
		'len([BODY].errors) == 0',
		false,
		'len([BODY].errors) (INVALID) == 0',
	],
	['a key that exists', 'has([BODY].success) == true', true, 'has([BODY].success) == true'],
	[
		'a key that does not exist',
		'has([BODY].errors) == true',
		false,
		'has([BODY].errors) (false) == true',
	],
	[
		'two paths against each other',
		'[BODY].success.code == [BODY].modules[0].name',
		false,
		'[BODY].success.code (200) == [BODY].modules[0].name (stock)',
	],
	[
		'an object re-marshalled with sorted keys',
		'[BODY].modules[0] == {"enabled":true,"name":"stock"}',
		true,
		'[BODY].modules[0] == {"enabled":true,"name":"stock"}',
	],
	[
		'an array in Go notation',
		'[BODY].modules[0].name != [stock bank]',
		true,
		'[BODY].modules[0].name != [stock bank]',
	],
	[
		'the whole body against a pattern',
		'[BODY] == pat(*"dolibarr_version": "22.*)',
		true,
		'[BODY] == pat(*"dolibarr_version": "22.*)',
	],
	[
		'a long body shortened beside a pattern',
		'[BODY] == pat(*maintenance*)',
		false,
		'[BODY] ({"success": {"code": 200,...(truncated)) == pat(*maintenance*)',
	],
])('evaluates %s', (_name, text, ok, display) => {
	expect(evaluate(text, erp)).toMatchObject({ ok, display });
});

test.each([
	[
		'the raw body as received, spaces included',
		'[BODY] == {"up": true}',
		answer('{"up": true}'),
		true,
	],
	[
		'the raw body, not its re-serialisation',
		'[BODY] == {"up":true}',
		answer('{"up": true}'),
		false,
	],
	[
		'a text body against a pattern',
		'[BODY] != pat(*error*)',
		answer('fatal error: db down'),
		false,
	],
	['the length of a text body in bytes', 'len([BODY]) == 6', answer('café!'), true],
	['the length of a JSON array body in items', 'len([BODY]) == 3', answer('[1, 2, 3]'), true],
	['an empty body', 'has([BODY]) == false', answer(''), true],
	['a number in a text body', '[BODY] > 41', answer('42\n'), true],
])('compares %s', (_name, text, seen, ok) => {
	expect(evaluate(text, seen).ok).toBe(ok);
});

test.each([
	[
		'a response time under a bound',
		'[RESPONSE_TIME] < 500',
		{ responseTimeMs: 120 },
		true,
		'[RESPONSE_TIME] < 500',
	],
	[
		'a response time over a duration',
		'[RESPONSE_TIME] < 1s',
		{ responseTimeMs: 1500 },
		false,
		'[RESPONSE_TIME] (1500) < 1s',
	],
	[
		'a certificate expiring in a day',
		'[CERTIFICATE_EXPIRATION] > 48h',
		{ certificateExpiresInMs: 86_400_000 },
		false,
		'[CERTIFICATE_EXPIRATION] (24h) > 48h',
	],
	[
		'a certificate with time to spare',
		'[CERTIFICATE_EXPIRATION] > 336h',
		{ certificateExpiresInMs: 30 * 86_400_000 },
		true,
		'[CERTIFICATE_EXPIRATION] > 336h',
	],
	[
		'no certificate as 0',
		'[CERTIFICATE_EXPIRATION] > 0',
		{},
		false,
		'[CERTIFICATE_EXPIRATION] (0s) > 0 (0s)',
	],
	[
		'a domain expiring in 10 days',
		'[DOMAIN_EXPIRATION] > 720h',
		{ domainExpiresInMs: 10 * 86_400_000 },
		false,
		'[DOMAIN_EXPIRATION] (240h) > 720h',
	],
	[
		'the IP against a pattern',
		'[IP] == pat(10.20.*)',
		{ ip: '10.20.0.7' },
		true,
		'[IP] == pat(10.20.*)',
	],
	[
		'the IP outside a pattern',
		'[IP] == pat(10.20.*)',
		{ ip: '192.0.2.1' },
		false,
		'[IP] (192.0.2.1) == pat(10.20.*)',
	],
	['an unset IP as empty', 'has([IP]) == true', {}, false, 'has([IP]) (false) == true'],
	['the length of the IP', 'len([IP]) == 9', { ip: '127.0.0.1' }, true, 'len([IP]) == 9'],
	[
		'a DNS answer code',
		'[DNS_RCODE] == NOERROR',
		{ dnsRcode: 'NXDOMAIN' },
		false,
		'[DNS_RCODE] (NXDOMAIN) == NOERROR',
	],
	[
		'a failed connection',
		'[CONNECTED] == true',
		{ connected: false },
		false,
		'[CONNECTED] (false) == true',
	],
	[
		'a response header',
		'[HEADER].Content-Type == pat(application/json*)',
		{ headers: { 'content-type': 'application/json; charset=utf-8' } },
		true,
		'[HEADER].Content-Type == pat(application/json*)',
	],
	[
		'a missing response header as invalid',
		'[HEADER].server == nginx',
		{ headers: {} },
		false,
		'[HEADER].server (INVALID) == nginx',
	],
])('evaluates %s', (_name, text, seen, ok, display) => {
	expect(evaluate(text, seen)).toMatchObject({ ok, display });
});

test.each([
	['a slow answer', '[RESPONSE_TIME] < 500', { responseTimeMs: 900 }, true],
	[
		'a certificate expiring soon',
		'[CERTIFICATE_EXPIRATION] > 336h',
		{ certificateExpiresInMs: 86_400_000 },
		true,
	],
	[
		'an expired certificate',
		'[CERTIFICATE_EXPIRATION] > 336h',
		{ certificateExpiresInMs: -1 },
		false,
	],
	['a domain expiring soon', '[DOMAIN_EXPIRATION] > 720h', { domainExpiresInMs: 86_400_000 }, true],
	['a wrong status', '[STATUS] == 200', { status: 500 }, false],
])(
	'counts %s as soft (degraded) only when it is merely slow or expiring',
	(_name, text, seen, soft) => {
		expect(evaluate(text, seen)).toMatchObject({ ok: false, soft });
	},
);

test('reads a domain expiration that could not be looked up as unknown, with its reason', () => {
	expect(
		evaluate('[DOMAIN_EXPIRATION] > 720h', {
			domainExpirationUnknown: 'no RDAP service is known for `.lab`',
		}),
	).toEqual({
		ok: false,
		soft: true,
		unknown: 'no RDAP service is known for `.lab`',
		display: '[DOMAIN_EXPIRATION] > 720h (unknown: no RDAP service is known for `.lab`)',
		observed: { '[DOMAIN_EXPIRATION]': '0' },
	});
});

test('lists what each placeholder side observed', () => {
	expect(evaluate('[BODY].success.code == [STATUS]', erp).observed).toEqual({
		'[BODY].success.code': '200',
		'[STATUS]': '200',
	});
	expect(
		evaluate('[CERTIFICATE_EXPIRATION] > 48h', { certificateExpiresInMs: 90_061_000 }).observed,
	).toEqual({ '[CERTIFICATE_EXPIRATION]': '1d 1h' });
});

test.each([
	[
		'no spaces around the operator',
		'[STATUS]==200',
		'Unexpected condition `[STATUS]==200` that does not match `<VALUE> <COMPARATOR> <VALUE>`, expected `==`, `!=`, `<`, `<=`, `>` or `>=` with a space on each side; did you mean `[STATUS] == 200`',
	],
	[
		'a single equals sign',
		'[STATUS] = 200',
		'Unexpected condition `[STATUS] = 200` that does not match `<VALUE> <COMPARATOR> <VALUE>`, expected `==`, `!=`, `<`, `<=`, `>` or `>=` with a space on each side; did you mean `[STATUS] == 200`',
	],
	[
		'no operator at all',
		'[CONNECTED]',
		'Unexpected condition `[CONNECTED]` that does not match `<VALUE> <COMPARATOR> <VALUE>`, expected `==`, `!=`, `<`, `<=`, `>` or `>=` with a space on each side',
	],
	[
		'nothing after the operator',
		'[STATUS] == ',
		'Unexpected empty right side in `[STATUS] == `, expected a value after `==`',
	],
	[
		'two comparisons',
		'[STATUS] == 200 == 204',
		'Unexpected second `==` in `[STATUS] == 200 == 204`, expected one comparison per condition (Gatus compares only `[STATUS] == 200`)',
	],
	[
		'a misspelt placeholder',
		'[STAUTS] == 200',
		'Unexpected placeholder `[STAUTS]` in `[STAUTS] == 200`, expected one of `[STATUS]`, `[IP]`, `[RESPONSE_TIME]`, `[DNS_RCODE]`, `[CONNECTED]`, `[CERTIFICATE_EXPIRATION]`, `[DOMAIN_EXPIRATION]`, `[BODY]`, `[HEADER]`, `[VALUE]`; did you mean `[STATUS]`',
	],
	[
		'a misspelt placeholder on the right',
		'200 == [STATSU]',
		'Unexpected placeholder `[STATSU]` in `200 == [STATSU]`, expected one of `[STATUS]`, `[IP]`, `[RESPONSE_TIME]`, `[DNS_RCODE]`, `[CONNECTED]`, `[CERTIFICATE_EXPIRATION]`, `[DOMAIN_EXPIRATION]`, `[BODY]`, `[HEADER]`, `[VALUE]`; did you mean `[STATUS]`',
	],
	[
		'a path after a placeholder that has none',
		'[STATUS].code == 200',
		'Unexpected `[STATUS].code` in `[STATUS].code == 200`, expected `[STATUS]` alone (only `[BODY]` and `[HEADER]` take a path)',
	],
	[
		'a header without a name',
		'[HEADER] == nginx',
		'Unexpected `[HEADER]` in `[HEADER] == nginx`, expected `[HEADER].name`, e.g. `[HEADER].content-type`',
	],
	[
		'a suite placeholder',
		'[CONTEXT].token == abc',
		'Unexpected `[CONTEXT]` in `[CONTEXT].token == abc`, expected a placeholder of a single probe (`[CONTEXT]` belongs to Gatus suites, which Waymark does not have)',
	],
	[
		'len() around plain text',
		'len(abc) == 3',
		'Unexpected `len(abc)` in `len(abc) == 3`, expected a placeholder inside `len()`, e.g. `len([BODY].items)`',
	],
	[
		'a word after a numeric operator',
		'[RESPONSE_TIME] < fast',
		'Unexpected `fast` in `[RESPONSE_TIME] < fast`, expected a number or a duration such as `500ms` or `48h` (Gatus reads anything else as 0)',
	],
	[
		'days, which Go durations lack',
		'[CERTIFICATE_EXPIRATION] > 30d',
		'Unexpected `30d` in `[CERTIFICATE_EXPIRATION] > 30d`, expected a number or a duration such as `500ms` or `48h` (Gatus reads anything else as 0); did you mean `720h`',
	],
	[
		'a pattern after a numeric operator',
		'[STATUS] < pat(4*)',
		'Unexpected `pat(4*)` in `[STATUS] < pat(4*)`, expected `pat()` and `any()` only with `==` or `!=`',
	],
])('rejects %s with its reason', (_name, text, message) => {
	expect(parseCondition(text)).toEqual({ ok: false, message });
});

test.each([
	['[STATUS] < 1e3'],
	['[BODY].count >= 1_000'],
	['[RESPONSE_TIME] <= 1h30m'],
	['[CERTIFICATE_EXPIRATION] > -24h'],
	['[BODY] == [OK]'],
	['raw == raw'],
])('accepts %s as Gatus does', (text) => {
	expect(parseCondition(text)).toMatchObject({ ok: true });
});

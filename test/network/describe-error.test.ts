import { expect, test } from 'vitest';
import { describeNetworkError } from '../../network/describe-error.ts';

test.each([
	[
		{ code: 'ENOTFOUND' },
		'unknown host (NXDOMAIN)',
		{ permanent: true, noServer: true, unconnected: true },
	],
	[
		{ cause: { code: 'ECONNREFUSED' } },
		'connection refused (ECONNREFUSED)',
		{ noServer: true, unconnected: true },
	],
	[{ code: 'EAI_AGAIN' }, 'temporary DNS failure (EAI_AGAIN)', { unconnected: true }],
	[{ code: 'ENETUNREACH' }, 'unreachable network (ENETUNREACH)', { unconnected: true }],
	[
		{ code: 'UND_ERR_CONNECT_TIMEOUT' },
		'no answer within 250 ms (timeout)',
		{ timeout: true, unconnected: true },
	],
	[{ code: 'ECONNRESET' }, 'connection reset (ECONNRESET)', {}],
	[{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'no answer within 250 ms (timeout)', { timeout: true }],
	[{ name: 'TimeoutError' }, 'no answer within 250 ms (timeout)', { timeout: true }],
	[{ code: 'CERT_HAS_EXPIRED' }, 'expired TLS certificate (CERT_HAS_EXPIRED)', {}],
	[
		{ code: 'ERR_WAYMARK_ADDRESS_REFUSED', message: '169.254.169.254 is in 169.254.0.0/16' },
		'169.254.169.254 is in 169.254.0.0/16',
		{ refused: true },
	],
	[{ name: 'AbortError' }, 'cancelled', {}],
	[{ code: 'EWEIRD' }, 'network error (EWEIRD)', {}],
	[{ message: 'socket hang up' }, 'network error (socket hang up)', {}],
	[{}, 'network error (unknown)', {}],
])('words %j as %s, for probes and links alike', (error, text, flags) => {
	expect(describeNetworkError(error, 250)).toEqual({
		text,
		permanent: false,
		noServer: false,
		refused: false,
		timeout: false,
		unconnected: false,
		...flags,
	});
});

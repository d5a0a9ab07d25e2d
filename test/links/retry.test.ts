import { expect, test } from 'vitest';
import { planAfterAnswer, planAfterError, type RetryPolicy } from '../../checks/links/retry.ts';
import { parseRetryAfter, sendRequest } from '../../checks/links/send-request.ts';
import type { Dispatcher } from 'undici';
import { addressRefusedCode } from '../../network/guard.ts';

const policy: RetryPolicy = {
	retries: 2,
	maxRetryAfterMs: 60_000,
	backoffMs: 100,
	timeoutMs: 1000,
	retryOn: new Set([429, 503]),
	random: () => 0.5,
};
const fresh = { attempts: 1, waited429: false };

test.each([
	['delta seconds', '120', 120_000],
	['an HTTP date', 'Sat, 21 Nov 2026 06:00:30 GMT', 30_000],
	['a date in the past', 'Sat, 21 Nov 2026 05:00:00 GMT', 0],
	['garbage', 'soon', undefined],
	['nothing', undefined, undefined],
])('parses Retry-After given as %s', (_name, value, expected) => {
	expect(parseRetryAfter(value, Date.parse('2026-11-21T06:00:00Z'))).toBe(expected);
});

test.each([
	['a 200', { status: 200 }, fresh, 'clean', { kind: 'done' }],
	['a 404', { status: 404 }, fresh, 'clean', { kind: 'done' }],
	[
		'a 429 with Retry-After',
		{ status: 429, retryAfter: 1000 },
		fresh,
		'refused',
		{ kind: 'retry', inMs: 1000, host: false },
	],
	[
		'a 429 without Retry-After (backoff)',
		{ status: 429 },
		fresh,
		'refused',
		{ kind: 'retry', inMs: 100, host: false },
	],
	[
		'a 429 after waiting out a 429',
		{ status: 429, retryAfter: 1000 },
		{ attempts: 2, waited429: true },
		'pushback',
		{ kind: 'retry', inMs: 1000, host: true },
	],
	[
		'a 429 saying the quota is spent',
		{ status: 429, retryAfter: 2000, quotaSpent: true as const },
		fresh,
		'pushback',
		{ kind: 'retry', inMs: 2000, host: true },
	],
	[
		'a 503 with Retry-After',
		{ status: 503, retryAfter: 1000 },
		fresh,
		'pushback',
		{ kind: 'retry', inMs: 1000, host: true },
	],
	[
		'a 503 on the second retry (backoff doubled)',
		{ status: 503 },
		{ attempts: 2, waited429: false },
		'pushback',
		{ kind: 'retry', inMs: 200, host: true },
	],
	[
		'a 429 once the retries are spent',
		{ status: 429, retryAfter: 1000 },
		{ attempts: 3, waited429: false },
		'refused',
		{ kind: 'give-up' },
	],
	[
		'a 429 asking for more than maxRetryAfterMs',
		{ status: 429, retryAfter: 61_000 },
		fresh,
		'refused',
		{ kind: 'give-up', tooLongMs: 61_000 },
	],
])('plans %s', (_name, answer, state, signal, step) => {
	expect(planAfterAnswer({ statusText: '', ...answer }, state, policy, false)).toEqual({
		signal,
		step,
	});
});

test('hears a status the URL accepts as final, and a 429 or 503 among them still as pushback', () => {
	const accepting = { ...policy, retryOn: new Set<number>() };
	expect(planAfterAnswer({ status: 429, statusText: '' }, fresh, accepting, false)).toEqual({
		signal: 'pushback',
		step: { kind: 'done' },
	});
	expect(planAfterAnswer({ status: 200, statusText: '' }, fresh, accepting, true)).toEqual({
		signal: 'slow',
		step: { kind: 'done' },
	});
});

test.each([
	[
		'a timeout',
		{ code: 'UND_ERR_HEADERS_TIMEOUT' },
		fresh,
		{ signal: 'pushback', step: { kind: 'retry', inMs: 100, host: false } },
	],
	[
		'a refused connection, retries left',
		{ code: 'ECONNREFUSED' },
		fresh,
		{ signal: 'pushback', step: { kind: 'retry', inMs: 100, host: false } },
	],
	[
		'a refused connection, retries spent',
		{ code: 'ECONNREFUSED' },
		{ attempts: 3, waited429: false },
		{ signal: 'pushback', step: { kind: 'done' } },
	],
	['an unknown host', { code: 'ENOTFOUND' }, fresh, { signal: 'pushback', step: { kind: 'done' } }],
	[
		'an address the policy refuses',
		{ code: addressRefusedCode },
		fresh,
		{ step: { kind: 'done' } },
	],
])('plans after %s', (_name, error, state, plan) => {
	expect(planAfterError(Object.assign(new Error('x'), error), state, policy)).toEqual(plan);
});

test.each([
	['X-RateLimit-Remaining: 0', { 'x-ratelimit-remaining': '0' }, true],
	['RateLimit-Remaining: 0', { 'ratelimit-remaining': ' 0 ' }, true],
	['RateLimit: "default";r=0;t=30', { ratelimit: '"default";r=0;t=30' }, true],
	['X-RateLimit-Remaining: 10', { 'x-ratelimit-remaining': '10' }, false],
	['RateLimit: "default";r=10;t=30', { ratelimit: '"default";r=10;t=30' }, false],
	['no rate-limit header', {}, false],
])('reads a spent quota from %s', async (_name, headers, spent) => {
	const dispatcher = {
		request: () =>
			Promise.resolve({
				statusCode: 429,
				statusText: '',
				headers,
				body: { dump: () => Promise.resolve() },
			}),
	} as unknown as Dispatcher;
	const answer = await sendRequest(new URL('https://api.example.com/'), 'HEAD', {}, [], {
		dispatcher,
		timeoutMs: 1000,
		userAgent: 'test',
		links: { maxBodyBytes: 1024 },
	});
	expect(answer.quotaSpent === true).toBe(spent);
});

import { describeNetworkError } from '../../network/describe-error.ts';
import type { HostSignal } from './host-pace.ts';
import type { Answer } from './send-request.ts';

export interface RetryPolicy {
	/** Extra attempts after a timeout, a network error or a status in `retryOn` (`links.retries`). */
	retries: number;
	/** Longest `Retry-After` honoured (`links.maxRetryAfterMs`). */
	maxRetryAfterMs: number;
	/** First backoff without `Retry-After`, doubled each attempt, with jitter (`links.backoffMs`). */
	backoffMs: number;
	timeoutMs: number;
	/** Statuses to wait out and ask again: 429 and 503 unless the URL accepts them. */
	retryOn: ReadonlySet<number>;
	random: () => number;
}

/** One request between its attempts. */
export interface RetryState {
	/** Attempts made so far, the last included. */
	attempts: number;
	/** The previous attempt was a 429 this URL waited out on its own (so another 429 is the host's). */
	waited429: boolean;
}

/** What follows an attempt. */
export type RetryStep =
	| { kind: 'done' }
	/** Ask again in `inMs`; with `host`, the whole host waits that long. */
	| { kind: 'retry'; inMs: number; host: boolean }
	/** A status in `retryOn` that stays: the retries are spent, or its `Retry-After` (`tooLongMs`) is longer than allowed. */
	| { kind: 'give-up'; tooLongMs?: number };

/**
 * After an answer: what the host's pace hears, and whether and when to ask again.
 *
 * `Retry-After` is honoured as the answer means it. A 503 says the service is unavailable: the
 * whole host waits. A 429 is this URL's: it waits alone (the host's pace judges whether 429s are
 * load), unless the answer says the host's quota is spent (`RateLimit-Remaining: 0`) or the URL
 * is refused again after waiting what it was told, when the whole host waits. Without
 * `Retry-After`, the wait is the exponential backoff.
 */
export function planAfterAnswer(
	answer: Answer,
	state: RetryState,
	policy: RetryPolicy,
	slow: boolean,
): { signal: HostSignal; step: RetryStep } {
	if (!policy.retryOn.has(answer.status)) {
		const signal =
			answer.status === 429 || answer.status === 503 ? 'pushback' : slow ? 'slow' : 'clean';
		return { signal, step: { kind: 'done' } };
	}
	const hostWide = answer.status === 503 || answer.quotaSpent === true || state.waited429;
	const signal = hostWide ? 'pushback' : 'refused';
	const wait = answer.retryAfter;
	if (wait !== undefined && wait > policy.maxRetryAfterMs)
		return { signal, step: { kind: 'give-up', tooLongMs: wait } };
	if (state.attempts > policy.retries) return { signal, step: { kind: 'give-up' } };
	return {
		signal,
		step: { kind: 'retry', inMs: wait ?? backoff(policy, state.attempts), host: hostWide },
	};
}

/**
 * After a failure: what the host's pace hears (nothing when the address policy refused it and no
 * request went out), and whether to ask again. A name that does not resolve is final at once.
 */
export function planAfterError(
	error: unknown,
	state: RetryState,
	policy: RetryPolicy,
): { signal?: HostSignal; step: RetryStep } {
	const failure = describeNetworkError(error, policy.timeoutMs);
	if (failure.refused) return { step: { kind: 'done' } };
	if (failure.permanent || state.attempts > policy.retries)
		return { signal: 'pushback', step: { kind: 'done' } };
	return {
		signal: 'pushback',
		step: { kind: 'retry', inMs: backoff(policy, state.attempts), host: false },
	};
}

function backoff(policy: RetryPolicy, attempts: number): number {
	return Math.round(policy.backoffMs * 2 ** (attempts - 1) * (0.5 + policy.random()));
}

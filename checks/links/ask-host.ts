import { describeNetworkError } from '../../network/describe-error.ts';
import type { HostScheduler } from './host-scheduler.ts';
import {
	planAfterAnswer,
	planAfterError,
	type RetryPolicy,
	type RetryState,
	type RetryStep,
} from './retry.ts';
import { sendRequest, type Answer, type RequestDeps } from './send-request.ts';

export interface AskDeps extends RequestDeps {
	scheduler: HostScheduler;
	links: RequestDeps['links'] & Pick<RetryPolicy, 'retries' | 'maxRetryAfterMs' | 'backoffMs'>;
	/** Injected for tests; `Math.random` by default. */
	random?: () => number;
	/** Settled requests of this run (method, URL, headers, fragments), shared so no request is sent twice. */
	answers?: Map<string, Promise<Settled>>;
}

/** How a request ended, after its retries. */
export type Settled =
	/** The last answer; `tooLongMs` when it was a 429/503 whose `Retry-After` is longer than allowed. */
	| { answer: Answer; attempts: number; tooLongMs?: number }
	/** The last failure; `closedHost` when an earlier URL found no server on the host and no request went out. */
	| { error: unknown; attempts: number; closedHost?: string };

/** One request: what is asked, and which statuses to wait out and ask again (429 and 503 unless accepted). */
export interface HostRequest {
	url: URL;
	method: 'HEAD' | 'GET';
	headers: Record<string, string>;
	wanted: string[];
	retryOn: ReadonlySet<number>;
}

/**
 * Asks `request.url` through its host's pace until the answer is final: 429 and 503 (those in
 * `retryOn`) waited out and asked again as `retry.ts` plans, failures retried with backoff, a host
 * with no server (refused after the retries, or NXDOMAIN) closed so its other URLs end without a
 * request. Each request is asked once per run: a second ask of the same request, while it runs or
 * after, shares its result, and a HEAD is also answered by a GET of the same URL.
 */
export function askHost(request: HostRequest, deps: AskDeps): Promise<Settled> {
	const { url, method, headers, wanted, retryOn } = request;
	const common = `${url.href} ${JSON.stringify(Object.entries(headers).sort())} ${[...retryOn].join(',')}`;
	const key = `${method} ${common} ${[...wanted].sort().join(' ')}`;
	const anyGet = `GET* ${common}`;
	const shared =
		deps.answers?.get(key) ?? (method === 'HEAD' ? deps.answers?.get(anyGet) : undefined);
	if (shared) return shared;
	const settled = settle(request, deps);
	for (const k of method === 'GET' ? [key, anyGet] : [key]) deps.answers?.set(k, settled);
	return settled;
}

async function settle(request: HostRequest, deps: AskDeps): Promise<Settled> {
	const { url, method, headers, wanted, retryOn } = request;
	const host = url.host;
	const policy: RetryPolicy = {
		...deps.links,
		timeoutMs: deps.timeoutMs,
		retryOn,
		random: deps.random ?? Math.random,
	};
	const state: RetryState = { attempts: 0, waited429: false };
	let notBefore: number | undefined;
	for (;;) {
		let attempt: { settled: Settled; step: RetryStep };
		try {
			attempt = await deps.scheduler.run(
				host,
				async (start) => {
					state.attempts++;
					// Everything the answer changes for the host (its limit, a pause, closing it) happens
					// here, before the slot frees and the host's next request may start.
					try {
						const answer = await sendRequest(url, method, headers, wanted, deps);
						const { signal, step } = planAfterAnswer(
							answer,
							state,
							policy,
							Date.now() - start.at >= deps.timeoutMs / 2,
						);
						deps.scheduler.report(host, signal, start);
						state.waited429 = step.kind === 'retry' && !step.host && answer.status === 429;
						if (step.kind === 'retry') {
							if (step.host) deps.scheduler.pauseHost(host, step.inMs);
							notBefore = Date.now() + step.inMs;
						}
						const tooLong =
							step.kind === 'give-up' && step.tooLongMs !== undefined
								? { tooLongMs: step.tooLongMs }
								: {};
						return { settled: { answer, attempts: state.attempts, ...tooLong }, step };
					} catch (error) {
						const { signal, step } = planAfterError(error, state, policy);
						if (signal) deps.scheduler.report(host, signal, start);
						state.waited429 = false;
						if (step.kind === 'retry') notBefore = Date.now() + step.inMs;
						// No server there: the host's other URLs end the same way without a request.
						else if (describeNetworkError(error, deps.timeoutMs).noServer)
							deps.scheduler.closeHost(
								host,
								Object.assign(error as Error, { closedHost: url.href }),
							);
						return { settled: { error, attempts: state.attempts }, step };
					}
				},
				notBefore === undefined ? {} : { notBefore },
			);
		} catch (error) {
			// The host was closed while this request waited: it was never sent.
			return {
				error,
				attempts: state.attempts,
				closedHost: (error as { closedHost?: string }).closedHost ?? host,
			};
		}
		if (attempt.step.kind !== 'retry' || deps.signal?.aborted) return attempt.settled;
	}
}

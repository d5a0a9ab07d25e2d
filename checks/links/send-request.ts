import type { Dispatcher } from 'undici';
import { readFragmentIds } from './read-fragment-ids.ts';

/** What `sendRequest` needs; `checkUrl` passes its own dependencies, a superset. */
export interface RequestDeps {
	dispatcher: Dispatcher;
	timeoutMs: number;
	userAgent: string;
	links: { maxBodyBytes: number };
	signal?: AbortSignal;
	/** Called once per request sent (progress, statistics). */
	onRequest?: (method: string, url: string) => void;
}

/** What one request learned: status, where it redirects, how long to wait, which ids the page has. */
export interface Answer {
	status: number;
	statusText: string;
	location?: string;
	retryAfter?: number;
	/** The answer says the client's quota on the host is spent (`RateLimit-Remaining: 0` or the like). */
	quotaSpent?: true;
	ids?: { found: Set<string>; complete: boolean };
}

/**
 * Sends one request and reads no more of the body than needed: fragment ids from an HTML page
 * (capped), otherwise at most 64 KiB drained to keep the connection. Throws undici's errors.
 */
export async function sendRequest(
	url: URL,
	method: 'HEAD' | 'GET',
	headers: Record<string, string>,
	wanted: string[],
	deps: RequestDeps,
): Promise<Answer> {
	deps.onRequest?.(method, url.href);
	// undici's connect, headers and body timeouts bound every request; only a body read for its
	// fragments also gets an overall deadline, against servers that trickle bytes.
	const signals = [
		deps.signal,
		wanted.length > 0 ? AbortSignal.timeout(deps.timeoutMs * 2) : undefined,
	].filter((s) => s !== undefined);
	const response = await deps.dispatcher.request({
		origin: url.origin,
		path: `${url.pathname}${url.search}`,
		method,
		headers: {
			'user-agent': deps.userAgent,
			accept: wanted.length > 0 ? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' : '*/*',
			...headers,
		},
		signal: signals.length > 1 ? AbortSignal.any(signals) : (signals[0] ?? null),
		headersTimeout: deps.timeoutMs,
		bodyTimeout: deps.timeoutMs,
		// undici closes an HTTP/1.1 connection after every HEAD, in case a broken server sends a body
		// anyway (https://github.com/nodejs/undici/issues/258); `reset: false` is the request option
		// that keeps it, and the connection is still dropped when the answer says `Connection: close`.
		reset: false,
	});
	const location = header(response.headers['location']);
	const retryAfter = parseRetryAfter(response.headers['retry-after']);
	const quotaSpent = isQuotaSpent(response.headers);
	// undici names codes it does not know (999) `unknown`; say nothing rather than that.
	const statusText = response.statusText === 'unknown' ? '' : (response.statusText ?? '');
	const answer: Answer = {
		status: response.statusCode,
		statusText,
		...(location !== undefined && { location }),
		...(retryAfter !== undefined && { retryAfter }),
		...(quotaSpent && { quotaSpent }),
	};
	const isHtml = /html/i.test(header(response.headers['content-type']) ?? '');
	if (
		method === 'GET' &&
		wanted.length > 0 &&
		isHtml &&
		response.statusCode >= 200 &&
		response.statusCode < 300
	) {
		answer.ids = await readFragmentIds(response.body, wanted, deps.links.maxBodyBytes);
	} else {
		// Only the status matters. A short (or HEAD's empty) body is drained so the connection is
		// reused; past 64 KiB undici destroys the stream, closing the connection, so a huge body is
		// never downloaded.
		await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
	}
	return answer;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; `undefined` when absent or unparsable. */
export function parseRetryAfter(
	value: string | string[] | undefined,
	now: number = Date.now(),
): number | undefined {
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// `X-RateLimit-Remaining` (GitHub, most APIs), `RateLimit-Remaining` and the IETF draft's
// `RateLimit: "name";r=0;t=30` (https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/).
function isQuotaSpent(headers: Record<string, string | string[] | undefined>): boolean {
	const remaining =
		header(headers['x-ratelimit-remaining']) ?? header(headers['ratelimit-remaining']);
	if (remaining?.trim() === '0') return true;
	return /(?:^|;)\s*r\s*=\s*0\s*(?:;|,|$)/.test(header(headers['ratelimit']) ?? '');
}

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

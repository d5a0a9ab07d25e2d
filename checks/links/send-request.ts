import type { Dispatcher } from 'undici';
import { parseRetryAfter } from './host-scheduler.ts';
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
	// undici names codes it does not know (999) `unknown`; say nothing rather than that.
	const statusText = response.statusText === 'unknown' ? '' : (response.statusText ?? '');
	const answer: Answer = {
		status: response.statusCode,
		statusText,
		...(location !== undefined && { location }),
		...(retryAfter !== undefined && { retryAfter }),
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

function header(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

import type { Dispatcher } from 'undici';
import type { LinksConfig, StatusMatch } from '../../config/links.ts';
import { isAccepted } from './filter-targets.ts';
import type { HostScheduler } from './host-scheduler.ts';
import type { LinkOutcome } from './link-outcome.ts';
import { describeNetworkError } from '../../network/describe-error.ts';
import { sendRequest, type Answer } from './send-request.ts';

export interface CheckUrlDeps {
	dispatcher: Dispatcher;
	scheduler: HostScheduler;
	links: LinksConfig;
	timeoutMs: number;
	userAgent: string;
	signal?: AbortSignal;
	/** Injected for tests; `setTimeout` by default. */
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
	/** Called once per request sent (progress, statistics). */
	onRequest?: (method: string, url: string) => void;
	/** Final answers of this run by request (method, URL, headers, fragments), shared so no request is sent twice. */
	answers?: Map<string, Promise<Answer>>;
}

export interface UrlCheckResult {
	outcome: LinkOutcome;
	/** Fragment → present; only for fragments the response could answer. */
	fragments: Record<string, boolean>;
	/** The author should hear about it (the address policy refused the host). */
	notable?: true;
}

// HEAD refused this way is retried once as GET (many servers and CDNs mishandle HEAD).
const headRefused = new Set([403, 405, 501]);
const permanentRedirects = new Set([301, 308]);
const retryStatuses = new Set([429, 503]);

/**
 * Checks one URL: HEAD (GET when fragments need the body), GET when HEAD is refused, redirects
 * followed by hand up to `maxRedirects` (loops detected), `Retry-After` pausing the whole host,
 * bounded retries with exponential backoff and jitter for timeouts and network errors, never for
 * 404/410. `headers` (from `links.rules`) go only to the URL's own origin: a redirect elsewhere
 * drops them. An address the policy refuses is skipped, never contacted. Never throws; every
 * failure is an outcome.
 */
export async function checkUrl(
	url: URL,
	accept: StatusMatch[],
	headers: Record<string, string>,
	wantedFragments: string[],
	deps: CheckUrlDeps,
): Promise<UrlCheckResult> {
	const { links } = deps;
	const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
	const random = deps.random ?? Math.random;
	// HEAD unless a fragment needs the body. Over HTTP/1.1 undici closes the connection after every
	// HEAD, to survive servers that wrongly send a body (https://github.com/nodejs/undici/issues/258);
	// HTTP/2 origins (most HTTPS sites) and every GET keep theirs.
	let method: 'HEAD' | 'GET' = wantedFragments.length > 0 ? 'GET' : 'HEAD';
	let current = url;
	let hopHeaders = headers;
	const visited = new Set<string>([url.href]);
	let permanentTarget:
		{ status: number; statusText: string; from: string; to: string; method: string } | undefined;
	let temporaryHop = false;
	let retriesLeft = links.retries;
	let attempt = 0;
	const expected = acceptText(accept);

	for (;;) {
		if (deps.signal?.aborted)
			return {
				outcome: { kind: 'skipped', observed: 'Skipped because the run was cancelled' },
				fragments: {},
			};
		const host = current.host;
		const target = current;
		let answer: Answer;
		try {
			answer = await ask(target, method, hopHeaders, method === 'GET' ? wantedFragments : [], deps);
		} catch (error) {
			const failure = describeNetworkError(error, deps.timeoutMs);
			if (failure.refused) {
				return { outcome: { kind: 'skipped', observed: `Skipped because ${failure.text}` }, fragments: {}, notable: true };
			}
			const closed = (error as { closedHost?: string }).closedHost;
			if (failure.permanent || closed !== undefined || retriesLeft <= 0) {
				const tries = failure.permanent || closed !== undefined ? '' : ` after ${attempt + 1} attempts`;
				const observed = `${failure.text} from ${method} ${target.href}${tries}${closed ? ` (as for ${closed})` : ''}`;
				// No server there (NXDOMAIN, or refused after the retries): the link is dead, and the
				// host's other URLs end the same way without another request.
				if (failure.noServer && closed === undefined)
					deps.scheduler.closeHost(host, Object.assign(error as Error, { closedHost: target.href }));
				return {
					outcome: failure.noServer
						? { kind: 'dead', observed, expected: failure.permanent ? 'the host to resolve' : 'a server accepting connections' }
						: { kind: 'unreachable', observed, expected: 'a response' },
					fragments: {},
				};
			}
			retriesLeft--;
			await sleep(backoff(links.backoffMs, attempt++, random));
			continue;
		}
		const statusText = `${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
		if (method === 'HEAD' && headRefused.has(answer.status)) {
			method = 'GET';
			continue;
		}
		if (answer.status >= 300 && answer.status < 400 && answer.location !== undefined) {
			let next: URL;
			try {
				next = new URL(answer.location, target);
			} catch {
				return {
					outcome: {
						kind: 'dead',
						observed: `redirect ${statusText} to malformed location \`${answer.location}\` from ${method} ${target.href}`,
						expected: 'a valid Location header',
					},
					fragments: {},
				};
			}
			if (permanentRedirects.has(answer.status) && !temporaryHop && !permanentTarget) {
				permanentTarget = {
					status: answer.status,
					statusText,
					from: target.href,
					to: next.href,
					method,
				};
			}
			if (!permanentRedirects.has(answer.status)) temporaryHop = true;
			if (visited.has(next.href)) {
				return {
					outcome: {
						kind: 'unreachable',
						observed: `redirect loop ${[...visited, next.href].join(' → ')}`,
						expected: 'a final response',
					},
					fragments: {},
				};
			}
			if (visited.size > links.maxRedirects) {
				return {
					outcome: {
						kind: 'unreachable',
						observed: `more than ${links.maxRedirects} redirects from ${url.href} (last ${next.href})`,
						expected: `at most ${links.maxRedirects} (links.maxRedirects)`,
					},
					fragments: {},
				};
			}
			visited.add(next.href);
			if (next.origin !== url.origin) hopHeaders = {};
			current = next;
			continue;
		}
		if (retryStatuses.has(answer.status) && !isAccepted(answer.status, accept)) {
			const wait = answer.retryAfter;
			const tooLong = wait !== undefined && wait > links.maxRetryAfterMs;
			if (retriesLeft > 0 && !tooLong) {
				retriesLeft--;
				deps.scheduler.pauseHost(host, wait ?? backoff(links.backoffMs, attempt, random));
				attempt++;
				continue;
			}
			const why = tooLong
				? ` (Retry-After ${Math.round((wait ?? 0) / 1000)} s exceeds links.maxRetryAfterMs)`
				: ` after ${attempt + 1} attempts`;
			const observed = `status ${statusText} from ${method} ${target.href}${why}`;
			return {
				outcome:
					answer.status === 429
						? { kind: 'rate-limited', observed, expected }
						: { kind: 'unreachable', observed, expected },
				fragments: {},
			};
		}
		if (!isAccepted(answer.status, accept)) {
			const observed = `status ${statusText} from ${method} ${target.href}`;
			const kind =
				answer.status === 404 || answer.status === 410
					? 'dead'
					: answer.status >= 500
						? 'unreachable'
						: 'blocked';
			return { outcome: { kind, observed, expected }, fragments: {} };
		}
		const fragments: Record<string, boolean> = {};
		if (answer.ids) {
			for (const fragment of wantedFragments) {
				if (answer.ids.found.has(fragment)) fragments[fragment] = true;
				else if (answer.ids.complete) fragments[fragment] = false;
			}
		}
		if (permanentTarget) {
			return {
				outcome: {
					kind: 'redirected',
					observed: `permanent redirect ${permanentTarget.statusText} from ${permanentTarget.method} ${url.href} to ${current.href}`,
					expected: 'a direct answer',
					target: current.href,
				},
				fragments,
			};
		}
		return {
			outcome: { kind: 'ok', observed: `status ${statusText} from ${method} ${target.href}` },
			fragments,
		};
	}
}

/**
 * One request through the host's limit, reporting how it went to the limit. A final answer is
 * shared with every other ask for the same request in this run (a HEAD is also answered by a GET of
 * the same URL); 429, 503 and failures are not, so retries go out.
 */
function ask(
	url: URL,
	method: 'HEAD' | 'GET',
	headers: Record<string, string>,
	wanted: string[],
	deps: CheckUrlDeps,
): Promise<Answer> {
	const headerKey = JSON.stringify(Object.entries(headers).sort());
	const key = (m: string, w: string[]) => `${m} ${url.href} ${headerKey} ${[...w].sort().join(' ')}`;
	const anyGet = `GET* ${url.href} ${headerKey}`;
	const shared =
		deps.answers?.get(key(method, wanted)) ??
		(method === 'HEAD' ? deps.answers?.get(anyGet) : undefined);
	if (shared) return shared;
	const host = url.host;
	const answer = deps.scheduler.run(host, async (startedAt) => {
		const started = performance.now();
		try {
			const answer = await sendRequest(url, method, headers, wanted, deps);
			const slow = performance.now() - started >= deps.timeoutMs / 2;
			const signal = retryStatuses.has(answer.status) ? 'pushback' : slow ? 'slow' : 'clean';
			deps.scheduler.report(host, signal, startedAt);
			return answer;
		} catch (error) {
			if (!describeNetworkError(error, deps.timeoutMs).refused)
				deps.scheduler.report(host, 'pushback', startedAt);
			throw error;
		}
	});
	if (deps.answers) {
		const answers = deps.answers;
		const keys = method === 'GET' ? [key(method, wanted), anyGet] : [key(method, wanted)];
		for (const k of keys) answers.set(k, answer);
		// Only a final answer is shared: a retry must go out again.
		const forget = () => {
			for (const k of keys) if (answers.get(k) === answer) answers.delete(k);
		};
		answer.then((a) => void (retryStatuses.has(a.status) && forget()), forget);
	}
	return answer;
}

function backoff(baseMs: number, attempt: number, random: () => number): number {
	return Math.round(baseMs * 2 ** attempt * (0.5 + random()));
}

function acceptText(accept: StatusMatch[]): string {
	return accept.map(String).join(' or ');
}

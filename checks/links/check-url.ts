import type { LinksConfig, StatusMatch } from '../../config/links.ts';
import { describeNetworkError } from '../../network/describe-error.ts';
import { askHost, type AskDeps } from './ask-host.ts';
import { isAccepted } from './filter-targets.ts';
import type { LinkOutcome } from './link-outcome.ts';

export interface CheckUrlDeps extends AskDeps {
	links: LinksConfig;
}

export interface UrlCheckResult {
	outcome: LinkOutcome;
	/** Fragment → present; only for fragments the response could answer. */
	fragments: Record<string, boolean>;
	/** The author should hear about it (the address policy refused the host). */
	notable?: true;
	/** No request reached a server (the name did not resolve, no connection), in words: what a lost network looks like. Never cached. */
	unconnected?: string;
}

// HEAD refused this way is retried once as GET (many servers and CDNs mishandle HEAD).
const headRefused = new Set([403, 405, 501]);
const permanentRedirects = new Set([301, 308]);
const retryStatuses = new Set([429, 503]);

/**
 * Checks one URL: HEAD (GET when fragments need the body), GET when HEAD is refused, redirects
 * followed by hand up to `maxRedirects` (loops detected); each request goes through `askHost`
 * (429/503 waited out as `Retry-After` says, bounded retries with backoff for timeouts and network
 * errors, never for 404/410). `headers` (from `links.rules`) go only to the URL's own origin: a
 * redirect elsewhere drops them. An address the policy refuses is skipped, never contacted. Never
 * throws; every failure is an outcome.
 */
export async function checkUrl(
	url: URL,
	accept: StatusMatch[],
	headers: Record<string, string>,
	wantedFragments: string[],
	deps: CheckUrlDeps,
): Promise<UrlCheckResult> {
	const { links } = deps;
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
	const expected = acceptText(accept);
	const retryOn = new Set([...retryStatuses].filter((status) => !isAccepted(status, accept)));
	const cancelled = {
		outcome: { kind: 'skipped', observed: 'Skipped because the run was cancelled' },
		fragments: {},
	} satisfies UrlCheckResult;

	for (;;) {
		if (deps.signal?.aborted) return cancelled;
		const target = current;
		const wanted = method === 'GET' ? wantedFragments : [];
		const settled = await askHost(
			{ url: target, method, headers: hopHeaders, wanted, retryOn },
			deps,
		);
		if (deps.signal?.aborted) return cancelled;
		if ('error' in settled) {
			const failure = describeNetworkError(settled.error, deps.timeoutMs);
			if (failure.refused) {
				return {
					outcome: { kind: 'skipped', observed: `Skipped because ${failure.text}` },
					fragments: {},
					notable: true,
				};
			}
			const closed = settled.closedHost;
			const tries =
				failure.permanent || closed !== undefined ? '' : ` after ${settled.attempts} attempts`;
			const observed = `${failure.text} from ${method} ${target.href}${tries}${closed ? ` (as for ${closed})` : ''}`;
			return {
				outcome: failure.noServer
					? {
							kind: 'dead',
							observed,
							expected: failure.permanent
								? 'the host to resolve'
								: 'a server accepting connections',
						}
					: { kind: 'unreachable', observed, expected: 'a response' },
				fragments: {},
				...(failure.unconnected && { unconnected: failure.text }),
			};
		}
		const answer = settled.answer;
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
		if (retryOn.has(answer.status)) {
			const why =
				settled.tooLongMs !== undefined
					? ` (Retry-After ${Math.round(settled.tooLongMs / 1000)} s exceeds links.maxRetryAfterMs)`
					: ` after ${settled.attempts} attempts`;
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

function acceptText(accept: StatusMatch[]): string {
	return accept.map(String).join(' or ');
}

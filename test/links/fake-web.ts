import type { Dispatcher } from 'undici';
import { checkUrl, type UrlCheckResult } from '../../checks/links/check-url.ts';
import type { Settled } from '../../checks/links/ask-host.ts';
import {
	createHostScheduler,
	type HostLimits,
	type HostScheduler,
} from '../../checks/links/host-scheduler.ts';
import { parseConfig } from '../../config/load-config.ts';

// A web of hosts behind a fake undici dispatcher (the I/O boundary), for tests under fake timers:
// each host answers as its behaviour says, after its latency, and the web checks the client's
// pacing at every request it receives.

export type Behaviour =
	/** Answers every URL: `/dead/…` 404, others 200. */
	| { kind: 'healthy' }
	/** Answers each URL `429 Retry-After` until `retryAfterS` after its first request, `times` times at most. */
	| { kind: 'per-url-429'; retryAfterS: number; times: number }
	/** Answers `429 Retry-After` to a request arriving while `above` or more are in flight. */
	| { kind: 'load-429'; retryAfterS: number; above: number }
	/** Answers each URL's first request `503 Retry-After`, meant for the whole host. */
	| { kind: 'first-503'; retryAfterS: number }
	/** Never answers each URL's first request (the client's timeout ends it). */
	| { kind: 'first-timeout' }
	/** `quota` requests per `windowS`, then `429` with `X-RateLimit-Remaining: 0` until the window ends. */
	| { kind: 'quota'; quota: number; windowS: number };

export interface FakeHost {
	host: string;
	behaviour: Behaviour;
	latency: [number, number];
	paths: string[];
}

interface Received {
	host: string;
	key: string;
	at: number;
	/** Requests to the host in flight when this one arrived. */
	before: number;
	end?: number;
	status?: number;
	retryAfterMs?: number;
	hostWide?: boolean;
}

/** A run of `checkUrl` over every path of `hosts` under `limits`, with the web's findings. */
export function startFakeWeb(
	hosts: FakeHost[],
	limits: HostLimits & { retries: number; timeoutMs: number },
	random: () => number,
) {
	const scheduler: HostScheduler = createHostScheduler(limits);
	const received: Received[] = [];
	const violations: string[] = [];
	const byHost = new Map(hosts.map((h) => [h.host, h]));
	const inFlight = (host?: string) =>
		received.filter((r) => r.end === undefined && (!host || r.host === host)).length;
	const seen = new Map<string, number>();

	const answer = (h: FakeHost, key: string, path: string, before: number, at: number) => {
		const real = path.startsWith('/dead/') ? 404 : 200;
		const b = h.behaviour;
		const count = received.filter((r) => r.key === key).length;
		if (b.kind === 'per-url-429') {
			const first = seen.get(key) ?? at;
			seen.set(key, first);
			if (count <= b.times && at < first + b.retryAfterS * 1000)
				return { status: 429, retryAfterMs: b.retryAfterS * 1000 };
		}
		if (b.kind === 'load-429' && before >= b.above)
			return { status: 429, retryAfterMs: b.retryAfterS * 1000 };
		if (b.kind === 'first-503' && count === 1)
			return { status: 503, retryAfterMs: b.retryAfterS * 1000, hostWide: true };
		if (b.kind === 'first-timeout' && count === 1) return { status: 0 };
		if (b.kind === 'quota') {
			const window = Math.floor(at / (b.windowS * 1000));
			const used = received.filter(
				(r) => r.host === h.host && Math.floor(r.at / (b.windowS * 1000)) === window,
			).length;
			if (used > b.quota)
				return { status: 429, retryAfterMs: (window + 1) * b.windowS * 1000 - at, hostWide: true };
		}
		return { status: real };
	};

	const dispatcher = {
		request(options: { origin: string; path: string; method: string }) {
			const host = new URL(options.origin).host;
			const h = byHost.get(host);
			if (!h) throw new Error(`unknown host ${host}`);
			const at = Date.now();
			const key = `${options.method} ${host}${options.path}`;
			const before = inFlight(host);
			// The pacing, checked as each request arrives, from what the client's scheduler says now.
			const limit = scheduler.limitOf(host);
			if (before + 1 > limit)
				violations.push(`${key} at ${at}: ${before + 1} in flight, limit ${limit}`);
			if (inFlight() + 1 > limits.global)
				violations.push(`${key} at ${at}: ${inFlight() + 1} in flight overall`);
			const spaced =
				received.filter((r) => r.host === host && r.at > at - limits.spacingMs).length + 1;
			if (limits.spacingMs > 0 && spaced > limit)
				violations.push(
					`${key} at ${at}: ${spaced} starts within ${limits.spacingMs} ms, limit ${limit}`,
				);
			const mine = received.filter((r) => r.key === key);
			if (mine.some((r) => r.end === undefined))
				violations.push(`${key} at ${at}: sent while the same request is in flight`);
			const last = mine.at(-1);
			if (last?.retryAfterMs !== undefined && at < (last.end ?? at) + last.retryAfterMs)
				violations.push(
					`${key} at ${at}: sent before its Retry-After (${last.retryAfterMs} ms from ${last.end})`,
				);
			for (const r of received)
				if (
					r.host === host &&
					r.hostWide &&
					r.end !== undefined &&
					r.end < at &&
					at < r.end + (r.retryAfterMs ?? 0)
				)
					violations.push(
						`${key} at ${at}: sent while the host asked to wait until ${r.end + (r.retryAfterMs ?? 0)}`,
					);
			const entry: Received = { host, key, at, before };
			received.push(entry);
			const reply = answer(h, key, options.path, before, at);
			return new Promise((resolve, reject) => {
				if (reply.status === 0) {
					setTimeout(() => {
						entry.end = Date.now();
						reject(
							Object.assign(new Error('Headers Timeout Error'), {
								code: 'UND_ERR_HEADERS_TIMEOUT',
							}),
						);
					}, limits.timeoutMs);
					return;
				}
				const [min, max] = h.latency;
				setTimeout(
					() => {
						Object.assign(entry, reply, { end: Date.now() });
						const headers: Record<string, string> = {};
						if (reply.retryAfterMs !== undefined)
							headers['retry-after'] = String(Math.ceil(reply.retryAfterMs / 1000));
						if (h.behaviour.kind === 'quota' && reply.status === 429)
							headers['x-ratelimit-remaining'] = '0';
						// A Retry-After in whole seconds: the client waits what the header says.
						if (reply.retryAfterMs !== undefined)
							entry.retryAfterMs = Math.ceil(reply.retryAfterMs / 1000) * 1000;
						resolve({
							statusCode: reply.status,
							statusText: '',
							headers,
							body: { dump: () => Promise.resolve() },
						});
					},
					min + Math.floor(random() * (max - min + 1)),
				);
			});
		},
	} as unknown as Dispatcher;

	const config = parseConfig({ links: { retries: limits.retries, backoffMs: 100 } });
	const deps = {
		dispatcher,
		scheduler,
		links: config.links,
		timeoutMs: limits.timeoutMs,
		userAgent: 'test',
		answers: new Map<string, Promise<Settled>>(),
		random,
	};
	const results = new Map<string, UrlCheckResult>();
	const checks = hosts.flatMap((h) =>
		h.paths.map((path) => {
			const url = `http://${h.host}${path}`;
			return checkUrl(new URL(url), ['2xx'], {}, [], deps).then((r) => void results.set(url, r));
		}),
	);
	return { scheduler, received, violations, results, settled: Promise.all(checks) };
}

import { withoutCredentials } from '../core/url-credentials.ts';
import { request, type Dispatcher } from 'undici';
import { defaultDispatcher } from './agent.ts';
import { expandEnv } from '../core/env-template.ts';
import { failedObservation } from './describe-error.ts';
import type { Observation, ProbeSpec } from './observation.ts';

export interface HttpProbeOptions {
	/** @default `defaultDispatcher()`: the default address policy, never undici's global dispatcher */
	dispatcher?: Dispatcher;
	/** TLS `notAfter` by `host:port`, filled by `createNetworkAgent`; gives `[CERTIFICATE_EXPIRATION]`. */
	certificateExpiry?: Map<string, number>;
	/** Peer address by `host:port`, filled by `createNetworkAgent`; gives `[IP]`. */
	peerAddresses?: Map<string, string>;
	timeoutMs?: number;
	signal?: AbortSignal;
	/** What `${env:NAME}` reads. @default none */
	env?: NodeJS.ProcessEnv;
	/** Names `${env:NAME}` may read (`network.env`); any other is never expanded. @default every name in `env` */
	allowedEnv?: readonly string[];
	/** Bytes of body read at most; the rest is discarded. @default 262144 */
	bodyCapBytes?: number;
	/** @default 5 */
	maxRedirects?: number;
	now?: () => number;
}

/** Sent only to the origin the probe names: dropped on a redirect to another origin. */
const credentialHeaders = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * GETs `spec.target` and records status, headers, a capped body and timings. Never throws.
 * `user:pass@` in the URL is sent as Basic auth. On a redirect to another origin (scheme, host or
 * port), `Authorization`, `Cookie` and every header whose value reads `${env:…}` are dropped.
 */
export async function observeHttp(
	spec: ProbeSpec,
	options: HttpProbeOptions = {},
): Promise<Observation> {
	const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
	const headers: Record<string, string> = { 'user-agent': 'waymark-probe' };
	const secretHeaders = new Set(credentialHeaders);
	for (const [name, template] of Object.entries(spec.headers)) {
		const expanded = expandEnv(
			template,
			options.env ?? {},
			options.allowedEnv ? { allowed: options.allowedEnv } : {},
		);
		if (!expanded.ok) {
			const why = expanded.unlisted
				? 'is not listed in `network.env`'
				: 'is not set where the probe runs';
			return {
				connected: false,
				responseTimeMs: null,
				unknownReason: `Not checked: environment variable \`${expanded.missing}\` (for header \`${name}\`) ${why}`,
			};
		}
		headers[name.toLowerCase()] = expanded.value;
		if (/\$\{env:/.test(template)) secretHeaders.add(name.toLowerCase());
	}
	const target = withoutCredentials(new URL(spec.target));
	if (target.authorization && headers.authorization === undefined)
		headers.authorization = target.authorization;
	const dispatcher = options.dispatcher ?? defaultDispatcher();
	const signal = options.signal
		? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
		: AbortSignal.timeout(timeoutMs);
	const maxRedirects = options.maxRedirects ?? 5;
	const started = performance.now();
	const origin = target.url.origin;
	let url = target.url;
	// `[IP]` is the address of the declared host, as in Gatus, even after a redirect elsewhere.
	const peer = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
	try {
		for (let hop = 0; ; hop++) {
			const response = await request(url, {
				dispatcher,
				method: 'GET',
				headers,
				signal,
				headersTimeout: timeoutMs,
				bodyTimeout: timeoutMs,
			});
			const location = response.headers.location;
			if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
				await response.body.dump();
				// Credentials in a Location are never sent either.
				const next = withoutCredentials(new URL(location, url)).url;
				if (hop >= maxRedirects) {
					return {
						connected: true,
						status: response.statusCode,
						responseTimeMs: performance.now() - started,
						error: `More than ${maxRedirects} redirects (last to ${next.pathname}); a redirect loop?`,
					};
				}
				if (next.origin !== origin) for (const name of secretHeaders) delete headers[name];
				url = next;
				continue;
			}
			const text = await readCapped(response.body, options.bodyCapBytes ?? 262_144);
			const observation: Observation = {
				connected: true,
				status: response.statusCode,
				responseTimeMs: performance.now() - started,
				headers: Object.fromEntries(
					Object.entries(response.headers).map(([k, v]) => [
						k,
						Array.isArray(v) ? v.join(', ') : String(v ?? ''),
					]),
				),
				body: parseBody(text),
				bodyText: text,
			};
			const ip = options.peerAddresses?.get(peer);
			if (ip) observation.ip = ip;
			const expiry =
				url.protocol === 'https:'
					? options.certificateExpiry?.get(`${url.hostname}:${url.port || 443}`)
					: undefined;
			if (expiry !== undefined)
				observation.certificateExpiresInMs = expiry - (options.now?.() ?? Date.now());
			return observation;
		}
	} catch (error) {
		return failedObservation(error, timeoutMs);
	}
}

async function readCapped(body: Dispatcher.ResponseData['body'], cap: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const buffer = chunk as Buffer;
		chunks.push(buffer.subarray(0, cap - size));
		size += buffer.length;
		if (size >= cap) {
			body.destroy();
			break;
		}
	}
	return Buffer.concat(chunks).toString('utf8');
}

// JSON's own whitespace only: a body behind a byte-order mark is not JSON to Gatus either.
function parseBody(text: string): unknown {
	const trimmed = text.replace(/^[\t\n\r ]+/, '');
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed) as unknown;
		} catch {
			return text;
		}
	}
	return text;
}

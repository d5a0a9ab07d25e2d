import { getGlobalDispatcher, request, type Dispatcher } from 'undici';
import { expandEnv } from '../core/env-template.ts';
import { describeNetworkError } from './describe-error.ts';
import type { Observation, ProbeSpec } from './observation.ts';

export interface HttpProbeOptions {
	/** @default undici's global dispatcher */
	dispatcher?: Dispatcher;
	/** TLS `notAfter` by `host:port`, filled by `createProbeAgent`; gives `[CERTIFICATE_EXPIRATION]`. */
	certificateExpiry?: Map<string, number>;
	/** Peer address by `host:port`, filled by `createProbeAgent`; gives `[IP]`. */
	peerAddresses?: Map<string, string>;
	timeoutMs?: number;
	signal?: AbortSignal;
	env?: NodeJS.ProcessEnv;
	/** Bytes of body read at most; the rest is discarded. @default 262144 */
	bodyCapBytes?: number;
	/** @default 5 */
	maxRedirects?: number;
	now?: () => number;
	/** Redirects to a host it rejects are not followed. */
	allowHost?: (host: string) => boolean;
}

/** GETs `spec.target` and records status, headers, a capped body and timings. Never throws. */
export async function observeHttp(spec: ProbeSpec, options: HttpProbeOptions = {}): Promise<Observation> {
	const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
	const headers: Record<string, string> = { 'user-agent': 'waymark-probe' };
	for (const [name, template] of Object.entries(spec.headers)) {
		const expanded = expandEnv(template, options.env ?? {});
		if (!expanded.ok) {
			return { connected: false, responseTimeMs: null, unknownReason: `Not checked: environment variable \`${expanded.missing}\` (for header \`${name}\`) is not set where the probe runs` };
		}
		headers[name] = expanded.value;
	}
	const dispatcher = options.dispatcher ?? getGlobalDispatcher();
	const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
	const maxRedirects = options.maxRedirects ?? 5;
	const started = performance.now();
	let url = new URL(spec.target);
	// `[IP]` is the address of the declared host, as in Gatus, even after a redirect elsewhere.
	const peer = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
	try {
		for (let hop = 0; ; hop++) {
			const response = await request(url, { dispatcher, method: 'GET', headers, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
			const location = response.headers.location;
			if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
				await response.body.dump();
				if (hop >= maxRedirects) {
					return { connected: true, status: response.statusCode, responseTimeMs: performance.now() - started, error: `More than ${maxRedirects} redirects (last to ${new URL(location, url).pathname}); a redirect loop?` };
				}
				url = new URL(location, url);
				if (options.allowHost && !options.allowHost(url.hostname)) {
					return { connected: true, status: response.statusCode, responseTimeMs: performance.now() - started, error: `Redirect to \`${url.hostname}\` not followed: outside what this run may contact` };
				}
				continue;
			}
			const text = await readCapped(response.body, options.bodyCapBytes ?? 262_144);
			const observation: Observation = {
				connected: true,
				status: response.statusCode,
				responseTimeMs: performance.now() - started,
				headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
				body: parseBody(text),
				bodyText: text,
			};
			const ip = options.peerAddresses?.get(peer);
			if (ip) observation.ip = ip;
			const expiry = url.protocol === 'https:' ? options.certificateExpiry?.get(`${url.hostname}:${url.port || 443}`) : undefined;
			if (expiry !== undefined) observation.certificateExpiresInMs = expiry - (options.now?.() ?? Date.now());
			return observation;
		}
	} catch (error) {
		return { connected: false, responseTimeMs: null, error: describeNetworkError(error, timeoutMs) };
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

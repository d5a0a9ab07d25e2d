import { addressRefusedCode } from './guard.ts';
import type { Observation } from './observation.ts';

/** What a network error means, in the words probes and link checks both use. */
export interface NetworkFailure {
	/** Lower-case phrase with the code, e.g. `connection refused (ECONNREFUSED)`. */
	text: string;
	/** Trying again will not help: the name does not exist. */
	permanent: boolean;
	/** No server there: the name does not resolve or the host refuses connections (a link to it is dead once retries are spent). */
	noServer: boolean;
	/** The address policy refused the connection; nothing was sent. */
	refused: boolean;
	timeout: boolean;
	/**
	 * No request reached a server: the name did not resolve or no connection could be made. Every
	 * host fails this way when the machine has lost its network (`checks/links/lost-network.ts`).
	 */
	unconnected: boolean;
}

// What a machine without a network sees: resolution failing (getaddrinfo says ENOTFOUND or
// EAI_AGAIN with no resolver to ask) or connections failing before any byte of HTTP.
const unconnectedCodes = new Set([
	'ENOTFOUND',
	'EAI_AGAIN',
	'ESERVFAIL',
	'EREFUSED',
	'ECONNREFUSED',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EHOSTDOWN',
	'EADDRNOTAVAIL',
	'UND_ERR_CONNECT_TIMEOUT',
	'ETIMEOUT',
]);

const timeoutCodes = new Set([
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'ETIMEDOUT',
	'ETIMEOUT',
]);

// Noun phrases, so they read both as a probe message and in "Unexpected …, expected …".
const known: Record<string, string> = {
	ENOTFOUND: 'unknown host (NXDOMAIN)',
	ESERVFAIL: 'DNS failure (SERVFAIL)',
	EREFUSED: 'DNS query refused (REFUSED)',
	EAI_AGAIN: 'temporary DNS failure (EAI_AGAIN)',
	ECONNREFUSED: 'connection refused (ECONNREFUSED)',
	ECONNRESET: 'connection reset (ECONNRESET)',
	ECONNABORTED: 'connection reset (ECONNABORTED)',
	EPIPE: 'connection reset (EPIPE)',
	UND_ERR_SOCKET: 'connection closed by the server (UND_ERR_SOCKET)',
	EHOSTUNREACH: 'unreachable host (EHOSTUNREACH)',
	ENETUNREACH: 'unreachable network (ENETUNREACH)',
	CERT_HAS_EXPIRED: 'expired TLS certificate (CERT_HAS_EXPIRED)',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
	SELF_SIGNED_CERT_IN_CHAIN: 'untrusted TLS certificate chain (SELF_SIGNED_CERT_IN_CHAIN)',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unverifiable TLS certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
	ERR_TLS_CERT_ALTNAME_INVALID:
		'TLS certificate for another hostname (ERR_TLS_CERT_ALTNAME_INVALID)',
};

/** Maps a network error to words on `error.code` (and the abort reason's name), never on `instanceof`. */
export function describeNetworkError(error: unknown, timeoutMs: number): NetworkFailure {
	const e = error as {
		code?: string;
		name?: string;
		message?: string;
		cause?: { code?: string; message?: string };
	};
	const code = e.code ?? e.cause?.code ?? '';
	const failure = (text: string, flags: Partial<NetworkFailure> = {}): NetworkFailure => ({
		text,
		permanent: false,
		noServer: false,
		refused: false,
		timeout: false,
		unconnected: unconnectedCodes.has(code),
		...flags,
	});
	if (code === addressRefusedCode)
		return failure(e.message ?? e.cause?.message ?? 'refused by the address policy', {
			refused: true,
		});
	if (e.name === 'TimeoutError' || timeoutCodes.has(code))
		return failure(`no answer within ${timeoutMs} ms (timeout)`, { timeout: true });
	const text = known[code];
	if (text)
		return failure(text, {
			permanent: code === 'ENOTFOUND',
			noServer: code === 'ENOTFOUND' || code === 'ECONNREFUSED',
		});
	if (e.name === 'AbortError') return failure('cancelled');
	return failure(`network error (${code || e.message || e.name || 'unknown'})`);
}

/** `connection refused (…)` → `Connection refused (…)`, for a message that starts with it. */
export function sentence(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What an observer saw when it could not connect: refused by the policy is unknown, not down. */
export function failedObservation(error: unknown, timeoutMs: number): Observation {
	const failure = describeNetworkError(error, timeoutMs);
	if (failure.refused)
		return {
			connected: false,
			responseTimeMs: null,
			unknownReason: `Not checked: ${failure.text}`,
		};
	return { connected: false, responseTimeMs: null, error: sentence(failure.text) };
}

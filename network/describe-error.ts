/** Maps a network error to a sentence, on `error.code` (not `instanceof`), for probe messages. */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
	const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
	const code = e.code ?? e.cause?.code ?? '';
	if (e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'ETIMEOUT') {
		return `No answer within ${timeoutMs} ms (timeout)`;
	}
	const known: Record<string, string> = {
		ECONNREFUSED: 'Connection refused (ECONNREFUSED)',
		ECONNRESET: 'Connection reset (ECONNRESET)',
		ENOTFOUND: 'Hostname does not resolve (NXDOMAIN)',
		ESERVFAIL: 'DNS server failed to answer (SERVFAIL)',
		EHOSTUNREACH: 'Host unreachable (EHOSTUNREACH)',
		CERT_HAS_EXPIRED: 'TLS certificate has expired (CERT_HAS_EXPIRED)',
		DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed and not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)',
		SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is not trusted (SELF_SIGNED_CERT_IN_CHAIN)',
		UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
		ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not cover this hostname (ERR_TLS_CERT_ALTNAME_INVALID)',
		UND_ERR_SOCKET: 'Connection closed by the server (UND_ERR_SOCKET)',
	};
	if (known[code]) return known[code];
	if (e.name === 'AbortError') return 'Probe cancelled';
	return `Request failed (${code || e.message || 'unknown error'})`;
}

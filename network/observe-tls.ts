import { connect } from 'node:tls';
import { describeNetworkError } from './describe-error.ts';
import type { ProbeResolver } from './resolver.ts';
import { splitHostPort } from './observe-tcp.ts';
import type { Observation, ProbeSpec } from './observation.ts';

/**
 * Completes a TLS handshake and reads the peer certificate: `[CONNECTED]`, `[IP]`,
 * `[CERTIFICATE_EXPIRATION]` (negative once expired), `[RESPONSE_TIME]`. The chain is not verified
 * here, so an expired or self-signed certificate is still measured rather than refused.
 */
export function observeTls(spec: ProbeSpec, options: { resolver: ProbeResolver; timeoutMs?: number; now?: () => number; portFor?: (host: string, port: number) => number | undefined }): Promise<Observation> {
	const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
	const { host, port } = splitHostPort(spec.target);
	const started = performance.now();
	return new Promise((resolve) => {
		const socket = connect({ host, port: options.portFor?.(host, port) ?? port, servername: host, lookup: options.resolver.lookup, timeout: timeoutMs, rejectUnauthorized: false });
		const finish = (observation: Observation): void => {
			socket.destroy();
			resolve(observation);
		};
		socket.once('secureConnect', () => {
			const validTo = socket.getPeerCertificate()?.valid_to;
			const observation: Observation = { connected: true, responseTimeMs: performance.now() - started, ...(socket.remoteAddress && { ip: socket.remoteAddress }) };
			if (validTo) observation.certificateExpiresInMs = Date.parse(validTo) - (options.now?.() ?? Date.now());
			else observation.error = 'The server sent no certificate';
			finish(observation);
		});
		socket.once('timeout', () => finish({ connected: false, responseTimeMs: null, error: describeNetworkError({ code: 'ETIMEDOUT' }, timeoutMs) }));
		socket.once('error', (error) => finish({ connected: false, responseTimeMs: null, error: describeNetworkError(error, timeoutMs) }));
	});
}

import { connect } from 'node:tls';
import { isIP } from 'node:net';
import { createAddressPolicy } from './address-policy.ts';
import { failedObservation } from './describe-error.ts';
import { createConnectGuard } from './guard.ts';
import { splitHostPort, type SocketProbeOptions } from './observe-tcp.ts';
import type { Observation, ProbeSpec } from './observation.ts';

/**
 * Completes a TLS handshake and reads the peer certificate: `[CONNECTED]`, `[IP]`,
 * `[CERTIFICATE_EXPIRATION]` (negative once expired), `[RESPONSE_TIME]`. The chain is not verified
 * here, so an expired or self-signed certificate is still measured rather than refused.
 */
export function observeTls(
	spec: ProbeSpec,
	options: SocketProbeOptions & { now?: () => number },
): Promise<Observation> {
	const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
	const { host, port } = splitHostPort(spec.target);
	const guard = createConnectGuard(
		options.resolver.lookup,
		options.policy ?? createAddressPolicy(),
	);
	const refused = guard.refuseLiteral(host);
	if (refused) return Promise.resolve(failedObservation(refused, timeoutMs));
	const started = performance.now();
	return new Promise((resolve) => {
		const socket = connect({
			host,
			port: options.portFor?.(host, port) ?? port,
			...(isIP(host) === 0 && { servername: host }),
			lookup: guard.lookup,
			timeout: timeoutMs,
			rejectUnauthorized: false,
		});
		const finish = (observation: Observation): void => {
			socket.destroy();
			resolve(observation);
		};
		socket.once('secureConnect', () => {
			const validTo = socket.getPeerCertificate()?.valid_to;
			const observation: Observation = {
				connected: true,
				responseTimeMs: performance.now() - started,
				...(socket.remoteAddress && { ip: socket.remoteAddress }),
			};
			if (validTo)
				observation.certificateExpiresInMs = Date.parse(validTo) - (options.now?.() ?? Date.now());
			else observation.error = 'The server sent no certificate';
			finish(observation);
		});
		socket.once('timeout', () => finish(failedObservation({ code: 'ETIMEDOUT' }, timeoutMs)));
		socket.once('error', (error) => finish(failedObservation(error, timeoutMs)));
	});
}

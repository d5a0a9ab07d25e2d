import { connect } from 'node:net';
import { describeNetworkError } from './describe-error.ts';
import type { ProbeResolver } from './resolver.ts';
import type { Observation, ProbeSpec } from './observation.ts';

/** Splits `host:port` (IPv6 in brackets). */
export function splitHostPort(target: string): { host: string; port: number } {
	const index = target.lastIndexOf(':');
	return { host: target.slice(0, index).replace(/^\[|\]$/g, ''), port: Number(target.slice(index + 1)) };
}

/** Opens a TCP connection; `[CONNECTED]`, `[IP]` and `[RESPONSE_TIME]` (time to connect). Never throws. */
export function observeTcp(spec: ProbeSpec, options: { resolver: ProbeResolver; timeoutMs?: number; portFor?: (host: string, port: number) => number | undefined }): Promise<Observation> {
	const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
	const { host, port } = splitHostPort(spec.target);
	const started = performance.now();
	return new Promise((resolve) => {
		const socket = connect({ host, port: options.portFor?.(host, port) ?? port, lookup: options.resolver.lookup, timeout: timeoutMs });
		const finish = (observation: Observation): void => {
			socket.destroy();
			resolve(observation);
		};
		socket.once('connect', () => finish({ connected: true, responseTimeMs: performance.now() - started, ...(socket.remoteAddress && { ip: socket.remoteAddress }) }));
		socket.once('timeout', () => finish({ connected: false, responseTimeMs: null, error: describeNetworkError({ code: 'ETIMEDOUT' }, timeoutMs) }));
		socket.once('error', (error) => finish({ connected: false, responseTimeMs: null, error: describeNetworkError(error, timeoutMs) }));
	});
}

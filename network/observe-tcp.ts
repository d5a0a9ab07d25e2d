import { connect } from 'node:net';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { failedObservation } from './describe-error.ts';
import { createConnectGuard } from './guard.ts';
import type { ProbeResolver } from './resolver.ts';
import type { Observation, ProbeSpec } from './observation.ts';

/** What the socket observers need: DNS, the address policy, and the demo's port mapping. */
export interface SocketProbeOptions {
	resolver: ProbeResolver;
	/** Checked after DNS, before the socket connects. @default `createAddressPolicy()` */
	policy?: AddressPolicy;
	timeoutMs?: number;
	portFor?: (host: string, port: number) => number | undefined;
}

/** Splits `host:port` (IPv6 in brackets). */
export function splitHostPort(target: string): { host: string; port: number } {
	const index = target.lastIndexOf(':');
	return {
		host: target.slice(0, index).replace(/^\[|\]$/g, ''),
		port: Number(target.slice(index + 1)),
	};
}

/** Opens a TCP connection; `[CONNECTED]`, `[IP]` and `[RESPONSE_TIME]` (time to connect). Never throws. */
export function observeTcp(spec: ProbeSpec, options: SocketProbeOptions): Promise<Observation> {
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
			lookup: guard.lookup,
			timeout: timeoutMs,
		});
		const finish = (observation: Observation): void => {
			socket.destroy();
			resolve(observation);
		};
		socket.once('connect', () =>
			finish({
				connected: true,
				responseTimeMs: performance.now() - started,
				...(socket.remoteAddress && { ip: socket.remoteAddress }),
			}),
		);
		socket.once('timeout', () => finish(failedObservation({ code: 'ETIMEDOUT' }, timeoutMs)));
		socket.once('error', (error) => finish(failedObservation(error, timeoutMs)));
	});
}

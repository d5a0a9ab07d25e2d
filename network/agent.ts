import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { createConnectGuard } from './guard.ts';

export interface NetworkAgentOptions {
	/** DNS for connections (a `ProbeResolver`'s `lookup`, or an injected one in tests). */
	lookup: LookupFunction;
	/** Checked on every connection, after DNS. @default the default policy (`createAddressPolicy()`) */
	policy?: AddressPolicy;
	/** @default 10000 */
	connectTimeoutMs?: number;
	/** Idle keep-alive sockets are closed after this long. @default undici's (4 s) */
	keepAliveTimeoutMs?: number;
	/** Connections per origin. @default unlimited */
	connections?: number;
	/** Extra trusted CA certificates (PEM), e.g. the demo's. */
	ca?: string;
	/** Reroutes `host:port` to another port on the resolved address (the demo's stand-ins). */
	portFor?: (hostname: string, port: number) => number | undefined;
}

export interface NetworkAgent {
	dispatcher: Agent;
	/** Peer certificate `notAfter` (ms since epoch) by `host:port`, recorded at each TLS connect. */
	certificateExpiry: Map<string, number>;
	/** The address each `host:port` last connected to, for `[IP]`. */
	peerAddresses: Map<string, string>;
}

/**
 * The one undici Agent factory, for probes and link checks alike: names resolve through `lookup`,
 * every address passes `policy` before a socket connects (IP literals included, which sockets do
 * not look up), TLS verifies against the system store plus `ca`, and each connection records its
 * peer address for `[IP]` and, over TLS, its certificate's expiry for `[CERTIFICATE_EXPIRATION]`.
 */
export function createNetworkAgent(options: NetworkAgentOptions): NetworkAgent {
	const certificateExpiry = new Map<string, number>();
	const peerAddresses = new Map<string, string>();
	const guard = createConnectGuard(options.lookup, options.policy ?? createAddressPolicy());
	const timeout = options.connectTimeoutMs ?? 10_000;
	const connector = buildConnector({
		lookup: guard.lookup,
		timeout,
		...(options.ca && { ca: options.ca }),
	});
	const dispatcher = new Agent({
		connectTimeout: timeout,
		...(options.keepAliveTimeoutMs !== undefined && {
			keepAliveTimeout: options.keepAliveTimeoutMs,
		}),
		...(options.connections !== undefined && { connections: options.connections }),
		connect: (connectOptions, callback) => {
			const refused = guard.refuseLiteral(connectOptions.hostname);
			if (refused) return callback(refused, null);
			const port = Number(connectOptions.port || (connectOptions.protocol === 'https:' ? 443 : 80));
			const mapped = options.portFor?.(connectOptions.hostname, port);
			const key = `${connectOptions.hostname}:${port}`;
			connector({ ...connectOptions, ...(mapped && { port: String(mapped) }) }, (error, socket) => {
				if (socket?.remoteAddress) peerAddresses.set(key, socket.remoteAddress);
				if (socket && 'getPeerCertificate' in socket) {
					const validTo = socket.getPeerCertificate()?.valid_to;
					if (validTo) certificateExpiry.set(key, Date.parse(validTo));
				}
				if (error) callback(error, null);
				else callback(null, socket);
			});
		},
	});
	return { dispatcher, certificateExpiry, peerAddresses };
}

let fallback: NetworkAgent | undefined;

/**
 * The dispatcher of a caller given none (library use, tests): the system's DNS and the default
 * address policy (metadata and link-local refused), shared and created on first use. Nothing in
 * Waymark falls back to undici's global dispatcher, which applies no address policy.
 */
export function defaultDispatcher(): Dispatcher {
	fallback ??= createNetworkAgent({ lookup: systemLookup });
	return fallback.dispatcher;
}

import type { Config } from '../../config/load-config.ts';
import { createDomainExpirationLookup } from '../../network/domain-expiration.ts';
import { createProbeAgent, createResolver } from '../../network/resolver.ts';
import type { ProbeIo } from './probe-one.ts';

/** Where a run may reach instead of the real systems: the demo's DNS server, CA and loopback stand-ins. */
export interface NetworkOverrides {
	/** `127.0.0.1:PORT` of a DNS server that answers for the probed names. */
	dnsServer: string;
	/** Extra trusted CA certificate (PEM). */
	ca: string;
	/** Reroutes `host:port` to another port on the resolved address. */
	portFor: (host: string, port: number) => number | undefined;
	/** Targets (and redirect hosts) it rejects are not contacted. */
	allowHost: (host: string) => boolean;
}

/**
 * Probe I/O as `network` and `status` configure it: the DNS servers (`network.dnsServers`),
 * an Agent resolving through them, the body cap, RDAP through that Agent. With `demo`, its DNS server, CA and stand-ins.
 */
export function openProbeIo(
	config: Config,
	env: NodeJS.ProcessEnv,
	demo?: NetworkOverrides,
	/** `status.source` for `waymark serve`; `waymark probe` and `check --live` always probe. @default 'probes' */
	source: 'probes' | 'prometheus' = 'probes',
): { io: ProbeIo; close: () => Promise<void> } {
	const resolver = createResolver({
		servers: demo ? [demo.dnsServer] : config.network.dnsServers,
		timeoutMs: Math.min(5000, config.network.timeoutMs),
	});
	const agent = createProbeAgent({
		resolver,
		connectTimeoutMs: config.network.timeoutMs,
		...(demo && { ca: demo.ca, portFor: demo.portFor }),
	});
	return {
		io: {
			resolver,
			dispatcher: agent.dispatcher,
			certificateExpiry: agent.certificateExpiry,
			peerAddresses: agent.peerAddresses,
			env,
			bodyCapBytes: config.status.bodyCapBytes,
			// The demo contacts only its stand-ins, so it has no RDAP lookups.
			...(!demo && { domainExpiration: createDomainExpirationLookup({ dispatcher: agent.dispatcher, timeoutMs: config.network.timeoutMs }) }),
			...(config.alerts.prometheus && { prometheus: config.alerts.prometheus }),
			source,
			...(demo && { portFor: demo.portFor, allowHost: demo.allowHost }),
		},
		close: () => agent.dispatcher.close(),
	};
}

import type { Config } from '../../config/load-config.ts';
import { createAddressPolicy } from '../../network/address-policy.ts';
import { openNetworkClient } from '../../network/client.ts';
import { createDomainExpirationLookup } from '../../network/domain-expiration.ts';
import type { ProbeIo } from './probe-one.ts';

/** Where a run may reach instead of the real systems: the demo's DNS server, CA, stand-ins and policy. */
export interface NetworkOverrides {
	/** `127.0.0.1:PORT` of a DNS server that answers for the probed names. */
	dnsServer: string;
	/** Extra trusted CA certificate (PEM). */
	ca: string;
	/** Reroutes `host:port` to another port on the resolved address. */
	portFor: (host: string, port: number) => number | undefined;
	/** Replaces `network.allow` (and `network.deny`): entries as in the config, e.g. `loopback`, `*.example.lab`. */
	allow: string[];
	/** How refusals name `allow`, e.g. "the demo's allow-list". */
	allowName: string;
	/** Values for `${env:NAME}`, allowed on top of `network.env`. */
	env: Record<string, string>;
}

/**
 * Probe I/O as `network` and `status` configure it: the network client (DNS servers, address
 * policy, Agent), the environment limited to `network.env`, the body cap, RDAP through that
 * Agent. With `demo`, its DNS server, CA, stand-ins, allow-list and demo values, and no RDAP.
 */
export function openProbeIo(
	config: Config,
	env: NodeJS.ProcessEnv,
	demo?: NetworkOverrides,
): { io: ProbeIo; close: () => Promise<void> } {
	const client = openNetworkClient(config.network, {
		...(demo && {
			dnsServers: [demo.dnsServer],
			policy: createAddressPolicy({ allow: demo.allow, allowName: demo.allowName }),
			agent: { ca: demo.ca, portFor: demo.portFor },
		}),
	});
	const allowedEnv = [...new Set([...config.network.env, ...Object.keys(demo?.env ?? {})])];
	const probeEnv: NodeJS.ProcessEnv = Object.fromEntries(
		config.network.env.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]),
	);
	return {
		io: {
			resolver: client.resolver,
			policy: client.policy,
			dispatcher: client.dispatcher,
			certificateExpiry: client.certificateExpiry,
			peerAddresses: client.peerAddresses,
			env: { ...probeEnv, ...demo?.env },
			allowedEnv,
			bodyCapBytes: config.status.bodyCapBytes,
			// The demo contacts only its stand-ins, so it has no RDAP lookups.
			...(!demo && {
				domainExpiration: createDomainExpirationLookup({
					dispatcher: client.dispatcher,
					timeoutMs: config.network.timeoutMs,
				}),
			}),
			...(config.alerts.prometheus && { prometheus: config.alerts.prometheus }),
			...(demo && { portFor: demo.portFor }),
		},
		close: () => client.close(),
	};
}

import type { LookupFunction } from 'node:net';
import type { NetworkConfig } from '../config/network.ts';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { createNetworkAgent, type NetworkAgent, type NetworkAgentOptions } from './agent.ts';
import { createResolver, type ProbeResolver } from './resolver.ts';

/** The network as `network` configures it: one resolver, one address policy, one Agent on both. */
export interface NetworkClient extends NetworkAgent {
	resolver: ProbeResolver;
	policy: AddressPolicy;
	close(): Promise<void>;
}

export interface NetworkClientOptions {
	/** DNS servers instead of `network.dnsServers` (the demo's). */
	dnsServers?: string[];
	/** A lookup for connections instead of the resolver's (tests). */
	lookup?: LookupFunction;
	/** Instead of `network.allow`/`network.deny` (the demo's loopback-only policy). */
	policy?: AddressPolicy;
	/** Agent settings on top of `network.timeoutMs`. */
	agent?: Omit<NetworkAgentOptions, 'lookup' | 'policy'>;
}

/**
 * Opens the one network client that link checks and probes share: the resolver
 * (`network.dnsServers`, which `WAYMARK_DNS_SERVERS` overrides, else the system's), the address policy
 * (`network.allow`, `network.deny`), and an undici Agent that applies both on every connection.
 */
export function openNetworkClient(
	network: NetworkConfig,
	options: NetworkClientOptions = {},
): NetworkClient {
	const resolver = createResolver({
		servers: options.dnsServers ?? network.dnsServers,
		timeoutMs: Math.min(5000, network.timeoutMs),
	});
	const policy =
		options.policy ?? createAddressPolicy({ allow: network.allow, deny: network.deny });
	const agent = createNetworkAgent({
		connectTimeoutMs: network.timeoutMs,
		...options.agent,
		lookup: options.lookup ?? resolver.lookup,
		policy,
	});
	return { ...agent, resolver, policy, close: () => agent.dispatcher.close() };
}

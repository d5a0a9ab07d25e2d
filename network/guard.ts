import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { formatIp, parseIp } from '../core/ip-address.ts';
import type { AddressPolicy } from './address-policy.ts';

/** `error.code` of a connection the address policy refused; nothing was sent. */
export const addressRefusedCode = 'ERR_WAYMARK_ADDRESS_REFUSED';

function addressRefused(reason: string): Error & { code: string } {
	return Object.assign(new Error(reason), { code: addressRefusedCode });
}

/** Where a connection may go: a lookup that applies the policy, and the check for IP literals. */
export interface ConnectGuard {
	/** Resolves like the lookup it wraps, then keeps only the addresses the policy allows. */
	lookup: LookupFunction;
	/** For a host that is an IP literal (sockets skip the lookup for those): the refusal, if any. */
	refuseLiteral(host: string): (Error & { code: string }) | undefined;
}

/**
 * Wraps `lookup` so every address a socket is about to use has passed `policy`, on every
 * connection. A name whose addresses are all refused fails with `addressRefusedCode`.
 */
export function createConnectGuard(lookup: LookupFunction, policy: AddressPolicy): ConnectGuard {
	const guarded: LookupFunction = (hostname, options, callback) => {
		const all = Boolean((options as { all?: boolean }).all);
		const literal = parseIp(hostname);
		if (literal) {
			const reason = policy.check(formatIp(literal));
			if (reason) return void (callback as (error: Error) => void)(addressRefused(reason));
			const address = formatIp(literal);
			const family = literal.version;
			if (all)
				(callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [{ address, family }]);
			else callback(null, address, family);
			return;
		}
		lookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return void (callback as (error: Error) => void)(error);
			const list: LookupAddress[] = Array.isArray(addresses)
				? addresses
				: [{ address: String(addresses), family: 4 }];
			const refusals = list.map((a) => policy.check(a.address, hostname));
			const allowed = list.filter((_, i) => refusals[i] === undefined);
			const first = allowed[0];
			if (!first)
				return void (callback as (error: Error) => void)(
					Object.assign(
						addressRefused(refusals.find(Boolean) ?? `\`${hostname}\` has no address`),
						{ hostname },
					),
				);
			if (all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
			else callback(null, first.address, first.family);
		});
	};
	return {
		lookup: guarded,
		refuseLiteral(host) {
			const literal = parseIp(host);
			if (!literal) return undefined;
			const reason = policy.check(formatIp(literal));
			return reason ? addressRefused(reason) : undefined;
		},
	};
}

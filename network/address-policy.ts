import { compileLinearRegex, type LinearRegex } from '../core/linear-regex.ts';
import {
	cidrContains,
	formatIp,
	parseCidr,
	parseIp,
	type Cidr,
	type IpAddress,
} from '../core/ip-address.ts';

/**
 * Which addresses probes and link checks may connect to. It is applied to the address a
 * connection is about to use, after DNS, on every connection (`guard.ts`), so a name that
 * resolves somewhere else next time (DNS rebinding) gains nothing.
 *
 * - Refused unless named: link-local and cloud-metadata addresses and other places no runbook
 *   probes (`blockedRanges`). Only an `allow` entry that is an address or a block inside such a
 *   range names it: `169.254.169.254`, `169.254.0.0/16`; `0.0.0.0/0` does not.
 * - `allow` lists keywords (`public`, `private`, `loopback`), addresses or CIDR blocks, and host
 *   names or globs (`*.corp.lab`, matching the name asked for). An address is allowed when an
 *   entry matches it or the name it was resolved for.
 * - `deny` uses the same entries and wins over `allow`.
 */
export interface AddressPolicy {
	/** `undefined` when `address` (resolved for `hostname`, if any) may be contacted, else why not. */
	check(address: string, hostname?: string): string | undefined;
}

export interface AddressPolicyOptions {
	/** @default ['public', 'private', 'loopback'] */
	allow?: readonly string[];
	/** @default [] */
	deny?: readonly string[];
	/** How the message names the allow-list, e.g. `network.allow` or the demo. @default '`network.allow`' */
	allowName?: string;
}

type AddressClass = 'public' | 'private' | 'loopback' | 'blocked';

interface Range {
	cidr: string;
	block: Cidr;
	class: Exclude<AddressClass, 'public'>;
	name: string;
}

const range = (cidr: string, addressClass: Range['class'], name: string): Range => ({
	cidr,
	block: parseCidr(cidr)!,
	class: addressClass,
	name,
});

/** Refused unless an `allow` entry inside them names them; the first match names the range. */
const blockedRanges: readonly Range[] = [
	range('169.254.0.0/16', 'blocked', 'link-local, where cloud metadata services answer'),
	range('fe80::/10', 'blocked', 'IPv6 link-local'),
	range('fd00:ec2::/32', 'blocked', 'AWS instance metadata over IPv6 (fd00:ec2::254)'),
	range('100.100.100.200/32', 'blocked', 'Alibaba Cloud metadata'),
	range('168.63.129.16/32', 'blocked', 'Azure platform endpoint (WireServer)'),
	range('0.0.0.0/8', 'blocked', '"this network" (0.0.0.0 reaches the local machine)'),
	range('::/128', 'blocked', 'the unspecified address'),
	range('224.0.0.0/4', 'blocked', 'multicast'),
	range('ff00::/8', 'blocked', 'IPv6 multicast'),
	range('240.0.0.0/4', 'blocked', 'reserved and broadcast'),
];

const internalRanges: readonly Range[] = [
	range('127.0.0.0/8', 'loopback', 'loopback'),
	range('::1/128', 'loopback', 'loopback'),
	range('10.0.0.0/8', 'private', 'private'),
	range('172.16.0.0/12', 'private', 'private'),
	range('192.168.0.0/16', 'private', 'private'),
	range('100.64.0.0/10', 'private', 'shared (carrier-grade NAT)'),
	range('fc00::/7', 'private', 'IPv6 unique local'),
];

const defaultAllow = ['public', 'private', 'loopback'] as const;
const keywords = new Set<string>(defaultAllow);

/** The range an address falls in (blocked ranges first), or `undefined` for a public address. */
export function classifyAddress(address: IpAddress): Range | undefined {
	return [...blockedRanges, ...internalRanges].find((r) => cidrContains(r.block, address));
}

type Entry =
	| { kind: 'keyword'; text: string }
	| { kind: 'cidr'; text: string; block: Cidr }
	| { kind: 'host'; text: string; pattern: LinearRegex };

/** Reads one `allow`/`deny` entry; the config schema has already refused malformed ones. */
function parseEntry(text: string): Entry {
	const trimmed = text.trim().toLowerCase();
	if (keywords.has(trimmed)) return { kind: 'keyword', text: trimmed };
	const block = parseCidr(trimmed);
	if (block) return { kind: 'cidr', text: trimmed, block };
	const source = trimmed
		.replace(/\.$/, '')
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	// `*a*a*a*b` would backtrack in JavaScript's engine; an escaped name and `.*` always compile in RE2.
	const compiled = compileLinearRegex(`^${source}$`);
	return {
		kind: 'host',
		text: trimmed,
		pattern: compiled.ok ? compiled.regex : { source, test: () => false },
	};
}

function matches(
	entry: Entry,
	address: IpAddress,
	addressClass: AddressClass,
	hostname: string | undefined,
): boolean {
	if (entry.kind === 'keyword') return entry.text === addressClass;
	if (entry.kind === 'cidr') return cidrContains(entry.block, address);
	return hostname !== undefined && entry.pattern.test(hostname);
}

export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
	const allow = (options.allow ?? defaultAllow).map(parseEntry);
	const deny = (options.deny ?? []).map(parseEntry);
	const allowName = options.allowName ?? '`network.allow`';
	return {
		check(text, hostname) {
			const address = parseIp(text);
			if (!address) return `\`${text}\` is not an IP address`;
			const name = hostname
				?.toLowerCase()
				.replace(/^\[|\]$/g, '')
				.replace(/\.$/, '');
			const shown = formatIp(address);
			const subject =
				name && parseIp(name) === undefined ? `\`${name}\` resolves to ${shown}, which` : shown;
			const found = classifyAddress(address);
			const addressClass: AddressClass = found?.class ?? 'public';
			const denied = deny.find((entry) => matches(entry, address, addressClass, name));
			if (denied) return `${subject} matches \`network.deny\` entry \`${denied.text}\``;
			if (found?.class === 'blocked') {
				// Only an entry no wider than the blocked range names it; `0.0.0.0/0` or `public` do not.
				const named = allow.some(
					(e) =>
						e.kind === 'cidr' &&
						cidrContains(e.block, address) &&
						e.block.prefix >= found.block.prefix,
				);
				return named
					? undefined
					: `${subject} is in ${found.cidr} (${found.name}): refused unless ${allowName} names it, e.g. \`${shown}\``;
			}
			if (allow.some((entry) => matches(entry, address, addressClass, name))) return undefined;
			return found
				? `${subject} is in ${found.cidr} (${found.name}), outside ${allowName}`
				: `${subject} is a public address, outside ${allowName}`;
		},
	};
}

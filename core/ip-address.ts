import { isIP } from 'node:net';

/**
 * IP addresses and CIDR blocks as numbers, for the address policy (`network/address-policy.ts`)
 * and the config schema that validates its entries. IPv4 addresses carried inside IPv6
 * (`::ffff:127.0.0.1`, NAT64 `64:ff9b::/96`, the deprecated `::a.b.c.d`) are their IPv4 address,
 * so no spelling of an address escapes a rule written for it.
 */
export interface IpAddress {
	version: 4 | 6;
	value: bigint;
}

export interface Cidr extends IpAddress {
	prefix: number;
}

const bits = { 4: 32, 6: 128 } as const;

/**
 * Parses an IP address in any form a URL or a resolver may give: dotted, decimal (`2130706433`),
 * hex or octal parts (`0x7f.1`, `0177.0.0.1`, as WHATWG URLs read them), IPv6 with or without
 * brackets or a zone. `undefined` when `text` is not an address.
 */
export function parseIp(text: string): IpAddress | undefined {
	let host = text.trim().replace(/^\[|\]$/g, '');
	const zone = host.indexOf('%');
	if (zone >= 0) host = host.slice(0, zone);
	if (isIP(host) === 6) return unwrapIpv4(ipv6Value(host));
	if (isIP(host) === 4) return { version: 4, value: BigInt(ipv4Value(host)) };
	// Hosts such as `2130706433`, `0x7f.1` or `127.1`: let the URL parser decide, as a request would.
	if (!/^[0-9a-fx.]+$/i.test(host)) return undefined;
	try {
		const parsed = new URL(`http://${host}/`).hostname;
		return isIP(parsed) === 4 ? { version: 4, value: BigInt(ipv4Value(parsed)) } : undefined;
	} catch {
		return undefined;
	}
}

/** `10.0.0.0/8`, `fd00:ec2::254`, `127.0.0.1` (a single address) → a block; `undefined` when malformed. */
export function parseCidr(text: string): Cidr | undefined {
	const [address = '', prefixText, extra] = text.trim().split('/');
	if (extra !== undefined) return undefined;
	const strict = address.replace(/^\[|\]$/g, '');
	if (!isIP(strict)) return undefined;
	const parsed = parseIp(strict);
	if (!parsed) return undefined;
	// A prefix written for the IPv6 form of an IPv4 address (`::ffff:0:0/104`) counts on the IPv4 part.
	const written = isIP(strict) === 6 && parsed.version === 4 ? 128 : bits[parsed.version];
	const prefix =
		prefixText === undefined ? written : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
	if (!(prefix >= 0 && prefix <= written)) return undefined;
	const own = Math.max(0, prefix - (written - bits[parsed.version]));
	return { ...parsed, prefix: own };
}

/** True when `address` lies in `block` (same family after unwrapping IPv4 from IPv6). */
export function cidrContains(block: Cidr, address: IpAddress): boolean {
	if (block.version !== address.version) return false;
	const shift = BigInt(bits[block.version] - block.prefix);
	return block.value >> shift === address.value >> shift;
}

/** The address in its usual text form (`169.254.169.254`, `fe80::1`). */
export function formatIp(address: IpAddress): string {
	if (address.version === 4) {
		const v = Number(address.value);
		return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
	}
	const groups = Array.from({ length: 8 }, (_, i) =>
		Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn),
	);
	// Compress the longest run of zero groups (RFC 5952).
	let best = { at: -1, length: 1 };
	for (let i = 0; i < 8;) {
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > best.length) best = { at: i, length: j - i };
		i = j === i ? i + 1 : j;
	}
	const hex = groups.map((g) => g.toString(16));
	if (best.at < 0) return hex.join(':');
	return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

function ipv4Value(text: string): number {
	return text.split('.').reduce((total, part) => total * 256 + Number(part), 0);
}

function ipv6Value(text: string): bigint {
	const withoutIpv4 = text.replace(/(\d+\.\d+\.\d+\.\d+)$/, (dotted) => {
		const v = ipv4Value(dotted);
		return `${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`;
	});
	const [head = '', tail] = withoutIpv4.split('::');
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const groups =
		tail === undefined
			? headGroups
			: [
					...headGroups,
					...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'),
					...tailGroups,
				];
	return groups.reduce((total, group) => (total << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const ipv4Mapped = 0xffffn << 32n;
const nat64 = 0x64ff9bn << 96n;

function unwrapIpv4(value: bigint): IpAddress {
	const high = value >> 32n;
	const low = value & 0xffffffffn;
	// `::ffff:a.b.c.d` (mapped), `64:ff9b::a.b.c.d` (NAT64) and `::a.b.c.d` (compatible, but not `::` or `::1`).
	if (high << 32n === ipv4Mapped || high << 32n === nat64 || (high === 0n && low > 1n))
		return { version: 4, value: low };
	return { version: 6, value };
}

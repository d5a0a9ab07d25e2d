import { lookup as systemLookup, Resolver } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { DnsRecordType } from './observation.ts';

/**
 * The DNS resolver every network check uses (HTTP connections included), so teams with internal
 * zones such as `*.lab` can point Waymark at their own DNS servers. Exported for the link checker.
 */
export interface ProbeResolver {
	/** `host:port` servers in use; empty means the system resolver. */
	servers: string[];
	/** One DNS query. Never throws: NXDOMAIN, SERVFAIL, timeouts become `rcode`. */
	query(name: string, type: DnsRecordType, timeoutMs?: number): Promise<DnsAnswer>;
	/** For `net.connect({ lookup })` and undici's `connect.lookup`. */
	lookup: LookupFunction;
}

interface DnsAnswer {
	/** NOERROR, NXDOMAIN, SERVFAIL, REFUSED…, or TIMEOUT / ERROR when no answer came. */
	rcode: string;
	answers: string[];
	error?: string;
}

const rcodeByCode: Record<string, string> = {
	ENOTFOUND: 'NXDOMAIN',
	ESERVFAIL: 'SERVFAIL',
	EREFUSED: 'REFUSED',
	ENODATA: 'NOERROR',
	ENOTIMP: 'NOTIMP',
	EFORMERR: 'FORMERR',
};

export function createResolver(
	options: { servers?: string[]; timeoutMs?: number } = {},
): ProbeResolver {
	const servers = options.servers ?? [];
	const defaultTimeout = options.timeoutMs ?? 5000;
	const makeResolver = (timeoutMs: number): Resolver => {
		const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
		if (servers.length > 0) resolver.setServers(servers);
		return resolver;
	};
	const query = async (
		name: string,
		type: DnsRecordType,
		timeoutMs = defaultTimeout,
	): Promise<DnsAnswer> => {
		const resolver = makeResolver(timeoutMs);
		let timer: NodeJS.Timeout | undefined;
		try {
			const answers = await Promise.race([
				resolveAs(resolver, name, type),
				new Promise<never>((_, reject) => {
					timer = setTimeout(
						() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
						timeoutMs + 50,
					);
				}),
			]);
			return { rcode: 'NOERROR', answers };
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? '';
			const rcode = rcodeByCode[code];
			if (rcode) return { rcode, answers: [] };
			const where = servers.length > 0 ? servers.join(', ') : 'the system resolver';
			if (code === 'ETIMEOUT')
				return {
					rcode: 'TIMEOUT',
					answers: [],
					error: `No DNS answer from ${where} within ${timeoutMs} ms`,
				};
			return {
				rcode: 'ERROR',
				answers: [],
				error: `DNS query to ${where} failed (${code || (error as Error).message})`,
			};
		} finally {
			clearTimeout(timer);
			resolver.cancel();
		}
	};
	const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
		const all = Boolean((lookupOptions as { all?: boolean }).all);
		const reply = (address: string, family: number): void => {
			if (all)
				(callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
					null,
					[{ address, family }],
				);
			else callback(null, address, family);
		};
		const family = isIP(hostname.replace(/^\[|\]$/g, ''));
		if (family) return reply(hostname.replace(/^\[|\]$/g, ''), family);
		if (servers.length === 0 || hostname === 'localhost')
			return systemLookup(hostname, lookupOptions, callback);
		void (async () => {
			for (const [type, fam] of [
				['A', 4],
				['AAAA', 6],
			] as const) {
				const answer = await query(hostname, type);
				if (answer.answers[0]) return reply(answer.answers[0], fam);
				if (answer.rcode !== 'NOERROR') {
					const code =
						answer.rcode === 'NXDOMAIN'
							? 'ENOTFOUND'
							: answer.rcode === 'TIMEOUT'
								? 'ETIMEOUT'
								: answer.rcode === 'REFUSED'
									? 'EREFUSED'
									: 'ESERVFAIL';
					return callback(
						Object.assign(new Error(`${answer.rcode} for ${hostname} from ${servers.join(', ')}`), {
							code,
							hostname,
						}),
						'',
						0,
					);
				}
			}
			callback(
				Object.assign(new Error(`No A or AAAA record for ${hostname}`), {
					code: 'ENOTFOUND',
					hostname,
				}),
				'',
				0,
			);
		})();
	};
	return { servers, query, lookup };
}

async function resolveAs(resolver: Resolver, name: string, type: DnsRecordType): Promise<string[]> {
	const call = <T>(
		fn: (name: string, cb: (err: Error | null, value: T) => void) => void,
	): Promise<T> =>
		new Promise((resolve, reject) =>
			fn.call(resolver, name, (err, value) => (err ? reject(err) : resolve(value))),
		);
	switch (type) {
		case 'A':
			return call<string[]>(resolver.resolve4.bind(resolver));
		case 'AAAA':
			return call<string[]>(resolver.resolve6.bind(resolver));
		case 'CNAME':
			return call<string[]>(resolver.resolveCname.bind(resolver));
		case 'MX':
			return (
				await call<Array<{ priority: number; exchange: string }>>(
					resolver.resolveMx.bind(resolver) as never,
				)
			)
				.sort((a, b) => a.priority - b.priority)
				.map((r) => `${r.priority} ${r.exchange}`);
		case 'TXT':
			return (await call<string[][]>(resolver.resolveTxt.bind(resolver) as never)).map((parts) =>
				parts.join(''),
			);
	}
}

import { isIP } from 'node:net';
import { request, type Dispatcher } from 'undici';
import { defaultDispatcher } from './agent.ts';

/**
 * `[DOMAIN_EXPIRATION]`: when a domain's registration ends, from RDAP (the registries' JSON
 * successor of whois). The RDAP server comes from a small bundled map of common top-level domains,
 * else from IANA's bootstrap file. Answers are cached per domain for hours; anything that goes
 * wrong is a reason for `unknown`, never a failure of the probe.
 */
type DomainExpiration = { expiresAt: number } | { unknown: string };
export type DomainExpirationLookup = (hostname: string) => Promise<DomainExpiration>;

export interface DomainExpirationOptions {
	/** @default `defaultDispatcher()`: the default address policy, never undici's global dispatcher */
	dispatcher?: Dispatcher;
	/** @default 10000 */
	timeoutMs?: number;
	/** How long an answer is kept. @default 12 hours (a failure: 10 minutes) */
	cacheMs?: number;
	now?: () => number;
}

// From IANA's bootstrap file (data.iana.org/rdap/dns.json); other TLDs are looked up there.
const knownServers: Record<string, string> = {
	com: 'https://rdap.verisign.com/com/v1/',
	net: 'https://rdap.verisign.com/net/v1/',
	org: 'https://rdap.publicinterestregistry.org/rdap/',
	app: 'https://pubapi.registry.google/rdap/',
	dev: 'https://pubapi.registry.google/rdap/',
	page: 'https://pubapi.registry.google/rdap/',
	uk: 'https://rdap.nominet.uk/uk/',
};
const bootstrapUrl = 'https://data.iana.org/rdap/dns.json';
// Second-level labels under which a country's registry sells names (`example.co.uk`).
const secondLevels = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'ne', 'or', 'go']);
const maxAnswerBytes = 1_048_576;

/** The registered domain a hostname belongs to: `api.erp.example.com` → `example.com`. */
export function registeredDomain(hostname: string): string | undefined {
	const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
	if (labels.length < 2 || isIP(hostname.replace(/^\[|\]$/g, ''))) return undefined;
	const tld = labels.at(-1) ?? '';
	const take =
		tld.length === 2 && labels.length > 2 && secondLevels.has(labels.at(-2) ?? '') ? 3 : 2;
	return labels.slice(-take).join('.');
}

export function createDomainExpirationLookup(
	options: DomainExpirationOptions = {},
): DomainExpirationLookup {
	const dispatcher = options.dispatcher ?? defaultDispatcher();
	const timeoutMs = options.timeoutMs ?? 10_000;
	const now = options.now ?? Date.now;
	const cacheMs = options.cacheMs ?? 12 * 3_600_000;
	const cache = new Map<string, { until: number; answer: Promise<DomainExpiration> }>();
	let bootstrap: { until: number; services: Promise<Record<string, string> | string> } | undefined;

	const getJson = async (url: string): Promise<unknown> => {
		const response = await request(url, {
			dispatcher,
			headers: { accept: 'application/rdap+json, application/json' },
			signal: AbortSignal.timeout(timeoutMs),
		});
		let text = '';
		for await (const chunk of response.body) {
			text += (chunk as Buffer).toString('utf8');
			if (text.length > maxAnswerBytes) throw new Error('answer too large');
		}
		if (response.statusCode === 404) throw new Error('404, no such domain there');
		if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
		return JSON.parse(text) as unknown;
	};
	const serverFor = async (tld: string): Promise<string> => {
		if (knownServers[tld]) return knownServers[tld];
		if (!bootstrap || bootstrap.until < now()) {
			const services = getJson(bootstrapUrl).then(
				(json) =>
					Object.fromEntries(
						(json as { services?: [string[], string[]][] }).services?.flatMap(([tlds, urls]) =>
							tlds.map((t) => [t, urls.find((u) => u.startsWith('https:')) ?? urls[0] ?? '']),
						) ?? [],
					),
				(error: Error) => `IANA's RDAP bootstrap file could not be read (${error.message})`,
			);
			bootstrap = { until: now() + cacheMs, services };
		}
		const services = await bootstrap.services;
		if (typeof services === 'string') throw new Error(services);
		const server = services[tld];
		if (!server)
			throw new Error(`no RDAP service is known for \`.${tld}\` (not a public top-level domain?)`);
		return server.endsWith('/') ? server : `${server}/`;
	};
	const lookUp = async (domain: string): Promise<DomainExpiration> => {
		try {
			const server = await serverFor(domain.split('.').at(-1) ?? '');
			const answer = (await getJson(`${server}domain/${domain}`)) as {
				events?: Array<{ eventAction?: string; eventDate?: string }>;
			};
			const expiresAt = Date.parse(
				answer.events?.find((e) => e.eventAction === 'expiration')?.eventDate ?? '',
			);
			return Number.isNaN(expiresAt)
				? { unknown: `the RDAP answer for \`${domain}\` has no expiration date` }
				: { expiresAt };
		} catch (error) {
			const message = (error as Error).message;
			return {
				unknown:
					message.startsWith('no RDAP') || message.startsWith('IANA')
						? message
						: `RDAP lookup for \`${domain}\` failed (${(error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : message})`,
			};
		}
	};
	return async (hostname) => {
		const domain = registeredDomain(hostname);
		if (!domain) return { unknown: `\`${hostname}\` is not a registered domain name` };
		const cached = cache.get(domain);
		if (cached && cached.until > now()) return cached.answer;
		const answer = lookUp(domain);
		const entry = { until: now() + cacheMs, answer };
		cache.set(domain, entry);
		void answer.then((a) => {
			if ('unknown' in a) entry.until = now() + Math.min(cacheMs, 600_000);
		});
		return answer;
	};
}

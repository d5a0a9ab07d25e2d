import type { Dispatcher } from 'undici';
import { secretValues } from '../../core/env-template.ts';
import { createScrubber, scrubValue } from '../../core/scrub-secrets.ts';
import type { PrometheusEndpoint } from '../../config/alerts.ts';
import type { AddressPolicy } from '../../network/address-policy.ts';
import { observeDns } from '../../network/observe-dns.ts';
import { observeHttp } from '../../network/observe-http.ts';
import { withoutCredentials } from '../../core/url-credentials.ts';
import { observePrometheusQuery } from '../../network/observe-prometheus.ts';
import { observeIcmp, type Exec } from '../../network/observe-icmp.ts';
import type { DomainExpirationLookup } from '../../network/domain-expiration.ts';
import { observeTcp, splitHostPort } from '../../network/observe-tcp.ts';
import { observeTls } from '../../network/observe-tls.ts';
import type { Observation, ProbeSpec } from '../../network/observation.ts';
import type { ProbeResolver } from '../../network/resolver.ts';
import { judge } from './outcome.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';

/** Everything a probe touches, injected: tests pass loopback servers, a fake exec or a MockAgent. */
export interface ProbeIo {
	resolver: ProbeResolver;
	/** Checked on every connection after DNS; `dispatcher` must apply the same one. @default `createAddressPolicy()` */
	policy?: AddressPolicy;
	dispatcher?: Dispatcher;
	certificateExpiry?: Map<string, number>;
	peerAddresses?: Map<string, string>;
	exec?: Exec;
	/** What `${env:NAME}` reads (`openProbeIo` passes only the names `network.env` lists). @default none */
	env?: NodeJS.ProcessEnv;
	/** `network.env`: names `${env:NAME}` may read. @default every name in `env` */
	allowedEnv?: readonly string[];
	bodyCapBytes?: number;
	portFor?: (host: string, port: number) => number | undefined;
	signal?: AbortSignal;
	/** `alerts.prometheus`: what `prometheus` probes ask. */
	prometheus?: PrometheusEndpoint;
	/** RDAP for `[DOMAIN_EXPIRATION]`; without it, conditions on it are unknown. */
	domainExpiration?: DomainExpirationLookup;
}

function observe(spec: ProbeSpec, io: ProbeIo): Promise<Observation> {
	const net = {
		resolver: io.resolver,
		...(io.policy && { policy: io.policy }),
		...(io.portFor && { portFor: io.portFor }),
	};
	const prometheus = {
		...(io.prometheus && { endpoint: io.prometheus }),
		...(io.dispatcher && { dispatcher: io.dispatcher }),
		...(io.env && { env: io.env }),
	};
	switch (spec.kind) {
		case 'http':
			return observeHttp(spec, {
				...(io.dispatcher && { dispatcher: io.dispatcher }),
				...(io.certificateExpiry && { certificateExpiry: io.certificateExpiry }),
				...(io.peerAddresses && { peerAddresses: io.peerAddresses }),
				...(io.env && { env: io.env }),
				...(io.allowedEnv && { allowedEnv: io.allowedEnv }),
				...(io.bodyCapBytes && { bodyCapBytes: io.bodyCapBytes }),
				...(io.signal && { signal: io.signal }),
			});
		case 'dns':
			return observeDns(spec, net);
		case 'tcp':
			return observeTcp(spec, net);
		case 'tls':
			return observeTls(spec, net);
		case 'icmp':
			return observeIcmp(spec, {
				resolver: io.resolver,
				...(io.policy && { policy: io.policy }),
				...(io.exec && { exec: io.exec }),
			});
		case 'prometheus':
			return observePrometheusQuery(spec, prometheus);
	}
}

/**
 * Runs one probe and judges it against its conditions. Never throws. Secrets (the `${env:…}`
 * values its headers read, `user:pass@` in its URL) are masked in what it saw before anything is
 * judged, cut or published, in every encoded form an endpoint may echo them in.
 */
export async function runProbe(
	probe: ProbeSpec & Partial<Pick<LocatedProbe, 'file' | 'line'>>,
	io: ProbeIo,
): Promise<ProbeResult> {
	let observation: Observation;
	try {
		// Read from Prometheus, a probe contacts nothing else, RDAP included.
		const fromPrometheus = probe.kind === 'prometheus';
		const needsDomain =
			!fromPrometheus && probe.conditions.some((c) => /\[DOMAIN_EXPIRATION\]/i.test(c));
		const [seen, domain] = await Promise.all([
			observe(probe, io),
			needsDomain
				? (io.domainExpiration?.(hostOf(probe, io)) ?? {
						unknown:
							'this run looks up no domain expiration (demo mode contacts only its stand-ins)',
					})
				: undefined,
		]);
		observation = seen;
		if (domain && 'expiresAt' in domain)
			observation.domainExpiresInMs = domain.expiresAt - Date.now();
		if (domain && 'unknown' in domain) observation.domainExpirationUnknown = domain.unknown;
		if (observation.responseTimeMs !== null)
			observation.responseTimeMs = Math.round(observation.responseTimeMs);
	} catch (error) {
		// Observers catch their own I/O errors; this keeps a bug of ours from taking the run down.
		observation = {
			connected: false,
			responseTimeMs: null,
			unknownReason: `Not checked: internal error (${(error as Error).message})`,
		};
	}
	const scrub = createScrubber([
		...secretValues(probe.headers, io.env ?? {}, io.allowedEnv),
		...secretValues(io.prometheus?.headers ?? {}, io.env ?? {}, io.allowedEnv),
		...credentialsOf(probe),
	]);
	const result = judge(probe, scrubObservation(observation, scrub));
	return {
		...result,
		message: scrub(result.message),
		observed: Object.fromEntries(Object.entries(result.observed).map(([k, v]) => [k, scrub(v)])),
	};
}

function scrubObservation(observation: Observation, scrub: (text: string) => string): Observation {
	const clean: Observation = { ...observation };
	if (clean.body !== undefined) clean.body = scrubValue(clean.body, scrub);
	if (clean.bodyText !== undefined) clean.bodyText = scrub(clean.bodyText);
	if (clean.headers) clean.headers = scrubValue(clean.headers, scrub) as Record<string, string>;
	if (clean.error !== undefined) clean.error = scrub(clean.error);
	if (clean.unknownReason !== undefined) clean.unknownReason = scrub(clean.unknownReason);
	return clean;
}

/** `user:pass@` of an http target: the password, the pair, and the Basic value made from it. */
function credentialsOf(probe: ProbeSpec): string[] {
	if (probe.kind !== 'http') return [];
	let url: URL;
	try {
		url = new URL(probe.target);
	} catch {
		return [];
	}
	const { authorization } = withoutCredentials(url);
	if (!authorization) return [];
	const pair = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
	return [pair, pair.slice(pair.indexOf(':') + 1), url.password];
}

function hostOf(probe: ProbeSpec, io: ProbeIo): string {
	// Read from Prometheus, a probe contacts Prometheus, not its target.
	if (probe.kind === 'prometheus')
		return io.prometheus ? new URL(io.prometheus.url).hostname : 'localhost';
	if (probe.kind === 'http') return new URL(probe.target).hostname.replace(/^\[|\]$/g, '');
	if (probe.kind === 'tcp' || probe.kind === 'tls') return splitHostPort(probe.target).host;
	return probe.target;
}

import type { Dispatcher } from 'undici';
import { observeDns } from '../../network/observe-dns.ts';
import { secretValues } from '../../core/env-template.ts';
import { observeHttp } from '../../network/observe-http.ts';
import { observeFromBlackbox, observePrometheusQuery } from '../../network/observe-prometheus.ts';
import type { PrometheusEndpoint } from '../../config/alerts.ts';
import { conditionsFromPrometheus } from './prometheus-source.ts';
import { observeIcmp, type Exec } from '../../network/observe-icmp.ts';
import type { DomainExpirationLookup } from '../../network/domain-expiration.ts';
import { judge } from './outcome.ts';
import type { ProbeResolver } from '../../network/resolver.ts';
import { observeTcp, splitHostPort } from '../../network/observe-tcp.ts';
import { observeTls } from '../../network/observe-tls.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';
import type { Observation, ProbeSpec } from '../../network/observation.ts';

/** Everything a probe touches, injected: tests pass loopback servers, a fake exec or a MockAgent. */
export interface ProbeIo {
	resolver: ProbeResolver;
	dispatcher?: Dispatcher;
	certificateExpiry?: Map<string, number>;
	peerAddresses?: Map<string, string>;
	exec?: Exec;
	env?: NodeJS.ProcessEnv;
	bodyCapBytes?: number;
	portFor?: (host: string, port: number) => number | undefined;
	signal?: AbortSignal;
	/** When set, targets (and redirect hosts) it rejects are not contacted: the demo allows only its zone and loopback. */
	allowHost?: (host: string) => boolean;
	/** `alerts.prometheus`: what `prometheus` probes ask, and, with `source: 'prometheus'`, every other probe. */
	prometheus?: PrometheusEndpoint;
	/** `prometheus` reads every exported probe's state from blackbox_exporter's series instead of probing. @default 'probes' */
	source?: 'probes' | 'prometheus';
	/** RDAP for `[DOMAIN_EXPIRATION]`; without it, conditions on it are unknown. */
	domainExpiration?: DomainExpirationLookup;
}

function observe(spec: ProbeSpec, io: ProbeIo): Promise<Observation> {
	const net = { resolver: io.resolver, ...(io.portFor && { portFor: io.portFor }) };
	const prometheus = { ...(io.prometheus && { endpoint: io.prometheus }), ...(io.dispatcher && { dispatcher: io.dispatcher }), ...(io.env && { env: io.env }) };
	if (io.source === 'prometheus' && spec.kind !== 'prometheus') return observeFromBlackbox(spec, prometheus);
	switch (spec.kind) {
		case 'http':
			return observeHttp(spec, {
				...(io.dispatcher && { dispatcher: io.dispatcher }),
				...(io.certificateExpiry && { certificateExpiry: io.certificateExpiry }),
				...(io.peerAddresses && { peerAddresses: io.peerAddresses }),
				...(io.env && { env: io.env }),
				...(io.bodyCapBytes && { bodyCapBytes: io.bodyCapBytes }),
				...(io.signal && { signal: io.signal }),
				...(io.allowHost && { allowHost: io.allowHost }),
			});
		case 'dns':
			return observeDns(spec, net);
		case 'tcp':
			return observeTcp(spec, net);
		case 'tls':
			return observeTls(spec, net);
		case 'icmp':
			return observeIcmp(spec, { resolver: io.resolver, ...(io.exec && { exec: io.exec }) });
		case 'prometheus':
			return observePrometheusQuery(spec, prometheus);
	}
}

/** Runs one probe and judges it against its conditions. Never throws. */
export async function runProbe(probe: ProbeSpec & Partial<Pick<LocatedProbe, 'file' | 'line'>>, io: ProbeIo): Promise<ProbeResult> {
	let observation: Observation;
	try {
		const host = hostOf(probe, io);
		const allowed = !io.allowHost || io.allowHost(host);
		// Read from Prometheus, a probe contacts nothing else, RDAP included.
		const fromPrometheus = probe.kind === 'prometheus' || io.source === 'prometheus';
		const needsDomain = allowed && !fromPrometheus && probe.conditions.some((c) => /\[DOMAIN_EXPIRATION\]/i.test(c));
		const [seen, domain] = await Promise.all([
			allowed ? observe(probe, io) : { connected: false, responseTimeMs: null, unknownReason: `Not checked: \`${host}\` is outside what this run may contact (demo mode probes only its loopback stand-ins)` },
			needsDomain ? (io.domainExpiration?.(host) ?? { unknown: 'this run looks up no domain expiration (demo mode contacts only its stand-ins)' }) : undefined,
		]);
		observation = seen;
		if (domain && 'expiresAt' in domain) observation.domainExpiresInMs = domain.expiresAt - Date.now();
		if (domain && 'unknown' in domain) observation.domainExpirationUnknown = domain.unknown;
		if (observation.responseTimeMs !== null) observation.responseTimeMs = Math.round(observation.responseTimeMs);
	} catch (error) {
		// Observers catch their own I/O errors; this keeps a bug of ours from taking the run down.
		observation = { connected: false, responseTimeMs: null, unknownReason: `Not checked: internal error (${(error as Error).message})` };
	}
	const judged = io.source === 'prometheus' && probe.kind !== 'prometheus' ? { ...probe, conditions: conditionsFromPrometheus(probe).conditions } : probe;
	return scrub(judge(judged, observation), secretValues(probe.headers, io.env ?? {}));
}

// An endpoint may echo request headers back; no secret value leaves the prober, whatever it answers.
function scrub(result: ProbeResult, secrets: string[]): ProbeResult {
	if (secrets.length === 0) return result;
	const clean = (text: string): string => secrets.reduce((t, secret) => t.split(secret).join('[secret]'), text);
	return { ...result, message: clean(result.message), observed: Object.fromEntries(Object.entries(result.observed).map(([k, v]) => [k, clean(v)])) };
}

function hostOf(probe: ProbeSpec, io: ProbeIo): string {
	// Read from Prometheus, a probe contacts Prometheus, not its target.
	if (probe.kind === 'prometheus' || io.source === 'prometheus') return io.prometheus ? new URL(io.prometheus.url).hostname : 'localhost';
	if (probe.kind === 'http') return new URL(probe.target).hostname.replace(/^\[|\]$/g, '');
	if (probe.kind === 'tcp' || probe.kind === 'tls') return splitHostPort(probe.target).host;
	return probe.target;
}

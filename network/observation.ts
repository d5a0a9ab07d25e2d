import type { ProbeKind } from '../core/status-snapshot.ts';

/**
 * What the network layer is asked to observe and what it saw. The checks judge an observation
 * against a probe's conditions (`checks/probes/`); nothing here knows about conditions.
 */

export const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT'] as const;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

/** A validated probe declaration, as the prober sees it. Header values keep `${env:NAME}` templates. */
export interface ProbeSpec {
	id: string;
	name?: string;
	kind: ProbeKind;
	/** URL for http, hostname for dns/icmp, `host:port` for tcp/tls, the PromQL query for prometheus. */
	target: string;
	dnsType: DnsRecordType;
	headers: Record<string, string>;
	conditions: string[];
	intervalMs: number;
	timeoutMs: number;
}

/**
 * What a probe saw; conditions read from this. A field left unset reads as Gatus's zero value
 * (`0`, `""`, `false`). Bodies are capped in size.
 */
export interface Observation {
	connected: boolean;
	responseTimeMs: number | null;
	status?: number;
	/** Address the probe connected to, for `[IP]`. */
	ip?: string;
	headers?: Record<string, string>;
	/** The body decoded: JSON when it starts with `{` or `[`, else the text; for `[BODY].path`. */
	body?: unknown;
	/** The body as received, for `[BODY]` compared as text; derived from `body` when unset. */
	bodyText?: string;
	/** Milliseconds until the certificate's `notAfter` (negative when expired). */
	certificateExpiresInMs?: number;
	/** Milliseconds until the domain's registration expires (RDAP), for `[DOMAIN_EXPIRATION]`. */
	domainExpiresInMs?: number;
	/** Why `[DOMAIN_EXPIRATION]` could not be read; conditions on it are then unknown, never down. */
	domainExpirationUnknown?: string;
	dnsRcode?: string;
	/** Error text when the probe could not connect or got no answer. */
	error?: string;
	/** Set when the probe could not run at all (e.g. no `ping`, missing env var): state unknown. */
	unknownReason?: string;
	/** The value of a `prometheus` probe's query: `[VALUE]`. */
	value?: number;
}

import type { ProbeKind } from '../src/lib/status-snapshot.ts';

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

/** What a probe saw; conditions read from this. Bodies are parsed JSON (or text) capped in size. */
export interface Observation {
	connected: boolean;
	responseTimeMs: number | null;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Milliseconds until the certificate's `notAfter` (negative when expired). */
	certificateExpiresInMs?: number;
	dnsRcode?: string;
	/** Error text when the probe could not connect or got no answer. */
	error?: string;
	/** Set when the probe could not run at all (e.g. no `ping`, missing env var): state unknown. */
	unknownReason?: string;
	/** The value of a `prometheus` probe's query: `[VALUE]`. */
	value?: number;
}

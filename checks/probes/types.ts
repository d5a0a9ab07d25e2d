/**
 * Probe types shared by the prober, the status server and (as types only) the widgets in `src/`.
 * A probe's state is a closed union; "unknown" is an outcome (the probe could not run), not an
 * absence, and it never counts as down.
 */
export const probeKinds = ['http', 'dns', 'tcp', 'icmp', 'tls'] as const;
export type ProbeKind = (typeof probeKinds)[number];

export type ProbeState = 'up' | 'degraded' | 'down' | 'unknown';

export const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT'] as const;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

/** A validated probe declaration, as the prober sees it. Header values keep `${env:NAME}` templates. */
export interface ProbeSpec {
	id: string;
	name?: string;
	kind: ProbeKind;
	/** URL for http, hostname for dns/icmp, `host:port` for tcp/tls. */
	target: string;
	dnsType: DnsRecordType;
	headers: Record<string, string>;
	conditions: string[];
	intervalMs: number;
	timeoutMs: number;
}

/** A declaration with where it was written, for findings and the status page. */
export interface LocatedProbe extends ProbeSpec {
	/** Page path relative to the guidebook root. */
	file: string;
	line: number;
	route: string;
	pageTitle: string;
}

export interface ProbeResult {
	id: string;
	kind: ProbeKind;
	target: string;
	state: ProbeState;
	ok: boolean;
	latencyMs: number | null;
	/** Values the conditions extracted (placeholder → value); nothing else from a response is kept. */
	observed: Record<string, string>;
	/** The reason, in text: failing conditions with observed next to expected, or why it could not run. */
	message: string;
	file: string;
	line: number;
	checkedAt: string;
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
}

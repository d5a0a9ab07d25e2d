import { parseDuration } from '../core/duration.ts';
import type { LocatedProbe } from '../checks/probes/types.ts';

/**
 * A Waymark probe → a blackbox_exporter 0.23 module (the checks that make `probe_success` 0) and
 * Prometheus rules (what blackbox has no setting for: latency and certificate thresholds, which
 * Waymark reports as degraded, not down). What neither can express is a note, never dropped
 * silently.
 */
export interface ModulePlan {
	/** The module's body in blackbox.yml. */
	module: Record<string, unknown>;
	/** Soft conditions as PromQL that is 1 while the condition holds (`… < bool 2000`). */
	soft: Array<{ condition: string; expr: string }>;
	/** Conditions written as a rule instead of a module setting, and conditions not exported. */
	notes: string[];
	/** A certificate condition is set: an expired certificate is down, not degraded, as in Waymark. */
	expiredIsDown: boolean;
}

type Operator = '==' | '!=' | '<=' | '>=' | '<' | '>';

interface Simple {
	text: string;
	placeholder: string;
	path: string;
	operator: Operator;
	value: string;
}

/** The Gatus forms blackbox can mirror: `[PLACEHOLDER](.path) OP value`; anything else is not exported. */
function readCondition(text: string): Simple | undefined {
	const match = /^\s*\[([A-Z_]+)\]((?:\.[^\s=!<>]+|\[\d+\])*)\s*(==|!=|<=|>=|<|>)\s*(.*?)\s*$/.exec(
		text,
	);
	if (!match) return undefined;
	const [, placeholder = '', path = '', operator = '==', raw = ''] = match;
	return {
		text,
		placeholder,
		path,
		operator: operator as Operator,
		value: raw.replace(/^"(.*)"$/, '$1'),
	};
}

const compare = (a: number, operator: Operator, b: number): boolean =>
	operator === '=='
		? a === b
		: operator === '!='
			? a !== b
			: operator === '<'
				? a < b
				: operator === '<='
					? a <= b
					: operator === '>'
						? a > b
						: a >= b;

/** RE2 literal: `\Q…\E`, with a `\E` inside the text closed and reopened. */
const literal = (text: string): string => `\\Q${text.replaceAll('\\E', '\\E\\\\E\\Q')}\\E`;

const rcodes = [
	'NOERROR',
	'FORMERR',
	'SERVFAIL',
	'NXDOMAIN',
	'NOTIMP',
	'REFUSED',
	'YXDOMAIN',
	'YXRRSET',
	'NXRRSET',
	'NOTAUTH',
	'NOTZONE',
];
const allStatusCodes = Array.from({ length: 500 }, (_, i) => i + 100);
/** `${env:NAME}` → `${NAME}`: blackbox_exporter 0.23 cannot read the environment; envsubst can. */
const envPlaceholder = (value: string): string =>
	value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, '$${$1}');

export function planModule(probe: LocatedProbe): ModulePlan {
	const notes: string[] = [];
	const soft: ModulePlan['soft'] = [];
	const selector = `probe="${probe.id}"`;
	const timeout = `${Math.max(1, Math.round(probe.timeoutMs / 1000))}s`;
	let statusCodes = probe.kind === 'http' ? allStatusCodes : [];
	let rcodeSet = rcodes;
	let dnsRcodeSet = false;
	const http: Record<string, unknown> = {
		method: 'GET',
		preferred_ip_protocol: 'ip4',
		follow_redirects: true,
	};
	const bodyMustMatch: string[] = [];
	const bodyMustNotMatch: string[] = [];
	const headerMustMatch: Array<Record<string, unknown>> = [];
	const headerMustNotMatch: Array<Record<string, unknown>> = [];
	const answerMustMatch: string[] = [];
	let expiredIsDown = false;
	const unexpressible = (condition: string, why: string): void =>
		void notes.push(
			`\`${condition}\` is not exported: ${why}; blackbox_exporter 0.23 cannot check it, so Prometheus never sees it fail`,
		);

	for (const text of probe.conditions) {
		const c = readCondition(text);
		if (!c) {
			unexpressible(text, 'only `[PLACEHOLDER] OP value` conditions map to blackbox settings');
			continue;
		}
		const number = Number(c.value);
		switch (c.placeholder) {
			case 'STATUS':
				if (probe.kind !== 'http' || c.path || Number.isNaN(number))
					unexpressible(text, 'a status code condition outside an http probe');
				else statusCodes = statusCodes.filter((code) => compare(code, c.operator, number));
				break;
			case 'RESPONSE_TIME': {
				const ms = /^\d+(\.\d+)?$/.test(c.value) ? number : parseDuration(c.value);
				if (ms === undefined) unexpressible(text, 'the value is not a number of milliseconds');
				else
					soft.push({
						condition: text,
						expr: `probe_duration_seconds{${selector}} * 1000 ${c.operator} bool ${ms}`,
					});
				break;
			}
			case 'CERTIFICATE_EXPIRATION': {
				const ms = /^\d+(\.\d+)?$/.test(c.value) ? number : parseDuration(c.value);
				if (ms === undefined) unexpressible(text, 'the value is not a duration');
				else {
					soft.push({
						condition: text,
						expr: `(probe_ssl_earliest_cert_expiry{${selector}} - time()) ${c.operator} bool ${ms / 1000}`,
					});
					expiredIsDown = true;
					notes.push(
						`\`${text}\` is a rule on \`probe_ssl_earliest_cert_expiry\`, the earliest expiry in the chain (Waymark reads the server's own certificate)`,
					);
				}
				break;
			}
			case 'CONNECTED':
				if (c.operator === '==' && c.value === 'true') break;
				unexpressible(text, 'blackbox can only require a connection');
				break;
			case 'DNS_RCODE':
				if (probe.kind !== 'dns' || (c.operator !== '==' && c.operator !== '!='))
					unexpressible(text, 'only `==` and `!=` on a dns probe');
				else {
					dnsRcodeSet = true;
					rcodeSet = rcodeSet.filter(
						(code) => (c.operator === '==') === (code === c.value.toUpperCase()),
					);
				}
				break;
			case 'HEADER':
				if (
					probe.kind !== 'http' ||
					!/^\.[^.[\]]+$/.test(c.path) ||
					(c.operator !== '==' && c.operator !== '!=')
				)
					unexpressible(text, 'only `[HEADER].name ==` or `!=` a value');
				else if (c.operator === '==')
					headerMustMatch.push({
						header: c.path.slice(1),
						regexp: `^${literal(c.value)}$`,
						allow_missing: false,
					});
				// As in Waymark, a missing header is not equal to the value, so `!=` holds.
				else
					headerMustNotMatch.push({
						header: c.path.slice(1),
						regexp: `^${literal(c.value)}$`,
						allow_missing: true,
					});
				break;
			case 'BODY':
				if (c.path || (c.operator !== '==' && c.operator !== '!='))
					unexpressible(
						text,
						c.path
							? 'JSON paths need the CEL checks of newer blackbox releases'
							: 'only `==` and `!=` compare a body',
					);
				else if (probe.kind === 'dns') {
					if (c.operator === '!=')
						unexpressible(text, 'blackbox cannot require that no answer equals a value');
					else {
						answerMustMatch.push(`\\t${literal(c.value)}$`);
						notes.push(
							`\`${text}\` accepts any answer equal to \`${c.value}\` (Waymark reads the first answer only)`,
						);
					}
				} else if (probe.kind !== 'http')
					unexpressible(text, 'a body condition outside http and dns probes');
				// The whole body as text, spaces around it ignored, as Waymark compares it.
				else
					(c.operator === '==' ? bodyMustMatch : bodyMustNotMatch).push(
						`^\\s*${literal(c.value)}\\s*$`,
					);
				break;
			default:
				unexpressible(text, `\`[${c.placeholder}]\` has no blackbox setting`);
		}
	}

	switch (probe.kind) {
		case 'http': {
			if (statusCodes.length === 0)
				notes.push(
					'no status code satisfies every `[STATUS]` condition; the module can never succeed',
				);
			http['valid_status_codes'] = statusCodes.length === 0 ? [0] : statusCodes;
			if (bodyMustMatch.length > 0) http['fail_if_body_not_matches_regexp'] = bodyMustMatch;
			if (bodyMustNotMatch.length > 0) http['fail_if_body_matches_regexp'] = bodyMustNotMatch;
			if (headerMustMatch.length > 0) http['fail_if_header_not_matches'] = headerMustMatch;
			if (headerMustNotMatch.length > 0) http['fail_if_header_matches'] = headerMustNotMatch;
			const headers = Object.fromEntries(
				Object.entries(probe.headers).map(([name, value]) => [name, envPlaceholder(value)]),
			);
			if (Object.keys(headers).length > 0) http['headers'] = headers;
			for (const [name, value] of Object.entries(probe.headers)) {
				if (value.includes('${env:'))
					notes.push(
						`header \`${name}\` reads the environment; blackbox.yml has \`${envPlaceholder(value)}\` instead (blackbox_exporter 0.23 does not expand variables): substitute it when deploying, e.g. \`envsubst < blackbox.yml\`, and keep the result out of git`,
					);
			}
			return { module: { prober: 'http', timeout, http }, soft, notes, expiredIsDown };
		}
		case 'dns': {
			const dns: Record<string, unknown> = {
				transport_protocol: 'udp',
				preferred_ip_protocol: 'ip4',
				query_name: probe.target,
				query_type: probe.dnsType,
				valid_rcodes: dnsRcodeSet ? rcodeSet : ['NOERROR'],
			};
			if (answerMustMatch.length > 0)
				dns['validate_answer_rrs'] = { fail_if_none_matches_regexp: answerMustMatch };
			return { module: { prober: 'dns', timeout, dns }, soft, notes, expiredIsDown };
		}
		case 'tcp':
			return {
				module: { prober: 'tcp', timeout, tcp: { preferred_ip_protocol: 'ip4' } },
				soft,
				notes,
				expiredIsDown,
			};
		case 'tls':
			// Waymark's tls probe measures the certificate without trusting it; so does this module.
			return {
				module: {
					prober: 'tcp',
					timeout,
					tcp: {
						preferred_ip_protocol: 'ip4',
						tls: true,
						tls_config: {
							insecure_skip_verify: true,
							server_name: probe.target.replace(/:\d+$/, ''),
						},
					},
				},
				soft,
				notes,
				expiredIsDown,
			};
		case 'icmp':
			notes.push(
				'icmp needs blackbox_exporter to run as root or with CAP_NET_RAW (`setcap cap_net_raw=ep`)',
			);
			return {
				module: { prober: 'icmp', timeout, icmp: { preferred_ip_protocol: 'ip4' } },
				soft,
				notes,
				expiredIsDown,
			};
		case 'prometheus':
			throw new Error('a prometheus probe reads Prometheus already; it has no blackbox module');
	}
}

import * as z from 'zod';
import { parseCondition } from './conditions.ts';
import { placeholderOf } from './conditions/placeholders.ts';
import { isHttpUrl } from '../../config/site.ts';
import { parseDuration } from '../../core/duration.ts';
import { dnsRecordTypes, type ProbeSpec } from '../../network/observation.ts';
import { probeKinds, type ProbeKind } from '../../core/status-snapshot.ts';

/** Conditions used when a declaration lists none (Gatus's defaults, per kind). */
export const defaultConditions: Record<ProbeKind, string[]> = {
	http: ['[STATUS] < 400'],
	dns: ['[DNS_RCODE] == NOERROR'],
	tcp: ['[CONNECTED] == true'],
	icmp: ['[CONNECTED] == true'],
	tls: ['[CONNECTED] == true', '[CERTIFICATE_EXPIRATION] > 0'],
	prometheus: ['[VALUE] == 1'],
};

export const probeDefaults = { intervalMs: 60_000, timeoutMs: 10_000 };
const minDomainExpirationIntervalMs = 300_000;

const kindList = probeKinds.map((k) => `\`${k}\``).join(', ');
const hostPattern =
	/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.?$|^\d{1,3}(?:\.\d{1,3}){3}$|^\[?[0-9a-f:]+\]?$/i;
const Host = z.string().regex(hostPattern, {
	error: (issue) =>
		`Unexpected \`${String(issue.input)}\`, expected a hostname such as \`erp.example.lab\``,
});
const HostPort = z.string().refine(
	(v) => {
		const m = /^(.+):(\d{1,5})$/.exec(v);
		return Boolean(m && hostPattern.test(m[1] ?? '') && Number(m[2]) > 0 && Number(m[2]) < 65536);
	},
	{
		error: (issue) =>
			`Unexpected \`${String(issue.input)}\`, expected \`host:port\`, e.g. \`db.example.lab:5432\``,
	},
);
const Url = z.string().refine(isHttpUrl, {
	error: (issue) =>
		`Unexpected \`${String(issue.input)}\`, expected an http(s) URL, e.g. \`https://erp.example.lab/api/index.php/status\``,
});
/** How often a probe may run and how long one run may take; `check` refuses anything outside. */
export const probeLimits = {
	interval: { min: 10_000, max: 86_400_000, text: 'from `10s` to `24h`' },
	timeout: { min: 100, max: 60_000, text: 'from `100ms` to `60s`' },
} as const;

const boundedDuration = (limits: (typeof probeLimits)[keyof typeof probeLimits]) =>
	z.string().superRefine((v, ctx) => {
		const ms = parseDuration(v);
		if (ms === undefined)
			ctx.addIssue({
				code: 'custom',
				message: `Unexpected \`${v}\`, expected a duration such as \`30s\`, \`5s\`, \`500ms\` or \`5m\``,
			});
		else if (ms < limits.min || ms > limits.max)
			ctx.addIssue({
				code: 'custom',
				message: `Unexpected \`${v}\`, expected a duration ${limits.text}`,
			});
	});

/**
 * One probe declaration in page frontmatter. The shape is a contract: `id`, optional `name`, exactly
 * one of `http`/`dns`/`tcp`/`icmp`/`tls`/`prometheus`, optional `headers`, `conditions`, `interval`, `timeout`.
 */
export const ProbeDeclarationSchema = z
	.strictObject({
		/** Unique across the site; used by `:status{probe=ID}`. */
		id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, {
			error: (issue) =>
				`Unexpected \`${String(issue.input)}\`, expected an id of letters, digits, \`-\`, \`_\` or \`.\`, e.g. \`erp-status\``,
		}),
		/** Label on widgets and the status page. @default the id */
		name: z.string().min(1).optional(),
		http: Url.optional(),
		dns: z
			.union([Host, z.strictObject({ name: Host, type: z.enum(dnsRecordTypes).default('A') })])
			.optional(),
		tcp: HostPort.optional(),
		icmp: Host.optional(),
		tls: HostPort.optional(),
		/** A PromQL query answered by `alerts.prometheus`; conditions read its one value as `[VALUE]`. */
		prometheus: z.strictObject({ query: z.string().min(1) }).optional(),
		/** HTTP request headers; values may read the environment at probe time: `${env:DOLAPIKEY}`. */
		headers: z
			.record(
				z.string(),
				z.string().refine((v) => !/\$\{(?!env:[A-Za-z_][A-Za-z0-9_]*\})/.test(v), {
					error: (issue) =>
						`Unexpected \`${String(issue.input)}\`, expected \`\${env:NAME}\` for an environment variable`,
				}),
			)
			.optional(),
		/** Gatus-style conditions. @default per kind, e.g. `[STATUS] < 400` for http */
		conditions: z.array(z.string()).optional(),
		/** How often `waymark serve` runs the probe, from `10s` to `24h`. @default 1m */
		interval: boundedDuration(probeLimits.interval).optional(),
		/** How long one run may take, from `100ms` to `60s`. @default 10s */
		timeout: boundedDuration(probeLimits.timeout).optional(),
	})
	.superRefine((value, ctx) => {
		const kinds = probeKinds.filter((k) => value[k] !== undefined);
		if (kinds.length !== 1) {
			ctx.addIssue({
				code: 'custom',
				path: kinds.length > 1 ? [kinds[1] ?? 'id'] : [],
				message:
					kinds.length === 0
						? `Unexpected probe without a target, expected exactly one of ${kindList}`
						: `Unexpected probe with both \`${kinds[0]}\` and \`${kinds[1]}\`, expected exactly one of ${kindList}`,
			});
		}
		const intervalMs =
			value.interval === undefined ? probeDefaults.intervalMs : parseDuration(value.interval);
		value.conditions?.forEach((text, index) => {
			const parsed = parseCondition(text);
			if (!parsed.ok)
				ctx.addIssue({ code: 'custom', path: ['conditions', index], message: parsed.message });
			// Gatus refuses this too: registries' RDAP and whois servers are not for polling.
			else if (
				/\[DOMAIN_EXPIRATION\]/i.test(text) &&
				intervalMs !== undefined &&
				intervalMs < minDomainExpirationIntervalMs
			) {
				const interval =
					value.interval === undefined
						? 'the default interval of 1m'
						: `\`interval: ${value.interval}\``;
				ctx.addIssue({
					code: 'custom',
					path: ['conditions', index],
					message: `Unexpected \`[DOMAIN_EXPIRATION]\` with ${interval}, expected \`interval: 5m\` or more (the minimum interval for a condition using \`[DOMAIN_EXPIRATION]\` is 300s (5m), as in Gatus)`,
				});
			}
			// `[VALUE]` is a query's value: only a prometheus probe has one, and it has nothing else but its latency.
			if (!parsed.ok || kinds.length !== 1) return;
			const names = [parsed.left, parsed.right]
				.map((side) => placeholderOf(side)?.name)
				.filter((name) => name !== undefined);
			const misplaced =
				kinds[0] === 'prometheus'
					? names.find((name) => name !== 'VALUE' && name !== 'RESPONSE_TIME')
					: names.find((name) => name === 'VALUE');
			if (misplaced) {
				const message =
					kinds[0] === 'prometheus'
						? `Unexpected \`[${misplaced}]\` on a prometheus probe, expected \`[VALUE]\` (the query's value) or \`[RESPONSE_TIME]\``
						: `Unexpected \`[VALUE]\` on a ${kinds[0]} probe, expected it only on \`prometheus\` probes`;
				ctx.addIssue({ code: 'custom', path: ['conditions', index], message });
			}
		});
		if (value.headers && kinds[0] !== 'http' && kinds.length === 1) {
			ctx.addIssue({
				code: 'custom',
				path: ['headers'],
				message: `Unexpected \`headers\` on a ${kinds[0]} probe, expected them only on \`http\` probes`,
			});
		}
	});

export type ProbeDeclaration = z.output<typeof ProbeDeclarationSchema>;

/** A validated declaration → the prober's view (durations in ms, defaults applied). */
export function toProbeSpec(declaration: ProbeDeclaration, defaults = probeDefaults): ProbeSpec {
	const kind = probeKinds.find((k) => declaration[k] !== undefined) ?? 'http';
	const dns = declaration.dns;
	const target =
		kind === 'dns'
			? typeof dns === 'string'
				? dns
				: (dns?.name ?? '')
			: kind === 'prometheus'
				? (declaration.prometheus?.query ?? '')
				: String(declaration[kind] ?? '');
	const spec: ProbeSpec = {
		id: declaration.id,
		kind,
		target,
		dnsType: typeof dns === 'object' ? dns.type : 'A',
		headers: declaration.headers ?? {},
		conditions: declaration.conditions ?? defaultConditions[kind],
		intervalMs: declaration.interval
			? (parseDuration(declaration.interval) ?? defaults.intervalMs)
			: defaults.intervalMs,
		timeoutMs: declaration.timeout
			? (parseDuration(declaration.timeout) ?? defaults.timeoutMs)
			: defaults.timeoutMs,
	};
	if (declaration.name) spec.name = declaration.name;
	return spec;
}

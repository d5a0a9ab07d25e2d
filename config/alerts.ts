import * as z from 'zod';
import { parseDuration } from '../core/duration.ts';
import { withoutCredentials } from '../core/url-credentials.ts';
import { show } from './error-map.ts';
import { isHttpUrl } from './site.ts';

/** Header values are text or `${env:NAME}`, read from the environment at request time, never stored. */
const HeadersSchema = z.record(
	z.string(),
	z.string().refine((v) => !/\$\{(?!env:[A-Za-z_][A-Za-z0-9_]*\})/.test(v), {
		error: (issue) =>
			`Unexpected \`${String(issue.input)}\`, expected \`\${env:NAME}\` for an environment variable`,
	}),
);

/** An http(s) base URL; the message shows the value as every config message does, and an example of the service's own. */
const httpUrl = (example: string) =>
	z.string().refine(isHttpUrl, {
		error: (issue) =>
			`Unexpected ${show(issue.input)}, expected an http(s) base URL such as \`${example}\``,
	});

const DurationSchema = z.string().refine((v) => (parseDuration(v) ?? 0) >= 1000, {
	error: (issue) =>
		`Unexpected \`${String(issue.input)}\`, expected a duration of at least 1s such as \`15s\` or \`1m\``,
});

/** `url` without `user:password@`, and those as a Basic `Authorization` value. */
function splitCredentials(url: string): { url: string; authorization?: string } {
	const parsed = new URL(url);
	if (!parsed.username && !parsed.password) return { url };
	const bare = withoutCredentials(parsed);
	return { url: bare.url.href, ...(bare.authorization && { authorization: bare.authorization }) };
}

/**
 * An endpoint whose URLs hold `user:password@`: they become a Basic `Authorization` header (one
 * written in the config wins) and leave the URLs. Every place that shows an endpoint's URL (findings,
 * logs, a probe's detail, the silence links and `status.json` that every reader gets) then shows it
 * without them, and they reach the server, which undici never sent them to from the URL.
 */
function moveCredentials<
	T extends { url: string; headers: Record<string, string>; externalUrl?: string | undefined },
>(endpoint: T): T {
	const { url, authorization } = splitCredentials(endpoint.url);
	const written = Object.keys(endpoint.headers).some(
		(name) => name.toLowerCase() === 'authorization',
	);
	return {
		...endpoint,
		url,
		...(authorization &&
			!written && { headers: { ...endpoint.headers, Authorization: authorization } }),
		...(endpoint.externalUrl !== undefined && {
			externalUrl: splitCredentials(endpoint.externalUrl).url,
		}),
	};
}

const PrometheusSchema = z
	.strictObject({
		/** Base URL of the Prometheus HTTP API (the part before `/api/v1/`), e.g. `http://prometheus.example.lab:9090`. A `user:password@` in it is sent as Basic auth (unless `headers` set `Authorization`) and shown nowhere. */
		url: httpUrl('http://prometheus.example.lab:9090'),
		/** Request headers, e.g. `{ Authorization: "Bearer ${env:PROMETHEUS_TOKEN}" }`. @default {} */
		headers: HeadersSchema.default({}),
	})
	.transform(moveCredentials);

const AlertmanagerSchema = z
	.strictObject({
		/** Base URL of the Alertmanager API (the part before `/api/v2/`), e.g. `http://alertmanager.example.lab:9093`. A `user:password@` in it is sent as Basic auth (unless `headers` set `Authorization`) and shown nowhere, not in the silence links either. */
		url: httpUrl('http://alertmanager.example.lab:9093'),
		/** Request headers, e.g. `{ Authorization: "Bearer ${env:ALERTMANAGER_TOKEN}" }`. @default {} */
		headers: HeadersSchema.default({}),
		/** How often `waymark serve` asks Alertmanager for the alerts firing now. @default '15s' */
		pollInterval: DurationSchema.default('15s'),
		/** Where readers open Alertmanager's web UI (silence links); Alertmanager's API does not say. @default `url` */
		externalUrl: httpUrl('https://alertmanager.example.com').optional(),
	})
	.transform(moveCredentials);

/** Prometheus alerting rules as a source: runbook links checked, pages showing their alerts, firing state. */
export const AlertsConfigSchema = z
	.strictObject({
		/**
		 * Globs of Prometheus rule files (plain `groups:` files and Kubernetes `PrometheusRule`
		 * manifests, several YAML documents per file), relative to the guidebook root like
		 * `checks.ignore`, e.g. `['../monitoring/rules/*.yml']`. @default []
		 */
		rules: z.array(z.string().min(1)).default([]),
		/** Read alerting rules from a running Prometheus (`/api/v1/rules`) as well; probes with `prometheus: { query }` ask it too. */
		prometheus: PrometheusSchema.optional(),
		/** Alertmanager whose firing alerts `waymark serve` shows on their runbook pages (API v2). */
		alertmanager: AlertmanagerSchema.optional(),
		/** Severity of an alerting rule without a `runbook_url` annotation. @default 'warning' */
		missingRunbook: z.enum(['error', 'warning', 'off']).default('warning'),
	})
	.prefault({});

export type PrometheusEndpoint = z.output<typeof PrometheusSchema>;
export type AlertmanagerEndpoint = z.output<typeof AlertmanagerSchema>;

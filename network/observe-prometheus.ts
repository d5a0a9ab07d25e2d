import type { Dispatcher } from 'undici';
import type { PrometheusEndpoint } from '../config/alerts.ts';
import { getJson } from './fetch-json.ts';
import { readPrometheusQuery, type Series } from './prometheus-query-answer.ts';
import type { Observation, ProbeSpec } from './observation.ts';

export interface PrometheusProbeOptions {
	/** `alerts.prometheus`; without it a probe that needs Prometheus is unknown, never down. */
	endpoint?: PrometheusEndpoint;
	dispatcher?: Dispatcher;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	now?: () => number;
}

/** An instant query (`GET /api/v1/query`): every series with its value, or why there is no answer. */
async function queryPrometheus(
	endpoint: PrometheusEndpoint,
	query: string,
	options: Omit<PrometheusProbeOptions, 'endpoint'> = {},
): Promise<{ ok: true; series: Series[] } | { ok: false; reason: string }> {
	const url = new URL(
		'api/v1/query',
		endpoint.url.endsWith('/') ? endpoint.url : `${endpoint.url}/`,
	);
	url.searchParams.set('query', query);
	const answer = await getJson(url, {
		headers: endpoint.headers,
		...(options.env && { env: options.env }),
		...(options.dispatcher && { dispatcher: options.dispatcher }),
		...(options.timeoutMs && { timeoutMs: options.timeoutMs }),
		maxBytes: 4 * 1024 * 1024,
	});
	return answer.ok ? readPrometheusQuery(answer.data) : answer;
}

const notConfigured =
	'Not checked: `alerts.prometheus` is not set, so there is no Prometheus to ask';

/**
 * A `prometheus` probe: its query's one value is `[VALUE]`. No series means unknown (not scraped
 * yet, or its exporter is gone), never down; several series are unknown too, as the query does not
 * say which one the conditions mean.
 */
export async function observePrometheusQuery(
	spec: ProbeSpec,
	options: PrometheusProbeOptions,
): Promise<Observation> {
	if (!options.endpoint)
		return { connected: false, responseTimeMs: null, unknownReason: notConfigured };
	const started = performance.now();
	const answer = await queryPrometheus(options.endpoint, spec.target, {
		...options,
		timeoutMs: options.timeoutMs ?? spec.timeoutMs,
	});
	const responseTimeMs = performance.now() - started;
	if (!answer.ok)
		return {
			connected: false,
			responseTimeMs: null,
			unknownReason: `Not checked: Prometheus at ${options.endpoint.url} did not answer (${answer.reason})`,
		};
	if (answer.series.length === 0)
		return {
			connected: true,
			responseTimeMs,
			unknownReason: `No series for \`${spec.target}\` in Prometheus: not scraped yet, or its exporter is gone`,
		};
	if (answer.series.length > 1)
		return {
			connected: true,
			responseTimeMs,
			unknownReason: `\`${spec.target}\` returned ${answer.series.length} series, expected one; narrow the query with labels or aggregate it`,
		};
	return { connected: true, responseTimeMs, value: answer.series[0]!.value };
}

const blackboxMetrics = [
	'probe_success',
	'probe_duration_seconds',
	'probe_http_status_code',
	'probe_ssl_earliest_cert_expiry',
];

/**
 * What blackbox_exporter measured for an exported probe (`status.source: prometheus`), read from
 * Prometheus by the `probe` label `waymark export prometheus` gives every target: success, duration,
 * HTTP status and certificate expiry, in one query. No `probe_success` means unknown.
 */
export async function observeFromBlackbox(
	spec: ProbeSpec,
	options: PrometheusProbeOptions,
): Promise<Observation> {
	if (!options.endpoint)
		return { connected: false, responseTimeMs: null, unknownReason: notConfigured };
	const query = `{__name__=~"${blackboxMetrics.join('|')}", probe="${spec.id.replace(/["\\]/g, '\\$&')}"}`;
	const answer = await queryPrometheus(options.endpoint, query, {
		...options,
		timeoutMs: options.timeoutMs ?? spec.timeoutMs,
	});
	if (!answer.ok)
		return {
			connected: false,
			responseTimeMs: null,
			unknownReason: `Not checked: Prometheus at ${options.endpoint.url} did not answer (${answer.reason})`,
		};
	// A replicated Prometheus may return one series per replica: the worst one counts.
	const lowest = (name: string): number | undefined => {
		const values = answer.series
			.filter((s) => s.metric['__name__'] === name)
			.map((s) => s.value)
			.filter((v) => !Number.isNaN(v));
		return values.length > 0 ? Math.min(...values) : undefined;
	};
	const success = lowest('probe_success');
	if (success === undefined)
		return {
			connected: false,
			responseTimeMs: null,
			unknownReason: `No \`probe_success\` for probe \`${spec.id}\` in Prometheus at ${options.endpoint.url}: not exported, not scraped yet, or its blackbox_exporter is gone`,
		};
	const duration = lowest('probe_duration_seconds');
	const status = lowest('probe_http_status_code');
	const expiry = lowest('probe_ssl_earliest_cert_expiry');
	const observation: Observation = {
		connected: success === 1,
		responseTimeMs: duration === undefined ? null : duration * 1000,
	};
	if (status !== undefined && status > 0) observation.status = status;
	if (expiry !== undefined)
		observation.certificateExpiresInMs = expiry * 1000 - (options.now?.() ?? Date.now());
	if (success !== 1)
		observation.error = `blackbox_exporter reports probe_success 0 (module waymark_${spec.id})`;
	return observation;
}

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

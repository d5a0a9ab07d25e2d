import type { Dispatcher } from 'undici';
import type { PrometheusEndpoint } from '../config/alerts.ts';
import { getJson } from '../network/fetch-json.ts';
import { answerLimits } from '../network/answer-fields.ts';
import { readPrometheusRules, type DroppedRules } from './prometheus-answer.ts';
import type { AlertRule } from './types.ts';

/**
 * The alerting rules a running Prometheus has loaded (`GET /api/v1/rules?type=alert`), with their
 * annotations as written (the API expands templates only for active alerts). The API gives no line
 * numbers, only each group's file on the Prometheus host. Every rule goes through
 * `PrometheusRuleSchema`: those that do not fit are counted in `dropped`. Never throws.
 */
export async function fetchPrometheusRules(
	endpoint: PrometheusEndpoint,
	io: { env?: NodeJS.ProcessEnv; dispatcher?: Dispatcher; timeoutMs?: number } = {},
	configFile = '.',
): Promise<
	{ ok: true; rules: AlertRule[]; dropped: DroppedRules } | { ok: false; reason: string }
> {
	const answer = await getJson(new URL('api/v1/rules?type=alert', withSlash(endpoint.url)), {
		headers: endpoint.headers,
		maxBytes: answerLimits.bodyBytes,
		...io,
	});
	return answer.ok ? readPrometheusRules(answer.data, endpoint, configFile) : answer;
}

export function withSlash(url: string): string {
	return url.endsWith('/') ? url : `${url}/`;
}

import type { Dispatcher } from 'undici';
import type { PrometheusEndpoint } from '../config/alerts.ts';
import { getJson } from '../network/fetch-json.ts';
import type { AlertRule } from './types.ts';

interface ApiRule {
	type?: string;
	name?: string;
	query?: string;
	duration?: number;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
}

/**
 * The alerting rules a running Prometheus has loaded (`GET /api/v1/rules?type=alert`), with their
 * annotations as written (the API expands templates only for active alerts). The API gives no line
 * numbers, only each group's file on the Prometheus host.
 */
export async function fetchPrometheusRules(
	endpoint: PrometheusEndpoint,
	io: { env?: NodeJS.ProcessEnv; dispatcher?: Dispatcher; timeoutMs?: number } = {},
	configFile = '.',
): Promise<{ ok: true; rules: AlertRule[] } | { ok: false; reason: string }> {
	const answer = await getJson(new URL('api/v1/rules?type=alert', withSlash(endpoint.url)), {
		headers: endpoint.headers,
		...io,
	});
	if (!answer.ok) return answer;
	const data = answer.data as {
		status?: string;
		data?: { groups?: Array<{ name?: string; file?: string; rules?: ApiRule[] }> };
	};
	if (data.status !== 'success' || !Array.isArray(data.data?.groups))
		return {
			ok: false,
			reason:
				'an answer that is not a Prometheus rules list (`{ status: "success", data: { groups } }`)',
		};
	const rules: AlertRule[] = [];
	for (const group of data.data.groups) {
		for (const rule of group.rules ?? []) {
			if (
				rule.type !== 'alerting' ||
				typeof rule.name !== 'string' ||
				typeof rule.query !== 'string'
			)
				continue;
			rules.push({
				name: rule.name,
				group: group.name ?? '',
				expr: rule.query,
				for: rule.duration ? promDuration(rule.duration) : null,
				labels: rule.labels ?? {},
				annotations: rule.annotations ?? {},
				origin: { kind: 'prometheus', url: endpoint.url, file: group.file ?? '', configFile },
			});
		}
	}
	return { ok: true, rules };
}

export function withSlash(url: string): string {
	return url.endsWith('/') ? url : `${url}/`;
}

/** 300 → `5m`, 5400 → `1h30m`: seconds as Prometheus writes durations. */
function promDuration(seconds: number): string {
	let rest = Math.round(seconds * 1000);
	let out = '';
	for (const [unit, size] of [
		['d', 86_400_000],
		['h', 3_600_000],
		['m', 60_000],
		['s', 1000],
		['ms', 1],
	] as const) {
		if (rest >= size) {
			out += `${Math.floor(rest / size)}${unit}`;
			rest %= size;
		}
	}
	return out || '0s';
}

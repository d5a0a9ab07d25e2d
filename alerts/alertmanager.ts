import type { Dispatcher } from 'undici';
import type { AlertmanagerEndpoint } from '../config/alerts.ts';
import type { InstanceState } from '../src/lib/alerts.ts';
import { getJson } from '../network/fetch-json.ts';
import { withSlash } from './prometheus-rules.ts';

/** One alert as Alertmanager holds it now, with its state in Waymark's words. */
export interface ActiveAlert {
	fingerprint: string;
	labels: Record<string, string>;
	annotations: Record<string, string>;
	startsAt: string;
	state: InstanceState;
}

interface ApiAlert {
	fingerprint?: string;
	labels?: Record<string, string>;
	annotations?: Record<string, string>;
	startsAt?: string;
	status?: { state?: string; silencedBy?: string[]; inhibitedBy?: string[] };
}

/**
 * The alerts Alertmanager holds now (`GET /api/v2/alerts`, API v2): active ones are `firing`,
 * suppressed ones `silenced` (by a silence) or `inhibited` (by another alert). Resolved alerts are
 * not listed by Alertmanager. `unprocessed` (received, not yet run through silences) counts as
 * firing: Prometheus says it fires, and nothing has silenced it yet.
 */
export async function fetchActiveAlerts(
	endpoint: Pick<AlertmanagerEndpoint, 'url' | 'headers'>,
	io: { env?: NodeJS.ProcessEnv; dispatcher?: Dispatcher; timeoutMs?: number } = {},
): Promise<{ ok: true; alerts: ActiveAlert[] } | { ok: false; reason: string }> {
	const answer = await getJson(new URL('api/v2/alerts', withSlash(endpoint.url)), {
		headers: endpoint.headers,
		...io,
	});
	if (!answer.ok) return answer;
	if (!Array.isArray(answer.data))
		return { ok: false, reason: 'an answer that is not a list of alerts (Alertmanager API v2)' };
	const alerts: ActiveAlert[] = [];
	for (const raw of answer.data as ApiAlert[]) {
		if (
			!raw ||
			typeof raw !== 'object' ||
			!raw.labels ||
			typeof raw.labels['alertname'] !== 'string'
		)
			continue;
		const status = raw.status ?? {};
		const state: InstanceState =
			status.state !== 'suppressed'
				? 'firing'
				: (status.silencedBy?.length ?? 0) > 0
					? 'silenced'
					: 'inhibited';
		alerts.push({
			fingerprint: raw.fingerprint ?? '',
			labels: raw.labels,
			annotations: raw.annotations ?? {},
			startsAt: raw.startsAt ?? '',
			state,
		});
	}
	return { ok: true, alerts };
}

import type { Dispatcher } from 'undici';
import type { AlertmanagerEndpoint } from '../config/alerts.ts';
import { getJson } from '../network/fetch-json.ts';
import {
	readAlertmanagerAnswer,
	type ActiveAlert,
	type DroppedAlerts,
} from './alertmanager-answer.ts';
import { answerLimits } from '../network/answer-fields.ts';
import { withSlash } from './prometheus-rules.ts';

/** Alertmanager's alerts now, or why there are none: `unreachable` (no answer, an HTTP error) or `invalid` (an answer that is not a list of alerts). */
export type ActiveAlertsAnswer =
	| { ok: true; alerts: ActiveAlert[]; dropped: DroppedAlerts }
	| { ok: false; reason: string; kind: 'unreachable' | 'invalid' };

/**
 * The alerts Alertmanager holds now (`GET /api/v2/alerts`, API v2): active ones are `firing`,
 * suppressed ones `silenced` (by a silence) or `inhibited` (by another alert). Resolved alerts are
 * not listed by Alertmanager. Every alert goes through `AlertmanagerAlertSchema`: those that do not
 * fit are counted in `dropped`, the rest kept. Never throws.
 */
export async function fetchActiveAlerts(
	endpoint: Pick<AlertmanagerEndpoint, 'url' | 'headers'>,
	io: { env?: NodeJS.ProcessEnv; dispatcher?: Dispatcher; timeoutMs?: number } = {},
): Promise<ActiveAlertsAnswer> {
	const answer = await getJson(new URL('api/v2/alerts', withSlash(endpoint.url)), {
		headers: endpoint.headers,
		maxBytes: answerLimits.bodyBytes,
		...io,
	});
	if (!answer.ok)
		return {
			ok: false,
			reason: answer.reason,
			kind: answer.kind === 'answer' ? 'invalid' : 'unreachable',
		};
	const read = readAlertmanagerAnswer(answer.data);
	return read.ok ? read : { ...read, kind: 'invalid' };
}

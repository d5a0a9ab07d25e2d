import type { Dispatcher } from 'undici';
import { fetchActiveAlerts } from '../alerts/alertmanager.ts';
import { panelKeys } from '../alerts/firing.ts';
import type { AlertsManifest } from '../alerts/manifest.ts';
import type { AlertmanagerEndpoint } from '../config/alerts.ts';
import { parseDuration } from '../core/duration.ts';
import {
	noAlerts,
	noneDropped,
	noneFiring,
	noneUnlisted,
	type AlertsSnapshot,
} from '../core/alerts-snapshot.ts';
import { afterAnswer, afterFailure, type AlertsMemory } from './alerts-snapshot.ts';

export interface AlertsPollerOptions {
	endpoint: AlertmanagerEndpoint;
	manifest: AlertsManifest;
	/** Called after every poll, answered or not, with the new snapshot; `changed` is false when only `checkedAt` moved. */
	onUpdate(snapshot: AlertsSnapshot, changed: boolean): void;
	env?: NodeJS.ProcessEnv;
	dispatcher?: Dispatcher;
	/** The alerts come from the demo's stand-in. */
	demo?: boolean;
	/** One line when Alertmanager stops or starts answering, or when alerts of its answer are dropped; never header values. */
	log?: (line: string) => void;
	now?: () => number;
}

export interface AlertsPoller {
	snapshot(): AlertsSnapshot;
	/** Asks Alertmanager now (tests; the first poll). */
	poll(): Promise<AlertsSnapshot>;
	stop(): void;
}

/**
 * Asks Alertmanager for the alerts firing now, every `pollInterval`. Never shows stale alerts as
 * current: when a poll fails, or its answer is not a list of alerts, the snapshot says
 * `unreachable` or `invalid` since the first such poll and lists no firing alert, until Alertmanager
 * answers again. Alerts of an answer that do not fit its API are dropped and counted in the
 * snapshot, never a crash; a page then says "Unknown", not "Not firing", for an alert that may be
 * among them. An alert that was firing and is gone is `resolved` for 15 minutes.
 */
export function startAlertsPoller(options: AlertsPollerOptions): AlertsPoller {
	const now = options.now ?? Date.now;
	const pollIntervalMs = parseDuration(options.endpoint.pollInterval) ?? 15_000;
	const uiBase = options.endpoint.externalUrl ?? options.endpoint.url;
	const source = `Alertmanager at ${options.endpoint.url}`;
	const panels = panelKeys(options.manifest);
	let memory: AlertsMemory = {
		snapshot: {
			state: 'waiting',
			checkedAt: null,
			since: null,
			reason: null,
			pollIntervalMs,
			demo: options.demo ?? false,
			uiUrl: uiBase,
			firing: [],
			pagesFiring: noneFiring,
			unlisted: noneUnlisted,
			dropped: noneDropped,
			resolved: [],
		},
		tracked: new Map(),
	};
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let inFlight: Promise<AlertsSnapshot> | undefined;
	let droppedLogged = '';

	const content = (s: AlertsSnapshot): string =>
		JSON.stringify([
			s.state,
			s.since,
			s.reason,
			s.firing,
			s.pagesFiring,
			s.unlisted,
			s.dropped,
			s.resolved,
		]);
	const poll = async (): Promise<AlertsSnapshot> => {
		const before = memory.snapshot;
		const answer = await fetchActiveAlerts(options.endpoint, {
			...(options.env && { env: options.env }),
			...(options.dispatcher && { dispatcher: options.dispatcher }),
			timeoutMs: Math.min(10_000, pollIntervalMs),
		});
		const at = new Date(now()).toISOString();
		if (!answer.ok) {
			if (before.state !== answer.kind)
				options.log?.(
					answer.kind === 'invalid'
						? `alerts: ${source} gave an answer that did not validate (${answer.reason}); pages say alerts are unavailable`
						: `alerts: ${source} unreachable (${answer.reason}); pages say so`,
				);
			droppedLogged = '';
			memory = afterFailure(memory, answer, at);
		} else {
			if (before.state === 'unreachable' || before.state === 'invalid')
				options.log?.(`alerts: ${source} answers again`);
			const { count, first } = answer.dropped;
			const dropped = count === 0 ? '' : `${count}\0${first}`;
			if (dropped !== droppedLogged)
				options.log?.(
					count === 0
						? `alerts: every alert from ${source} validates again`
						: `alerts: ${count} of ${count + answer.alerts.length} alerts from ${source} did not validate and are not shown (first: ${first}); pages say so`,
				);
			droppedLogged = dropped;
			memory = afterAnswer(memory, answer, { manifest: options.manifest, panels, at, now: now() });
		}
		if (!stopped) options.onUpdate(memory.snapshot, content(memory.snapshot) !== content(before));
		return memory.snapshot;
	};
	const loop = (): void => {
		inFlight = poll().finally(() => {
			inFlight = undefined;
			if (!stopped) {
				timer = setTimeout(loop, pollIntervalMs);
				timer.unref();
			}
		});
	};
	loop();
	return {
		snapshot: () => memory.snapshot,
		poll: () => inFlight ?? poll(),
		stop() {
			stopped = true;
			clearTimeout(timer);
		},
	};
}

/** What serve says about alerts without `alerts.alertmanager`: the words "not configured". */
export const notConfiguredAlerts: AlertsSnapshot = noAlerts('not-configured');

import type { Dispatcher } from 'undici';
import { fetchActiveAlerts } from '../alerts/alertmanager.ts';
import { groupFiring } from '../alerts/firing.ts';
import type { AlertsManifest } from '../alerts/manifest.ts';
import type { AlertmanagerEndpoint } from '../config/alerts.ts';
import { parseDuration } from '../core/duration.ts';
import { noAlerts, type AlertsSnapshot, type ResolvedAlert } from '../src/lib/alerts.ts';

export interface AlertsPollerOptions {
	endpoint: AlertmanagerEndpoint;
	manifest: AlertsManifest;
	/** Called after every poll, answered or not, with the new snapshot; `changed` is false when only `checkedAt` moved. */
	onUpdate(snapshot: AlertsSnapshot, changed: boolean): void;
	env?: NodeJS.ProcessEnv;
	dispatcher?: Dispatcher;
	/** The alerts come from the demo's stand-in. */
	demo?: boolean;
	/** One line when Alertmanager stops or starts answering; never header values. */
	log?: (line: string) => void;
	now?: () => number;
}

export interface AlertsPoller {
	snapshot(): AlertsSnapshot;
	/** Asks Alertmanager now (tests; the first poll). */
	poll(): Promise<AlertsSnapshot>;
	stop(): void;
}

/** How long "Resolved at …" stays on a page after an alert stops firing. */
const resolvedForMs = 15 * 60_000;

/**
 * Asks Alertmanager for the alerts firing now, every `pollInterval`. Never shows stale alerts as
 * current: when a poll fails the snapshot says `unreachable` since the first failure and lists no
 * firing alert, until Alertmanager answers again. An alert that was firing and is gone is
 * `resolved` for 15 minutes.
 */
export function startAlertsPoller(options: AlertsPollerOptions): AlertsPoller {
	const now = options.now ?? Date.now;
	const pollIntervalMs = parseDuration(options.endpoint.pollInterval) ?? 15_000;
	const uiBase = options.endpoint.externalUrl ?? options.endpoint.url;
	let current: AlertsSnapshot = {
		state: 'waiting',
		checkedAt: null,
		since: null,
		reason: null,
		pollIntervalMs,
		demo: options.demo ?? false,
		uiUrl: uiBase,
		firing: [],
		resolved: [],
	};
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let inFlight: Promise<AlertsSnapshot> | undefined;

	const content = (s: AlertsSnapshot): string =>
		JSON.stringify([s.state, s.since, s.reason, s.firing, s.resolved]);
	const poll = async (): Promise<AlertsSnapshot> => {
		const before = content(current);
		const answer = await fetchActiveAlerts(options.endpoint, {
			...(options.env && { env: options.env }),
			...(options.dispatcher && { dispatcher: options.dispatcher }),
			timeoutMs: Math.min(10_000, pollIntervalMs),
		});
		const at = new Date(now()).toISOString();
		if (!answer.ok) {
			if (current.state !== 'unreachable')
				options.log?.(
					`alerts: Alertmanager at ${options.endpoint.url} unreachable (${answer.reason}); pages say so`,
				);
			current = {
				...current,
				state: 'unreachable',
				since: current.state === 'unreachable' ? current.since : at,
				reason: answer.reason,
				firing: [],
			};
		} else {
			if (current.state === 'unreachable')
				options.log?.(`alerts: Alertmanager at ${options.endpoint.url} answers again`);
			const firing = groupFiring(answer.alerts, options.manifest);
			const key = (a: { name: string; route: string | null }): string =>
				`${a.name}\0${a.route ?? ''}`;
			const firingNow = new Set(firing.map(key));
			const resolved: ResolvedAlert[] = [
				...current.firing
					.filter((a) => !firingNow.has(key(a)))
					.map((a) => ({ name: a.name, route: a.route, pageTitle: a.pageTitle, resolvedAt: at })),
				...current.resolved.filter(
					(r) =>
						!firingNow.has(key(r)) &&
						now() - Date.parse(r.resolvedAt) < resolvedForMs &&
						!current.firing.some((a) => key(a) === key(r)),
				),
			];
			current = {
				...current,
				state: 'ok',
				checkedAt: at,
				since: null,
				reason: null,
				firing,
				resolved,
			};
		}
		if (!stopped) options.onUpdate(current, content(current) !== before);
		return current;
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
		snapshot: () => current,
		poll: () => inFlight ?? poll(),
		stop() {
			stopped = true;
			clearTimeout(timer);
		},
	};
}

/** What serve says about alerts without `alerts.alertmanager`: the words "not configured". */
export const notConfiguredAlerts: AlertsSnapshot = noAlerts('not-configured');

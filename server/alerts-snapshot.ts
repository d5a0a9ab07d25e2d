import type { ActiveAlert, DroppedAlerts } from '../alerts/alertmanager-answer.ts';
import { alertKey, groupFiring, listFiring } from '../alerts/firing.ts';
import type { AlertsManifest } from '../alerts/manifest.ts';
import {
	noneDropped,
	noneFiring,
	noneUnlisted,
	type AlertsSnapshot,
	type PagesFiring,
	type ResolvedAlert,
} from '../core/alerts-snapshot.ts';

/** How long "Resolved at …" stays on a page after an alert stops firing. */
const resolvedForMs = 15 * 60_000;

type Tracked = Pick<ResolvedAlert, 'name' | 'route' | 'pageTitle'>;

/** What a poller remembers between answers. */
export interface AlertsMemory {
	snapshot: AlertsSnapshot;
	/** Every alert (and page) that may still fire: in the last answer, or left out of it as dropped. */
	tracked: Map<string, Tracked>;
}

/**
 * The state after an answer. An alert gone from it is `resolved` (for 15 minutes, when a panel
 * shows it), unless an alert of its name was dropped from the answer: it may be that one, so it
 * stays tracked and the page says "Unknown" for it (`alert-words.ts`) until an answer tells.
 */
export function afterAnswer(
	memory: AlertsMemory,
	answer: { alerts: ActiveAlert[]; dropped: DroppedAlerts },
	context: { manifest: AlertsManifest; panels: Set<string>; at: string; now: number },
): AlertsMemory {
	const groups = groupFiring(answer.alerts, context.manifest);
	const { firing, unlisted } = listFiring(groups, context.panels);
	const { names } = answer.dropped;
	const mayBeDropped = (name: string): boolean =>
		answer.dropped.count > 0 && (names === null || names.includes(name));
	const tracked = new Map<string, Tracked>(
		groups.map((g) => [alertKey(g), { name: g.name, route: g.route, pageTitle: g.pageTitle }]),
	);
	const resolved = new Map<string, ResolvedAlert>();
	for (const [key, alert] of memory.tracked) {
		if (tracked.has(key)) continue;
		if (mayBeDropped(alert.name)) tracked.set(key, alert);
		else if (context.panels.has(key)) resolved.set(key, { ...alert, resolvedAt: context.at });
	}
	for (const earlier of memory.snapshot.resolved) {
		const key = alertKey(earlier);
		if (
			!tracked.has(key) &&
			!resolved.has(key) &&
			context.now - Date.parse(earlier.resolvedAt) < resolvedForMs
		)
			resolved.set(key, earlier);
	}
	// A dropped alert may be one with a page here: by the manifest, or by its runbook_url in an earlier answer (still tracked).
	const hasPage = (name: string): boolean =>
		(Object.hasOwn(context.manifest.alerts, name) &&
			(context.manifest.alerts[name]?.length ?? 0) > 0) ||
		[...tracked.values()].some((t) => t.name === name && t.route !== null);
	const pagesFiring: PagesFiring = {
		count: new Set(
			groups.filter((g) => g.state === 'firing' && g.route !== null).map((g) => g.name),
		).size,
		more: answer.dropped.count > 0 && (names === null || names.some(hasPage)),
	};
	return {
		tracked,
		snapshot: {
			...memory.snapshot,
			state: 'ok',
			checkedAt: context.at,
			since: null,
			reason: null,
			firing,
			pagesFiring,
			unlisted,
			dropped: { count: answer.dropped.count, names: answer.dropped.names },
			resolved: [...resolved.values()],
		},
	};
}

/**
 * The state after a poll without a usable answer: `unreachable` or `invalid` since the first such
 * poll, with no alert shown as firing (nothing current is known) and none tracked (an alert gone
 * meanwhile is "Not firing" afterwards, never "Resolved at" a time nobody saw).
 */
export function afterFailure(
	memory: AlertsMemory,
	failure: { reason: string; kind: 'unreachable' | 'invalid' },
	at: string,
): AlertsMemory {
	const failing = memory.snapshot.state === 'unreachable' || memory.snapshot.state === 'invalid';
	return {
		tracked: new Map(),
		snapshot: {
			...memory.snapshot,
			state: failure.kind,
			since: failing ? memory.snapshot.since : at,
			reason: failure.reason,
			firing: [],
			pagesFiring: noneFiring,
			unlisted: noneUnlisted,
			dropped: noneDropped,
		},
	};
}

// No imports but types and plain data: both browser scripts (the alerts and the status widgets)
// and `waymark serve`'s page painter use this.
import {
	noneFiring,
	noneUnlisted,
	type AlertsSnapshot,
	type PagesFiring,
} from '../core/alerts-snapshot.ts';

/**
 * What the header's badge may say of the alerts with a runbook page here: how many fire, or
 * `unknown` while the page cannot tell (Alertmanager not answering, the answer not current, alerts
 * of it dropped that may be one of them: the alert panels say "Unknown" then too). Null where
 * alerts are not live at all (a static copy, serve without `alerts.alertmanager`): the badge then
 * speaks of the probes alone, as it always has.
 */
export function firingOnPages(snapshot: AlertsSnapshot): PagesFiring | 'unknown' | null {
	if (snapshot.state === 'static' || snapshot.state === 'not-configured') return null;
	if (snapshot.state !== 'ok') return 'unknown';
	// A page built by this version and sent by an older `waymark serve` gets no count: it cannot tell.
	const counted = (snapshot as Partial<AlertsSnapshot>).pagesFiring;
	if (!counted) return 'unknown';
	return counted.count === 0 && counted.more
		? 'unknown'
		: { count: counted.count, more: counted.more };
}

/**
 * A snapshot as a page may show it, judged at `now`: while the live feed is lost, or when
 * `waymark serve` has sent no news for three polls, firing state is unknown, never the last
 * answer shown as current. Each script keeps its own judge: it remembers when the answer last moved.
 */
export function alertsJudge(): (
	snapshot: AlertsSnapshot,
	feedLostAt: number | null,
	now: number,
) => AlertsSnapshot {
	let checkedAt: string | null = null;
	let freshSince = Date.now();
	return (snapshot, feedLostAt, now) => {
		const unknown = { firing: [], pagesFiring: noneFiring, unlisted: noneUnlisted };
		if (feedLostAt !== null && snapshot.state !== 'static' && snapshot.state !== 'not-configured')
			return {
				...snapshot,
				...unknown,
				state: 'feed-lost',
				since: new Date(feedLostAt).toISOString(),
				reason: null,
			};
		if (snapshot.checkedAt !== checkedAt) {
			checkedAt = snapshot.checkedAt;
			freshSince = now;
		}
		const stale = snapshot.state === 'ok' && now - freshSince > 3 * snapshot.pollIntervalMs + 5000;
		return stale
			? {
					...snapshot,
					...unknown,
					state: 'unreachable',
					since: snapshot.checkedAt,
					reason: 'no update from waymark serve',
				}
			: snapshot;
	};
}

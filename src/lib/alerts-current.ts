// No imports but types and plain data: both browser scripts (the alerts and the status widgets)
// and `waymark serve`'s page painter use this.
import { noneUnlisted, type AlertsSnapshot } from './alerts.ts';

/**
 * The alerts with a runbook page on this site that fire now (silenced and inhibited ones aside),
 * for the header's badge; `more` when the snapshot's cap left some out that may fire too. Null
 * when firing state is unknown or not configured: the badge then speaks of probes only, and the
 * pages' alert panels say why the state is unknown. Alerts without a page here (a watchdog, other
 * teams' alerts) are on `/status/`'s "Firing now" list, not in the badge.
 */
export function firingOnPages(snapshot: AlertsSnapshot): { count: number; more: boolean } | null {
	if (snapshot.state !== 'ok') return null;
	const count = snapshot.firing.filter((f) => f.state === 'firing' && f.route !== null).length;
	// Past the snapshot's cap (50 alerts beside the panels' own) only counts are kept.
	const more = Object.entries(snapshot.unlisted.byRoute).some(([route, n]) => route !== '' && n > 0);
	return { count, more };
}

/**
 * A snapshot as a page may show it, judged at `now`: while the live feed is lost, or when
 * `waymark serve` has sent no news for three polls, firing state is unknown, never the last
 * answer shown as current. Each script keeps its own judge: it remembers when the answer last moved.
 */
export function alertsJudge(): (snapshot: AlertsSnapshot, feedLostAt: number | null, now: number) => AlertsSnapshot {
	let checkedAt: string | null = null;
	let freshSince = Date.now();
	return (snapshot, feedLostAt, now) => {
		if (feedLostAt !== null && snapshot.state !== 'static' && snapshot.state !== 'not-configured')
			return { ...snapshot, state: 'feed-lost', since: new Date(feedLostAt).toISOString(), reason: null, firing: [], unlisted: noneUnlisted };
		if (snapshot.checkedAt !== checkedAt) {
			checkedAt = snapshot.checkedAt;
			freshSince = now;
		}
		const stale = snapshot.state === 'ok' && now - freshSince > 3 * snapshot.pollIntervalMs + 5000;
		return stale ? { ...snapshot, state: 'unreachable', since: snapshot.checkedAt, reason: 'no update from waymark serve', firing: [], unlisted: noneUnlisted } : snapshot;
	};
}

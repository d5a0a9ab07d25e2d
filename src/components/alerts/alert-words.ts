// No imports but types: the browser script uses this too, and it must stay small.
import { noAlerts, type AlertsSnapshot } from '../../../core/alerts-snapshot.ts';

/** `2026-11-21 05:58 UTC`. */
export function utc(iso: string): string {
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Where firing state stands, in words, when it is not a plain answer: every state but `ok` says
 * why the page cannot tell whether an alert fires; `ok` says how many alerts of the answer were
 * dropped, when some were. `undefined` for a plain `ok`.
 */
export function sourcePhrase(
	snapshot: Pick<AlertsSnapshot, 'state' | 'since' | 'reason'> &
		Partial<Pick<AlertsSnapshot, 'dropped'>>,
): string | undefined {
	switch (snapshot.state) {
		case 'static':
			return 'Firing state unknown: this is a static copy of the site (waymark serve with Alertmanager shows it live)';
		case 'not-configured':
			return 'Firing state not configured: set alerts.alertmanager to show it';
		case 'waiting':
			return 'Firing state unknown: waiting for the first answer from Alertmanager';
		case 'unreachable':
			return `Alertmanager unreachable since ${snapshot.since ? utc(snapshot.since) : 'the start'}: firing state unknown${snapshot.reason ? ` (${snapshot.reason})` : ''}`;
		case 'invalid':
			return `Alerts unavailable since ${snapshot.since ? utc(snapshot.since) : 'the start'}: Alertmanager's answer did not validate, so firing state is unknown${snapshot.reason ? ` (${snapshot.reason})` : ''}`;
		case 'feed-lost':
			return `Firing state unknown: live feed lost at ${snapshot.since ? utc(snapshot.since).slice(11) : 'load'}`;
		case 'ok':
			return snapshot.dropped?.count ? droppedPhrase(snapshot.dropped) : undefined;
	}
}

/** `2 alerts in Alertmanager's answer did not validate and are not shown (DiskFull, ErpDown): their state is unknown`. */
function droppedPhrase(dropped: AlertsSnapshot['dropped']): string {
	const names = dropped.names?.length
		? ` (${dropped.names.slice(0, 5).join(', ')}${dropped.names.length > 5 ? ` and ${dropped.names.length - 5} more` : ''})`
		: '';
	return `${plural(dropped.count, 'alert')} in Alertmanager's answer did not validate and ${dropped.count === 1 ? 'is' : 'are'} not shown${names}: ${dropped.names ? 'their state is unknown' : 'any alert not shown as firing may be among them'}`;
}

/** True when the answer dropped alerts and this one may be among them: the page cannot say it is not firing. */
function mayBeDropped(snapshot: AlertsSnapshot, name: string): boolean {
	const { count, names } = snapshot.dropped;
	return count > 0 && (names === null || names.includes(name));
}

/**
 * One alert on one page, now: `Firing: 3 instances since …`, `Silenced: …`, `Resolved at …`,
 * `Not firing`; `Unknown` when the source cannot tell (`sourcePhrase` says why, once per page).
 */
export function alertPhrase(snapshot: AlertsSnapshot, name: string, route: string | null): string {
	if (snapshot.state !== 'ok')
		return snapshot.state === 'not-configured' ? 'Not configured' : 'Unknown';
	const firing = snapshot.firing.find(
		(f) => f.name === name && (route === null || f.route === route),
	);
	if (firing) {
		const word = { firing: 'Firing', silenced: 'Silenced', inhibited: 'Inhibited' }[firing.state];
		const atLeast = mayBeDropped(snapshot, name) ? 'at least ' : '';
		return `${word}: ${atLeast}${plural(firing.count, 'instance')} since ${firing.since ? utc(firing.since) : 'an unknown time'}`;
	}
	if (mayBeDropped(snapshot, name)) return 'Unknown';
	const resolved = snapshot.resolved.find(
		(r) => r.name === name && (route === null || r.route === route),
	);
	return resolved ? `Resolved at ${utc(resolved.resolvedAt)}` : 'Not firing';
}

/** The state an element shows for an alert: a colour cue next to the words. */
export function alertState(
	snapshot: AlertsSnapshot,
	name: string,
	route: string | null,
): 'firing' | 'silenced' | 'inhibited' | 'resolved' | 'quiet' | 'unknown' {
	if (snapshot.state !== 'ok') return 'unknown';
	const firing = snapshot.firing.find(
		(f) => f.name === name && (route === null || f.route === route),
	);
	if (firing) return firing.state;
	if (mayBeDropped(snapshot, name)) return 'unknown';
	return snapshot.resolved.some((r) => r.name === name && (route === null || r.route === route))
		? 'resolved'
		: 'quiet';
}

/** What a site says before anything live arrives. */
export const staticAlerts: AlertsSnapshot = noAlerts('static');

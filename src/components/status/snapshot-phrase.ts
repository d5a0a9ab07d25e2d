// No imports: the browser script uses this too, and it must stay small.
/** A probe state in words; colour and the dot's shape are second cues. */
export const stateLabels = {
	up: 'Up',
	degraded: 'Degraded',
	down: 'Down',
	unknown: 'Unknown',
} as const;

type State = keyof typeof stateLabels;

/** Triage order: problems first (down, degraded, unknown), then up. */
export const stateRank: Record<State, number> = { down: 0, degraded: 1, unknown: 2, up: 3 };

/** `2026-11-21 05:58 UTC`, or `never` for null. */
export function formatTime(iso: string | null): string {
	return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'never';
}

/** What a reader sees where live status cannot be had: never an instruction to authors. */
export const notLiveHere = 'Live status is not available on this copy of the site';

/**
 * How a page says where its status comes from, rendered at build time and rewritten by the
 * widget script once it knows. `strip` follows "Live status" in the page header ("" while
 * `waymark serve` updates it live, " (feed lost at …)" or " (snapshot of …)" otherwise); `page`
 * is the sentence on `/status/` ("Updating live.", "Live feed lost at …", "Snapshot of ….").
 */
export function snapshotPhrase(
	form: 'strip' | 'page',
	live: boolean,
	generatedAt: string | null,
	lostAt: number | null = null,
	staleSince: string | null = null,
): string {
	const time = generatedAt ? formatTime(generatedAt) : undefined;
	if (lostAt !== null) {
		const at = `${new Date(lostAt).toISOString().slice(11, 16)} UTC`;
		return form === 'page'
			? `Live feed lost at ${at}: showing the last known state, reconnecting.`
			: ` (feed lost at ${at})`;
	}
	if (live && staleSince !== null) {
		const at = `${staleSince.slice(11, 16)} UTC`;
		return form === 'page'
			? `Stale: Prometheus has not answered since ${at}; showing the last known state.`
			: ` (stale since ${at})`;
	}
	if (form === 'page')
		return live ? 'Updating live.' : time ? `Snapshot of ${time}.` : 'Not checked yet.';
	return live ? '' : time ? ` (snapshot of ${time})` : ' (not checked yet)';
}

const plural = (n: number, what: string): string => `${n} ${what}`;

/** What the badge knows of the alerts with a runbook page here (`firingOnPages`): how many fire, `unknown`, or nothing (null) where alerts are not live. */
export type PageAlerts = { count: number; more: boolean } | 'unknown' | null;

/**
 * The site header's badge: the worst news first in few words ("1 alert firing", "2 down",
 * "1 unknown", "Alerts unknown", "All up"), with the whole count as the accessible name ("Status:
 * 2 down, 1 unknown, 5 up"), which holds the link's visible words, as WCAG 2.5.3 (label in name)
 * asks. An alert with a runbook here that fires is news before any probe; while the page cannot
 * tell whether one fires, the badge never says "All up". While Prometheus does not answer
 * (`staleSince`), the probes' states are the last known and the badge says "Stale", never down.
 */
export function overallBadge(
	states: State[],
	lost = false,
	alerts: PageAlerts = null,
	staleSince: string | null = null,
): { text: string; summary: string; label: string; state: State | 'stale' } {
	const stale = lost || staleSince !== null;
	const counts = { down: 0, degraded: 0, unknown: 0, up: 0 };
	for (const s of states) counts[s] += 1;
	const firing =
		!lost && alerts !== null && alerts !== 'unknown' && alerts.count > 0
			? `${alerts.count}${alerts.more ? '+' : ''} alert${alerts.count === 1 && !alerts.more ? '' : 's'} firing`
			: null;
	const unknownAlerts = !lost && alerts === 'unknown';
	const probeParts = (problems: boolean) =>
		(Object.keys(stateRank) as State[])
			.filter((s) => counts[s] > 0 && (s !== 'up') === problems)
			.map((s) => plural(counts[s], stateLabels[s].toLowerCase()));
	// Worst first: firing alerts, then the probes' problems, then alerts that cannot be told, then what is up.
	const parts = [
		...(firing ? [firing] : []),
		...probeParts(true),
		...(unknownAlerts ? ['alerts unknown'] : []),
		...probeParts(false),
	];
	const worst = (Object.keys(stateRank) as State[]).find((s) => counts[s] > 0 && s !== 'up');
	const text = lost
		? 'Feed lost'
		: (firing ??
			(stale
				? 'Stale'
				: worst
					? plural(counts[worst], worst)
					: unknownAlerts
						? 'Alerts unknown'
						: states.length
							? 'All up'
							: 'No probes'));
	const summary = `${lost ? 'Feed lost; last known: ' : staleSince !== null ? `Stale since ${staleSince.slice(11, 16)} UTC; last known: ` : ''}${parts.join(', ') || 'no probes'}`;
	// The name holds the visible words: the summary starts with the worst news, but not with "All up".
	const label = `Status: ${summary.toLowerCase().startsWith(text.toLowerCase()) ? summary : `${text}, ${summary}`}`;
	return {
		text,
		summary,
		label,
		state: lost
			? 'stale'
			: firing
				? 'down'
				: stale
					? 'stale'
					: (worst ?? (unknownAlerts ? 'unknown' : 'up')),
	};
}

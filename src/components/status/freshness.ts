// No imports: the browser script uses this too, and it must stay small.
/**
 * How far a widget can be trusted: `fresh` (a live result within two of its probe's intervals),
 * `overdue` (the last result is older than that), `lost` (the live feed is gone), `stale` (the
 * feed is up but Prometheus, where `waymark serve` reads the states, does not answer), `static` (a
 * copy of the site without `waymark serve`: the build-time snapshot is all there is), `unchecked`
 * (no result yet). Only `fresh` shows the state as current; the others say "Last known".
 */
export type Freshness = 'fresh' | 'overdue' | 'lost' | 'stale' | 'static' | 'unchecked';

export interface FeedState {
	/** The page gets updates from `waymark serve`. */
	live: boolean;
	/** When the feed was lost (ms since the epoch), or null while it is up. */
	lostAt: number | null;
}

/** `08:06 UTC`. */
const clock = (ms: number): string => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** How a page says its states come from a Prometheus that stopped answering: `stale: Prometheus has not answered since 08:06 UTC`. */
const staleNote = (since: string): string =>
	`stale: Prometheus has not answered since ${clock(Date.parse(since))}`;

/** `just now`, `40 s ago`, `3 min ago`, `2 h ago`, `4 days ago`. */
function ago(ms: number): string {
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 5) return 'just now';
	if (s < 60) return `${s} s ago`;
	if (s < 3600) return `${Math.floor(s / 60)} min ago`;
	if (s < 172_800) return `${Math.floor(s / 3600)} h ago`;
	return `${Math.floor(s / 86_400)} days ago`;
}

/**
 * A probe result's freshness and the words that say it (empty when fresh), e.g.
 * `feed lost at 08:06 UTC` or `checked 08:06 UTC, 3 min ago, overdue`.
 */
export function freshness(
	probe: {
		checkedAt: string | null;
		intervalMs?: number | undefined;
		staleSince?: string | undefined;
	},
	feed: FeedState,
	now: number,
): { fresh: Freshness; note: string } {
	// The reason ("Not checked yet") already says it; the state word is "Unknown".
	if (probe.checkedAt === null) return { fresh: 'unchecked', note: '' };
	const at = Date.parse(probe.checkedAt);
	if (feed.lostAt !== null) return { fresh: 'lost', note: `feed lost at ${clock(feed.lostAt)}` };
	if (probe.staleSince) return { fresh: 'stale', note: staleNote(probe.staleSince) };
	if (!feed.live) return { fresh: 'static', note: `snapshot of ${clock(at)}, ${ago(now - at)}` };
	if (probe.intervalMs && now - at > 2 * probe.intervalMs)
		return { fresh: 'overdue', note: `checked ${clock(at)}, ${ago(now - at)}, overdue` };
	return { fresh: 'fresh', note: '' };
}

/** The state word as the widget shows it: `Down`, or `Last known: Down` when not fresh. */
export function stateWord(label: string, fresh: Freshness): string {
	return fresh === 'fresh' || fresh === 'unchecked' ? label : `Last known: ${label}`;
}

/**
 * Milliseconds before reconnect attempt `attempt` (0-based): 1 s doubling to a 60 s cap, each
 * scaled by a random factor in [0.5, 1) so that many pages never retry in step.
 */
export function backoffMs(attempt: number, random: number = Math.random()): number {
	return Math.min(60_000, 1000 * 2 ** Math.min(attempt, 16)) * (0.5 + random / 2);
}

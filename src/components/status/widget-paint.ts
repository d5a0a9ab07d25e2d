// How a widget shows a probe, written once for both painters: the browser script (a DOM element)
// and `waymark serve`, which paints the HTML it sends (server/page-paint.ts), so the first paint
// and the live updates can never use different words. No imports but the phrase modules: the
// browser script uses this, and it must stay small.
import { freshness, stateWord, type FeedState } from './freshness.ts';
import {
	notLiveHere,
	overallBadge,
	snapshotPhrase,
	stateLabels,
	type PageAlerts,
} from './snapshot-phrase.ts';
import { sparkline } from './sparkline.ts';

type State = keyof typeof stateLabels;

/** The fields of a probe result a widget shows (`/_waymark/status.json`, the event stream). */
export interface PaintedProbe {
	state: State;
	message: string;
	latencyMs: number | null;
	checkedAt: string | null;
	lastChange: string | null;
	uptime: number | null;
	latencies: number[];
	intervalMs?: number | undefined;
	lastChangeBefore?: boolean | undefined;
	locations?: Array<{ name: string; state: State }> | undefined;
	staleSince?: string | undefined;
}

/** One widget element, whatever holds it: the DOM in the browser, a parsed page in `waymark serve`. */
export interface WidgetTarget {
	attr(name: string, value: string): void;
	has(name: string): boolean;
	/** The text of the first descendant with this class, if there is one. */
	text(className: string, text: string): void;
	/** A time as text, in a `<time datetime>` when there is one and a `<span>` when not (`datetime=""` is invalid). */
	time(className: string, iso: string | null): void;
	/** Markup made here (the sparkline), never from a probe's text. */
	html(className: string, html: string): void;
}

/** A probe's words as a widget shows them: its freshness, state word, freshness note and reason. */
export function probeWords(
	probe: PaintedProbe,
	feed: FeedState,
	now: number,
): { fresh: string; state: string; note: string; reason: string } {
	const { fresh, note } = freshness(probe, feed, now);
	const reason = probe.checkedAt === null && !feed.live ? notLiveHere : probe.message;
	return {
		fresh,
		state: stateWord(stateLabels[probe.state], fresh),
		note: note && ` · ${note}`,
		reason,
	};
}

/** `eu-west: Down · us-east: Up`: the state from each location, empty for a probe with one. */
export const locationsText = (probe: Pick<PaintedProbe, 'locations'>): string =>
	(probe.locations ?? []).map((l) => `${l.name}: ${stateLabels[l.state]}`).join(' · ');

/** Paints one probe widget (badge, card, strip chip, `/status/` row). */
export function paintProbe(
	el: WidgetTarget,
	probe: PaintedProbe,
	feed: FeedState,
	now: number,
): void {
	const words = probeWords(probe, feed, now);
	el.attr('data-state', probe.state);
	el.attr('data-fresh', words.fresh);
	if (el.has('title')) el.attr('title', words.reason);
	el.text('wm-state', words.state);
	el.text('wm-fresh', words.note);
	el.text('wm-reason', words.reason);
	el.text('wm-latency', probe.latencyMs == null ? '' : `${probe.latencyMs} ms · `);
	el.time('wm-time', probe.checkedAt);
	el.time('wm-change', probe.lastChange);
	el.text('wm-change-before', probe.lastChangeBefore ? 'before ' : '');
	el.text('wm-locations', locationsText(probe));
	el.text('wm-uptime', probe.uptime == null ? '–' : `${probe.uptime.toFixed(1)}%`);
	el.html('wm-history', sparkline(probe.latencies, 90, 20));
}

/**
 * The words of the site-wide summaries: the header badge, the summary lines, "Updating live.".
 * A snapshot is as old as its freshest observation, the time the build prints too
 * (`markdownSnapshot`): "not checked yet" while nothing was checked, never the time the file was
 * written, so the script leaves the words the page was built with as they are.
 */
export function pageWords(
	probes: Array<Pick<PaintedProbe, 'state' | 'checkedAt' | 'staleSince'>>,
	feed: FeedState,
	alerts: PageAlerts = null,
): {
	badge: ReturnType<typeof overallBadge>;
	summary: string;
	phrase(form: string | undefined): string;
} {
	// Prometheus stopped answering: every probe is stale since the same answer.
	const staleSince = probes.find((p) => p.staleSince)?.staleSince ?? null;
	const badge = overallBadge(
		probes.map((p) => p.state),
		feed.lostAt !== null,
		alerts,
		staleSince,
	);
	const observedAt = probes.reduce<string | null>(
		(latest, p) =>
			p.checkedAt !== null && (latest === null || p.checkedAt > latest) ? p.checkedAt : latest,
		null,
	);
	return {
		badge,
		summary: `${badge.summary}.`,
		phrase: (form) =>
			snapshotPhrase(
				form === 'page' ? 'page' : 'strip',
				feed.live,
				observedAt,
				feed.lostAt,
				staleSince,
			),
	};
}

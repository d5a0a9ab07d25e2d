/**
 * The alerts contract between the Node side (`alerts/`, `integration/`, `server/`) and the site:
 * what a runbook page knows of its alerting rules at build time, and what `waymark serve` says is
 * firing now (`/_waymark/status.json` → `alerts`, the `alerts` event). Plain data.
 */

/** An alerting rule as a runbook page shows it. */
export interface PanelAlert {
	name: string;
	severity: string | null;
	/** `for:` as written, or null when the rule fires at once. */
	for: string | null;
	summary: string | null;
	description: string | null;
	expr: string;
	group: string;
	/** The heading the runbook_url lands on (`''` for the top of the page). */
	hash: string;
	/** How the page is tied to the alert: its runbook_url, or the page's frontmatter `alerts:`. */
	via: 'runbook_url' | 'frontmatter';
	source:
		| { kind: 'file'; path: string; line: number; editUrl: string | null; viewUrl: string | null }
		| { kind: 'prometheus'; url: string; file: string };
}

/** Build-time alert data for the site (part of `SiteData`). */
export interface SiteAlerts {
	/** Alerts per page route, in rule order. */
	byRoute: Record<string, PanelAlert[]>;
	/** The build was configured with `alerts.alertmanager`: every page gets the firing banner. */
	alertmanager: boolean;
}

/**
 * Where firing state comes from, in words on the page: `static` (a plain build: nothing polls),
 * `not-configured` (serve without `alerts.alertmanager`), `waiting` (no answer yet), `ok`,
 * `unreachable` (no current answer: firing state unknown, never the last one shown as current),
 * `invalid` (Alertmanager answered with something that is not a list of alerts: unknown too),
 * `feed-lost` (said by the page itself when its live feed from `waymark serve` is gone).
 */
type AlertsSourceState =
	'static' | 'not-configured' | 'waiting' | 'ok' | 'unreachable' | 'invalid' | 'feed-lost';

/** An alerts snapshot with nothing in it: a static copy of the site, or serve without `alerts.alertmanager`. */
export function noAlerts(state: 'static' | 'not-configured'): AlertsSnapshot {
	return {
		state,
		checkedAt: null,
		since: null,
		reason: null,
		pollIntervalMs: 0,
		demo: false,
		uiUrl: null,
		firing: [],
		pagesFiring: noneFiring,
		unlisted: noneUnlisted,
		dropped: noneDropped,
		resolved: [],
	};
}

/** Firing alerts a snapshot does not list, in all and per runbook page (`''`: alerts without one). */
export interface UnlistedAlerts {
	count: number;
	byRoute: Record<string, number>;
}

/** Alerts in Alertmanager's last answer that did not fit its API, so are not shown. */
export interface DroppedAlertsNote {
	count: number;
	/** Their `alertname`s, when each had a readable one; null when any alert may be among them. */
	names: string[] | null;
}

/**
 * The alerts with a runbook page on this site that fire now (silenced and inhibited ones aside),
 * counted over the whole answer (`firing` is capped), each name once: the header's badge.
 * `more` when alerts of the answer were dropped and one with a page here may be among them.
 */
export interface PagesFiring {
	count: number;
	more: boolean;
}

export const noneFiring: PagesFiring = { count: 0, more: false };
export const noneUnlisted: UnlistedAlerts = { count: 0, byRoute: {} };
export const noneDropped: DroppedAlertsNote = { count: 0, names: [] };

/** Alertmanager's word for one alert: active, or suppressed by a silence or an inhibition. */
export type InstanceState = 'firing' | 'silenced' | 'inhibited';

export interface FiringInstance {
	labels: Record<string, string>;
	startsAt: string;
	state: InstanceState;
}

/** One alert name on one runbook page, with its instances (the first few of `count`). */
export interface FiringAlert {
	name: string;
	severity: string | null;
	summary: string | null;
	/** The runbook page's route, or null when the alert's runbook is not a page of this site. */
	route: string | null;
	pageTitle: string | null;
	hash: string;
	/** `firing` when any instance is active; else `inhibited` or `silenced`. */
	state: InstanceState;
	count: number;
	/** Earliest `startsAt` of the instances. */
	since: string;
	instances: FiringInstance[];
}

export interface ResolvedAlert {
	name: string;
	route: string | null;
	pageTitle: string | null;
	/** When `waymark serve` first saw it gone. */
	resolvedAt: string;
}

export interface AlertsSnapshot {
	state: AlertsSourceState;
	/** Last answer from Alertmanager (ISO), or null. */
	checkedAt: string | null;
	/** With `unreachable` or `invalid`: since when (ISO). */
	since: string | null;
	/** With `unreachable` or `invalid`: why, in words (no header values). */
	reason: string | null;
	/** How often serve polls; the page stops trusting an update older than three of these. */
	pollIntervalMs: number;
	/** True in `waymark serve --demo`: the alerts come from a loopback stand-in. */
	demo: boolean;
	/** Alertmanager's web UI, for `silenceUrl`; null when firing state is not configured. */
	uiUrl: string | null;
	/**
	 * Every firing alert a page's panel shows (those the build tied to a page), then the first
	 * others in order (firing first, then by severity and age), up to a cap; `unlisted` counts the rest.
	 */
	firing: FiringAlert[];
	pagesFiring: PagesFiring;
	unlisted: UnlistedAlerts;
	/** With `ok`: alerts of the answer that were dropped; an alert not listed may be among them. */
	dropped: DroppedAlertsNote;
	/** Alerts a page's panel shows that stopped firing in the last 15 minutes. */
	resolved: ResolvedAlert[];
}

/**
 * Alertmanager's "new silence" form prefilled with exactly these labels, as its own UI's Silence
 * button builds it: one `=` matcher per label, sorted by name, values JSON-quoted.
 */
export function silenceUrl(uiUrl: string, labels: Record<string, string>): string {
	const filter = `{${Object.keys(labels)
		.sort()
		.map((name) => `${name}=${JSON.stringify(labels[name])}`)
		.join(', ')}}`;
	return `${uiUrl.replace(/\/$/, '')}/#/silences/new?filter=${encodeURIComponent(filter)}`;
}

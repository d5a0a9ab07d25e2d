import type { AlertsSnapshot } from './alerts-snapshot.ts';

/**
 * The status contract between the prober (`checks/probes/`, `server/`) and the widgets: what
 * `/_waymark/status.json`, the event stream and the build-time snapshot carry. Plain data, so the
 * browser code can use it.
 */
export const probeKinds = ['http', 'dns', 'tcp', 'icmp', 'tls', 'prometheus'] as const;
export type ProbeKind = (typeof probeKinds)[number];

/** A closed union: "unknown" is an outcome (the probe could not run), not an absence, and never counts as down. */
export type ProbeState = 'up' | 'degraded' | 'down' | 'unknown';

/** One probe as widgets and `/_waymark/status.json` show it: no headers, no bodies, no conditions' secrets. */
export interface ProbeStatus {
	id: string;
	name: string;
	kind: ProbeKind;
	target: string;
	file: string;
	line: number;
	route: string;
	pageTitle: string;
	intervalMs: number;
	state: ProbeState;
	message: string;
	latencyMs: number | null;
	observed: Record<string, string>;
	/** ISO time of the last run, or null when never checked. */
	checkedAt: string | null;
	/** ISO time the state last changed, or null. */
	lastChange: string | null;
	/** Share of `up` results over the window, 0–100, or null without history. */
	uptime: number | null;
	/** Recent latencies, oldest first (for the sparkline). */
	latencies: number[];
	/** True when no change was found in the history searched: the state has held since `lastChange` at least. */
	lastChangeBefore?: boolean;
	/** The state from each network that probes it (`status.locations`), in the config's order; `state` is their combination by `status.downWhen`. */
	locations?: LocationStatus[];
	/** Set while Prometheus does not answer (`status.source: prometheus`): this is the last known state, as of that ISO time. Never turned into down. */
	staleSince?: string;
}

/** A probe's state from one location, as blackbox_exporter there measured it. */
export interface LocationStatus {
	name: string;
	state: ProbeState;
	message: string;
	latencyMs: number | null;
	/** ISO time of that location's last sample, or null when Prometheus holds none. */
	checkedAt: string | null;
}

/** Where `waymark serve` read the states (`status.source: prometheus`): as of which moment, and whether it still answers. */
export interface StatusSource {
	kind: 'prometheus';
	/** The moment every replica reads the same state at (a multiple of `status.refresh`), or null before the first answer. */
	asOf: string | null;
	/** When Prometheus last answered, while it does not; null while it does. */
	staleSince: string | null;
	/** Why the last refresh failed, while it does. */
	reason?: string;
}

export interface StatusSnapshot {
	version: 1;
	/** When this snapshot was made. */
	generatedAt: string;
	/** True when served by `waymark serve` (updates follow on `/_waymark/events`). */
	live: boolean;
	/** True in `waymark serve --demo`: probes hit loopback stand-ins. */
	demo: boolean;
	probes: ProbeStatus[];
	/** What Alertmanager says is firing now; absent from build-time snapshots. Updates follow as `alerts` events. */
	alerts?: AlertsSnapshot;
	/** With `status.source: prometheus`: the moment read and whether Prometheus answers. */
	source?: StatusSource;
}

/**
 * Where the build puts the probe manifest `waymark serve` reads (declarations with `${env:…}`
 * templates, never values). For the server only: the static site server never sends it.
 */
export const manifestPath = '_waymark/probes.json';

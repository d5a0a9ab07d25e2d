import type { LocatedProbe, ProbeKind, ProbeResult, ProbeState } from './types.ts';

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
}

const notCheckedMessage = 'Not checked at build time (run `waymark serve`, or build with WAYMARK_PROBE_AT_BUILD=1)';

export function toProbeStatus(probe: LocatedProbe, result?: ProbeResult): ProbeStatus {
	return {
		id: probe.id,
		name: probe.name ?? probe.id,
		kind: probe.kind,
		target: probe.target,
		file: probe.file,
		line: probe.line,
		route: probe.route,
		pageTitle: probe.pageTitle,
		intervalMs: probe.intervalMs,
		state: result?.state ?? 'unknown',
		message: result?.message ?? notCheckedMessage,
		latencyMs: result?.latencyMs ?? null,
		observed: result?.observed ?? {},
		checkedAt: result?.checkedAt ?? null,
		lastChange: result?.checkedAt ?? null,
		uptime: result ? (result.state === 'up' ? 100 : 0) : null,
		latencies: result?.latencyMs != null ? [result.latencyMs] : [],
	};
}


/** Where the build puts the probe manifest `waymark serve` reads (declarations with `${env:…}` templates, never values). */
export const manifestPath = '_waymark/probes.json';
export const snapshotPath = '_waymark/status.json';

import {
	notDownSeries,
	stateOfCode,
	stateSeries,
	type LocationRule,
} from '../checks/probes/location-rule.ts';
import type { Answer, InstantSeries, RangeSeries } from '../network/prometheus-api.ts';
import type { ProbeState } from '../core/status-snapshot.ts';

/**
 * The history `waymark serve` shows under `status.source: prometheus`, asked of Prometheus for
 * every probe at once and never stored by `serve`: uptime over the window, the latency sparkline,
 * the last change. Uptime and changes are read from two series the exported rules record per probe
 * (`recordingRules` in `checks/probes/location-rule.ts`), so a day of history costs a scan of one series per probe, not the location
 * rule evaluated again at every step of the day. Each query is evaluated at a moment every replica
 * computes the same way (multiples of the refresh and of the history step), so replicas, and one
 * started a minute ago, show the same numbers. The states are what blackbox_exporter recorded
 * (`probe_success` per location, combined by the location rule: up, degraded, down); a condition
 * `serve` judges on a reading (response time, a certificate's expiry) shows in the current state,
 * not in this history.
 */

/** A PromQL duration: `60s`, or `1500ms` when not whole seconds. */
const promDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** Latency points in the sparkline, as many as `serve` shows from its own history. */
export const sparklinePoints = 40;

/** The slowest location's `probe_duration_seconds` per probe: one series per probe, for the sparkline. By name, not `probe!=""`, which matches every series blackbox writes. */
export const sparklineQuery = (rule: LocationRule): string =>
	`max by (probe) (probe_duration_seconds${rule.locations.length > 0 ? `{location=~"${rule.locations.join('|')}"}` : ''})`;

/** Share of the window (0–1) the probe was not down by the rule. */
const uptimeQuery = (windowMs: number): string =>
	`avg_over_time(${notDownSeries}[${promDuration(windowMs)}])`;

/**
 * As a range query every `stepMs`: a point where the recorded state differs from the step before,
 * or where the probe has a state and had none the step before (its first sample, or the first after
 * a gap). The value is the state then.
 */
const changesQuery = (stepMs: number): string =>
	`(${stateSeries} != ${stateSeries} offset ${promDuration(stepMs)}) or (${stateSeries} unless ${stateSeries} offset ${promDuration(stepMs)})`;

/** As an instant query: the probes whose recorded state differs from the one `agoMs` before. */
export const changedSinceQuery = (agoMs: number): string =>
	`${stateSeries} != ${stateSeries} offset ${promDuration(agoMs)}`;

/** Per probe: milliseconds, oldest first. */
export function readSparklines(series: RangeSeries[]): Map<string, number[]> {
	const out = new Map<string, number[]>();
	for (const s of series) {
		const probe = s.metric['probe'];
		if (probe !== undefined)
			out.set(
				probe,
				s.points.filter(([, v]) => Number.isFinite(v)).map(([, v]) => Math.round(v * 1000)),
			);
	}
	return out;
}

/** When a probe's recorded state last changed: the step (ms) whose point showed it first, and the state then. */
interface ChangePoint {
	at: number;
	state: ProbeState | undefined;
}

export interface History {
	/** The history moment these answers are as of (ms). */
	at: number;
	/** Per probe, in percent; a probe without recorded series has none. */
	uptimes: Map<string, number>;
	/** Per probe, the last change point within the window ending at `at`. */
	changes: Map<string, ChangePoint>;
}

interface Asker {
	instant(query: string, at: number): Promise<Answer<InstantSeries>>;
	range(query: string, start: number, end: number, step: number): Promise<Answer<RangeSeries>>;
}

/**
 * Reads the history every `stepMs` (the history moment), over `windowMs`. Changes are searched once
 * over the whole window, then only over the steps since: the past does not change, and the points
 * of a range query on the same grid are the same whichever part of it is asked, so a replica that
 * has run for a day and one started now find the same last change. A point that leaves the window
 * is forgotten, as a fresh search would not see it.
 */
export function createHistoryReader(
	ask: Asker,
	windowMs: number,
	stepMs: number,
): { read(at: number): Promise<History | { failed: string }> } {
	let changes = new Map<string, ChangePoint>();
	let searchedTo: number | undefined;
	return {
		async read(at) {
			const from =
				searchedTo !== undefined && at - searchedTo < windowMs
					? searchedTo + stepMs
					: at - windowMs + stepMs;
			const [uptimes, found] = await Promise.all([
				ask.instant(uptimeQuery(windowMs), at),
				from <= at
					? ask.range(changesQuery(stepMs), from, at, stepMs)
					: Promise.resolve({ ok: true as const, series: [] }),
			]);
			if (!uptimes.ok || !found.ok)
				return { failed: uptimes.ok ? (found.ok ? '' : found.reason) : uptimes.reason };
			if (from === at - windowMs + stepMs) changes = new Map();
			for (const s of found.series) {
				const probe = s.metric['probe'];
				const last = s.points.at(-1);
				if (probe !== undefined && last)
					changes.set(probe, { at: last[0] * 1000, state: stateOfCode[last[1]] });
			}
			for (const [probe, point] of changes)
				if (point.at < at - windowMs + stepMs) changes.delete(probe);
			searchedTo = at;
			const percent = new Map<string, number>();
			for (const s of uptimes.series)
				if (s.metric['probe'] !== undefined && Number.isFinite(s.value))
					percent.set(s.metric['probe'], 100 * s.value);
			return { at, uptimes: percent, changes: new Map(changes) };
		},
	};
}

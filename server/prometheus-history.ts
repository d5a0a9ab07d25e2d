import { notDownExpression, probeSelector, stateCodeExpression, stateOfCode, type LocationRule } from '../checks/probes/location-rule.ts';
import type { InstantSeries, RangeSeries } from '../network/prometheus-api.ts';
import type { ProbeState } from '../src/lib/status-snapshot.ts';

/**
 * The history `waymark serve` shows under `status.source: prometheus`, asked of Prometheus for
 * every probe at once and never kept by `serve` beyond the answer: uptime over the window, the
 * latency sparkline, the last change. Each query is evaluated at a moment every replica computes
 * the same way (multiples of the refresh and of the history step), so replicas, and one started a
 * minute ago, show the same numbers. The states are what blackbox_exporter recorded (`probe_success`
 * per location, combined by the location rule: up, degraded, down); a condition `serve` judges on a
 * reading (response time, a certificate's expiry) shows in the current state, not in this history.
 */

/** A PromQL duration: `60s`, or `1500ms` when not whole seconds. */
export const promDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** Latency points in the sparkline, as many as `serve` shows from its own history. */
export const sparklinePoints = 40;

/** The slowest location's `probe_duration_seconds` per probe: one series per probe, for the sparkline. */
export const sparklineQuery = (rule: LocationRule): string => `max by (probe) (probe_duration_seconds{${probeSelector(rule)}})`;

/** Share of the window (0–1) the probe was not down by the rule, sampled every `stepMs`. */
export const uptimeQuery = (rule: LocationRule, windowMs: number, stepMs: number): string => `avg_over_time((${notDownExpression(rule)})[${promDuration(windowMs)}:${promDuration(stepMs)}])`;

/**
 * As a range query every `stepMs`: a point where the recorded state differs from the step before,
 * or where the probe has a state and had none the step before (its first sample, or the first after
 * a gap). The value is the state code then (`stateOfCode`).
 */
export const changesQuery = (rule: LocationRule, stepMs: number): string => {
	const now = stateCodeExpression(rule);
	const before = stateCodeExpression(rule, promDuration(stepMs));
	return `(${now} != ${before}) or (${now} unless ${before})`;
};

/** As an instant query: the probes whose recorded state differs from the one `agoMs` before. */
export const changedSinceQuery = (rule: LocationRule, agoMs: number): string => `${stateCodeExpression(rule)} != ${stateCodeExpression(rule, promDuration(agoMs))}`;

/** Per probe: milliseconds, oldest first. */
export function readSparklines(series: RangeSeries[]): Map<string, number[]> {
	const out = new Map<string, number[]>();
	for (const s of series) {
		const probe = s.metric['probe'];
		if (probe !== undefined) out.set(probe, s.points.filter(([, v]) => Number.isFinite(v)).map(([, v]) => Math.round(v * 1000)));
	}
	return out;
}

/** Per probe: uptime in percent. */
export function readUptimes(series: InstantSeries[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const s of series) {
		const probe = s.metric['probe'];
		if (probe !== undefined && Number.isFinite(s.value)) out.set(probe, 100 * s.value);
	}
	return out;
}

/** When a probe's recorded state last changed, to the step: the start of the step it changed in. */
export interface LastChange {
	/** Milliseconds since the epoch. */
	at: number;
	state: ProbeState | undefined;
}

/** Per probe: the last point of the changes query, as the start of its step. */
export function readLastChanges(series: RangeSeries[], stepMs: number): Map<string, LastChange> {
	const out = new Map<string, LastChange>();
	for (const s of series) {
		const probe = s.metric['probe'];
		const last = s.points.at(-1);
		if (probe === undefined || !last) continue;
		const seen = out.get(probe);
		const at = last[0] * 1000 - stepMs;
		if (!seen || at > seen.at) out.set(probe, { at, state: stateOfCode[last[1]] });
	}
	return out;
}

import { evaluateCondition, parseCondition, type Condition } from './conditions.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';
import type { ProbeState } from '../../src/lib/status-snapshot.ts';
import type { Observation, ProbeSpec } from '../../network/observation.ts';

/**
 * Turns what a probe saw into a result: unknown when it could not run, down when it could not
 * connect or a condition failed, degraded when only latency or expiry conditions failed, unknown
 * when the rest held but a condition could not be evaluated (e.g. no RDAP answer), up otherwise.
 * The message lists the failing conditions with observed values.
 */
export function judge(probe: ProbeSpec & Partial<Pick<LocatedProbe, 'file' | 'line'>>, observation: Observation, now = new Date()): ProbeResult {
	const conditions = probe.conditions.map(parseCondition).filter((c): c is { ok: true } & Condition => c.ok);
	const outcomes = conditions.map((c) => ({ condition: c, ...evaluateCondition(c, observation) }));
	const observed: Record<string, string> = Object.assign({}, ...outcomes.map((o) => o.observed)) as Record<string, string>;
	const failing = outcomes.filter((o) => !o.ok && o.unknown === undefined);
	const unknown = outcomes.filter((o) => o.unknown !== undefined);
	let state: ProbeState;
	let message: string;
	if (observation.unknownReason) {
		state = 'unknown';
		message = observation.unknownReason;
	} else {
		state = observation.error ? 'down' : failing.length === 0 ? (unknown.length === 0 ? 'up' : 'unknown') : failing.every((o) => o.soft) && observation.connected ? 'degraded' : 'down';
		const parts = [...failing, ...unknown].map((o) => o.display);
		if (observation.error) parts.unshift(observation.error);
		message = parts.length > 0 ? parts.join('; ') : outcomes.map((o) => o.display).join('; ') || 'reachable';
	}
	return {
		id: probe.id,
		kind: probe.kind,
		target: probe.target,
		state,
		ok: state === 'up',
		latencyMs: observation.responseTimeMs === null ? null : Math.round(observation.responseTimeMs),
		observed,
		message,
		file: probe.file ?? '',
		line: probe.line ?? 0,
		checkedAt: now.toISOString(),
	};
}

import { evaluateCondition, parseCondition, type Condition } from './conditions.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';
import type { ProbeState } from '../../src/lib/status-snapshot.ts';
import { withoutCredentials } from '../../network/observe-http.ts';
import type { Observation, ProbeSpec } from '../../network/observation.ts';

/**
 * Turns what a probe saw into a result: unknown when it could not run, down when it could not
 * connect or a condition failed, degraded when only latency or certificate-expiry conditions
 * failed, up otherwise. The message lists the failing conditions with observed values.
 *
 * What is published: an HTTP body's value only when the condition names a JSON field
 * (`[BODY].status`); a condition on the whole body (`[BODY] == ok`) shows `(not published)`, so a
 * probe can never copy a response (say, a cloud metadata document) into `status.json`.
 */
export function judge(probe: ProbeSpec & Partial<Pick<LocatedProbe, 'file' | 'line'>>, observation: Observation, now = new Date()): ProbeResult {
	const conditions = probe.conditions.map(parseCondition).filter((c): c is { ok: true } & Condition => c.ok);
	const outcomes = conditions.map((c) => {
		const outcome = { condition: c, ...evaluateCondition(c, observation) };
		if (probe.kind !== 'http' || !namesWholeBody(c.left)) return outcome;
		return { ...outcome, observed: 'none', display: outcome.display.replace(`(${outcome.observed})`, '(not published)') };
	});
	const observed: Record<string, string> = {};
	for (const o of outcomes) if (o.observed !== 'none') observed[o.condition.left] = o.observed;
	const failing = outcomes.filter((o) => !o.ok);
	let state: ProbeState;
	let message: string;
	if (observation.unknownReason) {
		state = 'unknown';
		message = observation.unknownReason;
	} else {
		state = observation.error ? 'down' : failing.length === 0 ? 'up' : failing.every((o) => o.soft) && observation.connected ? 'degraded' : 'down';
		const parts = failing.map((o) => o.display);
		if (observation.error) parts.unshift(observation.error);
		message = parts.length > 0 ? parts.join('; ') : outcomes.map((o) => o.display).join('; ') || 'reachable';
	}
	return {
		id: probe.id,
		kind: probe.kind,
		target: publicTarget(probe),
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

/** `[BODY]` itself (not `[BODY].field`, `[BODY][0]` or `len([BODY])`). */
function namesWholeBody(expression: string): boolean {
	return /(?<!len\()\[BODY\](?![.[])/i.test(expression);
}

/** The target as shown anywhere (pages, `status.json`, history, messages): never with `user:pass@`. */
export function publicTarget(probe: Pick<ProbeSpec, 'kind' | 'target'>): string {
	if (probe.kind !== 'http') return probe.target;
	try {
		const url = new URL(probe.target);
		return url.username || url.password ? withoutCredentials(url).url.href : probe.target;
	} catch {
		return probe.target;
	}
}

import {
	evaluateCondition,
	parseCondition,
	type Condition,
	type ConditionOutcome,
} from './conditions.ts';
import { placeholderOf, unwrapFunction } from './conditions/placeholders.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';
import type { ProbeState } from '../../core/status-snapshot.ts';
import { withoutCredentials } from '../../core/url-credentials.ts';
import type { Observation, ProbeSpec } from '../../network/observation.ts';

/**
 * Turns what a probe saw into a result: unknown when it could not run, down when it could not
 * connect or a condition failed, degraded when only latency or expiry conditions failed, unknown
 * when the rest held but a condition could not be evaluated (e.g. no RDAP answer), up otherwise.
 * The message lists the failing conditions with observed values.
 *
 * What is published: an HTTP body's value only when the condition names a JSON field
 * (`[BODY].status`, `len([BODY])`); a side that is the whole body (`[BODY] == ok`) shows
 * `(not published)`, so a probe can never copy a response (say, a cloud metadata document) into
 * `status.json`. The target never shows `user:pass@`.
 */
export function judge(
	probe: ProbeSpec & Partial<Pick<LocatedProbe, 'file' | 'line'>>,
	observation: Observation,
	now = new Date(),
): ProbeResult {
	const conditions = probe.conditions
		.map(parseCondition)
		.filter((c): c is { ok: true } & Condition => c.ok);
	const outcomes = conditions.map((c) => {
		const outcome = evaluateCondition(c, observation);
		return { condition: c, ...(probe.kind === 'http' ? withoutWholeBody(c, outcome) : outcome) };
	});
	const observed: Record<string, string> = Object.assign(
		{},
		...outcomes.map((o) => o.observed),
	) as Record<string, string>;
	const failing = outcomes.filter((o) => !o.ok && o.unknown === undefined);
	const unknown = outcomes.filter((o) => o.unknown !== undefined);
	let state: ProbeState;
	let message: string;
	if (observation.unknownReason) {
		state = 'unknown';
		message = observation.unknownReason;
	} else {
		state = observation.error
			? 'down'
			: failing.length === 0
				? unknown.length === 0
					? 'up'
					: 'unknown'
				: failing.every((o) => o.soft) && observation.connected
					? 'degraded'
					: 'down';
		const parts = [...failing, ...unknown].map((o) => o.display);
		if (observation.error) parts.unshift(observation.error);
		message =
			parts.length > 0
				? parts.join('; ')
				: outcomes.map((o) => o.display).join('; ') || 'reachable';
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

/** `[BODY]` itself, not `[BODY].field`, `[BODY][0]`, `len([BODY])` or `has([BODY])`. */
function isWholeBody(element: string): boolean {
	const placeholder = placeholderOf(element);
	return (
		placeholder?.name === 'BODY' &&
		placeholder.path === '' &&
		unwrapFunction(element).fn === undefined
	);
}

function withoutWholeBody(condition: Condition, outcome: ConditionOutcome): ConditionOutcome {
	if (!isWholeBody(condition.left) && !isWholeBody(condition.right)) return outcome;
	const observed = Object.fromEntries(
		Object.entries(outcome.observed).filter(([element]) => !isWholeBody(element)),
	);
	if (outcome.ok || outcome.unknown !== undefined) return { ...outcome, observed };
	const side = (element: string): string =>
		isWholeBody(element)
			? `${element} (not published)`
			: element in observed
				? `${element} (${observed[element]})`
				: element;
	return {
		...outcome,
		observed,
		display: `${side(condition.left)} ${condition.operator} ${side(condition.right)}`,
	};
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

import { judge } from '../checks/probes/outcome.ts';
import { combineStates, type LocationRule } from '../checks/probes/location-rule.ts';
import { conditionsFromPrometheus } from '../checks/probes/prometheus-source.ts';
import type { LocatedProbe, ProbeResult } from '../checks/probes/types.ts';
import type { InstantSeries } from '../network/prometheus-api.ts';
import type { Observation } from '../network/observation.ts';
import { stateLabels, stateRank } from '../src/components/status/snapshot-phrase.ts';
import type { LocationStatus } from '../core/status-snapshot.ts';

/** What blackbox_exporter records for a probe; `waymark serve` reads these and nothing else from it. */
export const blackboxMetrics = [
	'probe_success',
	'probe_duration_seconds',
	'probe_http_status_code',
	'probe_ssl_earliest_cert_expiry',
] as const;

/** The readings of one probe from one location: each metric's lowest value (a replicated Prometheus may answer one series per replica: the worst counts) and when it was scraped. */
interface Reading {
	values: Map<string, number>;
	/** Seconds since the epoch of the `probe_success` sample. */
	scrapedAt?: number;
}

/** `probe` → location (`''` without `status.locations`) → reading, from the two instant queries. */
export type Readings = Map<string, Map<string, Reading>>;

/**
 * Groups the answers of the readings query (`{__name__=~"probe_success|…"}`) and of
 * `timestamp(probe_success{…})` by probe and location. Series of a location the config does not
 * list are left out, as the alerting rules leave them out.
 */
export function groupReadings(
	values: InstantSeries[],
	times: InstantSeries[],
	rule: LocationRule,
): Readings {
	const readings: Readings = new Map();
	const listed = new Set(rule.locations);
	const at = (metric: Record<string, string>): Reading | undefined => {
		const probe = metric['probe'];
		const location = rule.locations.length > 0 ? metric['location'] : '';
		if (
			probe === undefined ||
			location === undefined ||
			(rule.locations.length > 0 && !listed.has(location))
		)
			return undefined;
		const byLocation = readings.get(probe) ?? new Map<string, Reading>();
		readings.set(probe, byLocation);
		const reading = byLocation.get(location) ?? { values: new Map() };
		byLocation.set(location, reading);
		return reading;
	};
	for (const series of values) {
		const name = series.metric['__name__'];
		const reading = at(series.metric);
		if (!reading || name === undefined || Number.isNaN(series.value)) continue;
		const before = reading.values.get(name);
		reading.values.set(name, before === undefined ? series.value : Math.min(before, series.value));
	}
	for (const series of times) {
		const reading = at(series.metric);
		// The oldest replica's sample: "checked at" never claims more than every copy holds.
		if (reading && !Number.isNaN(series.value))
			reading.scrapedAt = Math.min(reading.scrapedAt ?? Infinity, series.value);
	}
	return readings;
}

/** What blackbox_exporter measured from one location, as an observation for the probe's conditions. */
function observe(
	probe: LocatedProbe,
	reading: Reading | undefined,
	where: string,
	prometheusUrl: string,
	asOfMs: number,
): Observation {
	const success = reading?.values.get('probe_success');
	if (success === undefined)
		return {
			connected: false,
			responseTimeMs: null,
			unknownReason: `No \`probe_success\` for probe \`${probe.id}\`${where} in Prometheus at ${prometheusUrl}: not exported, not scraped yet, or its blackbox_exporter is gone`,
		};
	const duration = reading?.values.get('probe_duration_seconds');
	const status = reading?.values.get('probe_http_status_code');
	const expiry = reading?.values.get('probe_ssl_earliest_cert_expiry');
	const observation: Observation = {
		connected: success === 1,
		responseTimeMs: duration === undefined ? null : Math.round(duration * 1000),
	};
	if (status !== undefined && status > 0) observation.status = status;
	// As of the moment the replicas agree on, not this replica's clock: every replica says the same.
	if (expiry !== undefined) observation.certificateExpiresInMs = expiry * 1000 - asOfMs;
	if (success !== 1)
		observation.error = `blackbox_exporter reports probe_success 0 (module waymark_${probe.id})`;
	return observation;
}

/** One probe's state now: overall (by the location rule) and per location, judged on what Prometheus holds. */
export interface ProbeNow {
	result: ProbeResult;
	/** Per location, in the config's order; absent without `status.locations`. */
	locations?: LocationStatus[];
}

/**
 * Judges every location's readings of `probe` with the conditions Prometheus gives values for
 * (`conditionsFromPrometheus`) and combines them by the rule. Without `status.locations` the one
 * location's result is the probe's, worded as before.
 */
export function judgeReadings(
	probe: LocatedProbe,
	readings: Readings,
	rule: LocationRule,
	prometheusUrl: string,
	asOfMs: number,
): ProbeNow {
	const spec = { ...probe, conditions: conditionsFromPrometheus(probe).conditions };
	const byLocation = readings.get(probe.id);
	const judgeAt = (location: string): ProbeResult => {
		const reading = byLocation?.get(location);
		const where = location ? ` from ${location}` : '';
		const checkedAt =
			reading?.scrapedAt === undefined ? new Date(asOfMs) : new Date(reading.scrapedAt * 1000);
		const result = judge(spec, observe(probe, reading, where, prometheusUrl, asOfMs), checkedAt);
		return { ...result, checkedAt: reading?.scrapedAt === undefined ? '' : result.checkedAt };
	};
	if (rule.locations.length === 0) {
		const result = judgeAt('');
		return { result: { ...result, checkedAt: result.checkedAt || new Date(asOfMs).toISOString() } };
	}
	const each = rule.locations.map((name) => ({ name, result: judgeAt(name) }));
	const state = combineStates(
		each.map((e) => e.result.state),
		rule,
	);
	const worst = [...each].sort((a, b) => stateRank[a.result.state] - stateRank[b.result.state])[0]!;
	const latencies = each.map((e) => e.result.latencyMs).filter((ms): ms is number => ms !== null);
	const checked = each
		.map((e) => e.result.checkedAt)
		.filter((at) => at !== '')
		.sort();
	return {
		result: {
			...worst.result,
			state,
			ok: state === 'up',
			message: locationsMessage(
				each.map((e) => ({ name: e.name, state: e.result.state, message: e.result.message })),
			),
			// The slowest location's time, as the sparkline shows.
			latencyMs: latencies.length > 0 ? Math.max(...latencies) : null,
			checkedAt: checked[0] ?? new Date(asOfMs).toISOString(),
		},
		locations: each.map((e) => ({
			name: e.name,
			state: e.result.state,
			message: e.result.message,
			latencyMs: e.result.latencyMs,
			checkedAt: e.result.checkedAt || null,
		})),
	};
}

/** `a`, `a and b`, `a, b and c`. */
const list = (names: string[]): string =>
	names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * The probe's reason with its locations: which say what when they disagree ("Down from eu-west,
 * up from us-east"), then the reasons of those not up, a reason shared by several said once.
 */
function locationsMessage(
	each: Array<{ name: string; state: LocationStatus['state']; message: string }>,
): string {
	const states = [...new Set(each.map((e) => e.state))].sort((a, b) => stateRank[a] - stateRank[b]);
	const head =
		states.length === 1
			? `${stateLabels[states[0]!]} from ${each.length === 1 ? each[0]!.name : `all ${each.length} locations (${list(each.map((e) => e.name))})`}`
			: states
					.map(
						(s, i) =>
							`${i === 0 ? stateLabels[s] : stateLabels[s].toLowerCase()} from ${list(each.filter((e) => e.state === s).map((e) => e.name))}`,
					)
					.join(', ');
	const reasons = new Map<string, string[]>();
	for (const e of each)
		if (e.state !== 'up') reasons.set(e.message, [...(reasons.get(e.message) ?? []), e.name]);
	const tail = [...reasons].map(([message, names]) => `${list(names)}: ${message}`).join('; ');
	return tail ? `${head}. ${tail}` : head;
}

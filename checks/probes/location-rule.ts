import type { ProbeState } from '../../core/status-snapshot.ts';

/**
 * The rule that turns a probe's states from several networks into one (`status.locations`,
 * `status.downWhen`). Written once here, in TypeScript for `waymark serve` and as PromQL for the
 * exported alerting rules and the history `serve` reads, so the page and the pager agree.
 */
export interface LocationRule {
	/** Location names, in the order the config lists them; empty: one location, no `location` label. */
	locations: string[];
	downWhen: number | 'all';
}

/** How many locations must fail for the probe to be down. */
export function failingForDown(rule: LocationRule): number {
	const count = Math.max(1, rule.locations.length);
	return rule.downWhen === 'all' ? count : Math.min(rule.downWhen, count);
}

/**
 * One state from each location's: down when at least `failingForDown` locations are down, degraded
 * when fewer are (or one is degraded), up when every location that answered is up, unknown when
 * none did. A location that is unknown counts neither way: it cannot make a probe down.
 */
export function combineStates(states: ProbeState[], rule: LocationRule): ProbeState {
	const down = states.filter((s) => s === 'down').length;
	if (down > 0 && down >= failingForDown(rule)) return 'down';
	if (down > 0 || states.includes('degraded')) return 'degraded';
	return states.includes('up') ? 'up' : 'unknown';
}

/** `eu-west|us-east`: names are letters, digits, `-` and `_` (the config refuses others), so no escaping. */
const alternatives = (names: string[]): string => names.join('|');

/** The series selector of one probe, or of every probe (`probe!=""`), restricted to the configured locations. */
export function probeSelector(rule: LocationRule, probe?: string): string {
	const id = probe === undefined ? 'probe!=""' : `probe="${probe.replace(/["\\]/g, '\\$&')}"`;
	return rule.locations.length > 0 ? `${id},location=~"${alternatives(rule.locations)}"` : id;
}

/**
 * PromQL for the alerting rules of one probe: `failing` is its per-series "this location fails"
 * expression (`probe_success{…} == 0`, or that or an expired certificate); one series per failing
 * location (replicas of Prometheus, or of a target, count once), kept by `by` plus `location`.
 */
function failingLocations(failing: string, by: string[]): string {
	return `max by (${[...by, 'location'].join(', ')}) (${failing})`;
}

/** The probe is down by the rule: one series per probe (`by` labels), value the number of failing locations. */
export function downExpression(failing: string, by: string[], rule: LocationRule): string {
	return `count by (${by.join(', ')}) (${failingLocations(failing, by)}) >= ${failingForDown(rule)}`;
}

/** Some locations fail, fewer than the rule's number: one series per failing location, with its `location` label. */
export function partlyDownExpression(failing: string, by: string[], rule: LocationRule): string {
	return `${failingLocations(failing, by)} and on (${by.join(', ')}) (count by (${by.join(', ')}) (${failingLocations(failing, by)}) < ${failingForDown(rule)})`;
}

/**
 * For the history of every probe at once, recorded by Prometheus (`recordingRules`): the number of locations whose `probe_success` is 0, per
 * probe (0 when none fails, absent when no location has a sample). `offset` reads it as it was
 * that long before, e.g. `1m`.
 */
function failingCount(rule: LocationRule, offset?: string): string {
	const selector = `probe_success{${probeSelector(rule)}}${offset ? ` offset ${offset}` : ''}`;
	return `sum by (probe) (1 - min by (probe, location) (${selector}))`;
}

/** 1 while the probe is not down by the rule, else 0: its uptime is the average. */
function notDownExpression(rule: LocationRule): string {
	return `${failingCount(rule)} < bool ${failingForDown(rule)}`;
}

/** The recorded state as a number: 0 up, 1 degraded (some locations fail), 2 down by the rule. */
function stateCodeExpression(rule: LocationRule, offset?: string): string {
	const count = failingCount(rule, offset);
	return `(${count} > bool 0) + (${count} >= bool ${failingForDown(rule)})`;
}

export const stateOfCode: Record<number, ProbeState> = { 0: 'up', 1: 'degraded', 2: 'down' };

/** The recorded state per probe: 0 up, 1 degraded, 2 down (`stateOfCode`). */
export const stateSeries = 'waymark:probe_state';
/** 1 while the probe is not down by the rule, else 0: its uptime is the average. */
export const notDownSeries = 'waymark:probe_not_down';

/**
 * The recording rules `waymark export prometheus` writes for the history `waymark serve` reads: one
 * series of each per probe, evaluated once per interval by Prometheus, whatever the number of
 * replicas, so a day of history is a scan of one series, not the rule evaluated at every step.
 */
export function recordingRules(rule: LocationRule): Array<{ record: string; expr: string }> {
	return [
		{ record: stateSeries, expr: stateCodeExpression(rule) },
		{ record: notDownSeries, expr: notDownExpression(rule) },
	];
}

import type { LocationRule } from '../checks/probes/location-rule.ts';
import { notDownSeries } from '../checks/probes/location-rule.ts';
import { judge } from '../checks/probes/outcome.ts';
import { toProbeStatus } from '../checks/probes/probe-status.ts';
import type { LocatedProbe } from '../checks/probes/types.ts';
import { queryAt, queryRange, type PrometheusClient } from '../network/prometheus-api.ts';
import type { Observation } from '../network/observation.ts';
import type { ProbeStatus, StatusSource } from '../core/status-snapshot.ts';
import {
	changedSinceQuery,
	createHistoryReader,
	readSparklines,
	sparklinePoints,
	sparklineQuery,
	type History,
} from './prometheus-history.ts';
import { blackboxMetrics, groupReadings, judgeReadings } from './prometheus-readings.ts';

export interface PrometheusFeedOptions {
	probes: LocatedProbe[];
	client: PrometheusClient;
	rule: LocationRule;
	/** `status.refresh`. */
	refreshMs: number;
	/** Uptime window, and how far back the last change is searched. @default 24 h */
	windowMs?: number;
	now?: () => number;
	/** One line when Prometheus stops or starts answering, or history cannot be read. */
	log?: (line: string) => void;
}

export interface PrometheusFeed {
	/** Asks Prometheus as of the latest refresh moment; resolves with every probe's status. Never throws. */
	refresh(): Promise<ProbeStatus[]>;
	statuses(): ProbeStatus[];
	source(): StatusSource;
	/** Refreshes on every refresh moment, telling `onUpdate` every probe's status. */
	start(onUpdate: (statuses: ProbeStatus[]) => void): void;
	stop(): void;
	/** Queries sent so far (the benchmark divides by refreshes). */
	counts(): { queries: number; refreshes: number };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Every probe's state and history read from Prometheus (`status.source: prometheus`), for all
 * probes in a few queries per refresh, whatever the number of readers: the readings and their
 * times (instant), the sparkline (range), the change in the current history step (instant), and
 * once per history step (a minute, or the refresh when longer) uptime and the last change over the
 * window. Each is asked as of a moment every replica computes alike: a multiple of the refresh,
 * far enough back that every scrape before it is stored, so replicas show the same numbers.
 * Prometheus not answering keeps the last known state, marked stale; it never becomes down.
 */
export function createPrometheusFeed(options: PrometheusFeedOptions): PrometheusFeed {
	const { probes, client, rule } = options;
	const now = options.now ?? Date.now;
	const refreshMs = options.refreshMs;
	const historyStepMs = refreshMs >= 60_000 ? refreshMs : Math.ceil(60_000 / refreshMs) * refreshMs;
	const windowMs = Math.max(
		historyStepMs,
		Math.floor((options.windowMs ?? 86_400_000) / historyStepMs) * historyStepMs,
	);
	const exported = probes.filter((p) => p.kind !== 'prometheus');
	const queries = probes.filter((p) => p.kind === 'prometheus');
	// A scrape is stored when it ends, stamped when it began: wait out the longest one (blackbox stops at the probe's timeout).
	const settleMs = Math.min(
		60_000,
		Math.max(0, ...exported.map((p) => Math.min(p.timeoutMs, p.intervalMs))) + 1000,
	);
	const sparkStepMs = Math.max(
		refreshMs,
		Math.min(...exported.map((p) => p.intervalMs), 86_400_000),
	);
	const asOf = (): number => Math.floor((now() - settleMs) / refreshMs) * refreshMs;
	const sparkEnd = (at: number): number => Math.floor(at / sparkStepMs) * sparkStepMs;
	const url = client.endpoint.url;

	const current = new Map<string, ProbeStatus>(
		probes.map((p) => [
			p.id,
			{ ...toProbeStatus(p), message: 'Waiting for the first answer from Prometheus' },
		]),
	);
	let lastGood: number | undefined;
	let failure: string | undefined;
	let history: History | undefined;
	let historyFailed = false;
	let unrecorded = false;
	let sparklines: { end: number; points: Map<string, number[]> } | undefined;
	let sent = 0;
	let refreshes = 0;
	let busy: Promise<ProbeStatus[]> | undefined;
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;

	const instant = (query: string, at: number) => (sent++, queryAt(client, query, at / 1000));
	const range = (query: string, start: number, end: number, step: number) => (
		sent++,
		queryRange(client, query, { start: start / 1000, end: end / 1000, step: step / 1000 })
	);

	const historyReader = createHistoryReader({ instant, range }, windowMs, historyStepMs);

	/** A `prometheus` probe: its own query, as of the same moment. */
	async function observeQuery(probe: LocatedProbe, at: number): Promise<Observation> {
		const answer = await instant(probe.target, at);
		if (!answer.ok)
			return {
				connected: false,
				responseTimeMs: null,
				unknownReason: `Not checked: Prometheus at ${url} did not answer (${answer.reason})`,
			};
		if (answer.series.length !== 1)
			return {
				connected: true,
				responseTimeMs: null,
				unknownReason:
					answer.series.length === 0
						? `No series for \`${probe.target}\` in Prometheus: not scraped yet, or its exporter is gone`
						: `\`${probe.target}\` returned ${answer.series.length} series, expected one; narrow the query with labels or aggregate it`,
			};
		return { connected: true, responseTimeMs: null, value: answer.series[0]!.value };
	}

	function markStale(reason: string): void {
		if (failure === undefined)
			options.log?.(
				`status: Prometheus at ${url} did not answer (${reason}); ${lastGood === undefined ? 'probes stay unknown' : 'showing the last known state, marked stale'} until it does`,
			);
		failure = reason;
		for (const probe of probes) {
			const status = current.get(probe.id)!;
			if (lastGood === undefined)
				current.set(probe.id, {
					...status,
					state: 'unknown',
					message: `Not checked: Prometheus at ${url} did not answer (${reason})`,
				});
			else current.set(probe.id, { ...status, staleSince: iso(lastGood) });
		}
	}

	async function run(): Promise<ProbeStatus[]> {
		refreshes++;
		const at = asOf();
		const historyAt = Math.floor(at / historyStepMs) * historyStepMs;
		const spark = sparkEnd(at);
		const [values, times, sparkAnswer, recent, freshHistory, queried] = await Promise.all([
			// Only the labels read, so the answers for 1,000 probes in 3 locations stay a few hundred KiB;
			// by name alone, as a label matcher (`probe!=""`) would match every series blackbox writes.
			// Probes and locations the config does not list are left out here (`groupReadings`).
			instant(
				`min by (__name__, probe, location) ({__name__=~"${blackboxMetrics.join('|')}"})`,
				at,
			),
			instant('min by (probe, location) (timestamp(probe_success))', at),
			// On the sparkline's own step: its points move, and it is asked, once a step, not every refresh.
			sparklines?.end === spark
				? Promise.resolve(undefined)
				: range(
						sparklineQuery(rule),
						spark - (sparklinePoints - 1) * sparkStepMs,
						spark,
						sparkStepMs,
					),
			at > historyAt ? instant(changedSinceQuery(at - historyAt), at) : Promise.resolve(undefined),
			history?.at === historyAt ? Promise.resolve(history) : historyReader.read(historyAt),
			Promise.all(queries.map(async (p) => [p, await observeQuery(p, at)] as const)),
		]);
		if (!values.ok || !times.ok) {
			markStale(values.ok ? (times.ok ? '' : times.reason) : values.reason);
			return [...current.values()];
		}
		if (failure !== undefined && lastGood !== undefined)
			options.log?.(`status: Prometheus at ${url} answers again`);
		failure = undefined;
		lastGood = at;
		// Told only while the states are read: history too large or too slow to answer, not Prometheus gone.
		if ('failed' in freshHistory) {
			if (!historyFailed)
				options.log?.(
					`status: history from Prometheus at ${url} not read (${freshHistory.failed}); states stay current, uptime and last change wait for the next answer`,
				);
			historyFailed = true;
		} else {
			if (historyFailed) options.log?.(`status: history from Prometheus at ${url} read again`);
			historyFailed = false;
			history = freshHistory;
			const missing = history.uptimes.size === 0 && values.series.length > 0;
			if (missing && !unrecorded)
				options.log?.(
					`status: no \`${notDownSeries}\` series in Prometheus at ${url}: load the waymark-rules.yml that \`waymark export prometheus\` writes; until then the pages show no uptime or last change`,
				);
			unrecorded = missing;
		}
		if (sparkAnswer?.ok) sparklines = { end: spark, points: readSparklines(sparkAnswer.series) };
		const changedNow = new Map<string, number>();
		if (recent?.ok)
			for (const s of recent.series)
				if (s.metric['probe'] !== undefined) changedNow.set(s.metric['probe'], historyAt);
		const readings = groupReadings(values.series, times.series, rule);
		for (const probe of exported) {
			const { result, locations } = judgeReadings(probe, readings, rule, url, at);
			// A change point at t says the state changed after t minus a step: given as the start of that step.
			const point = history?.changes.get(probe.id);
			const changedAt = changedNow.has(probe.id)
				? historyAt
				: point
					? point.at - historyStepMs
					: undefined;
			const held = changedAt === undefined && history?.uptimes.has(probe.id);
			current.set(probe.id, {
				...toProbeStatus(probe, result),
				lastChange:
					changedAt !== undefined
						? iso(changedAt)
						: held && history
							? iso(history.at - windowMs)
							: null,
				...(held && { lastChangeBefore: true }),
				uptime: history?.uptimes.get(probe.id) ?? null,
				latencies: sparklines?.points.get(probe.id) ?? [],
				...(locations && { locations }),
			});
		}
		for (const [probe, observation] of queried) {
			const result = judge(probe, observation, new Date(at));
			// A query probe has no blackbox series to read a history from: its state only.
			current.set(probe.id, {
				...toProbeStatus(probe, result),
				lastChange: null,
				uptime: null,
				latencies: [],
			});
		}
		return [...current.values()];
	}

	const refresh = (): Promise<ProbeStatus[]> => {
		busy ??= run().finally(() => (busy = undefined));
		return busy;
	};

	return {
		refresh,
		statuses: () => [...current.values()],
		source: () => ({
			kind: 'prometheus',
			asOf: lastGood === undefined ? null : iso(lastGood),
			staleSince: failure === undefined ? null : lastGood === undefined ? null : iso(lastGood),
			...(failure !== undefined && { reason: failure }),
		}),
		start(onUpdate) {
			const tick = async (): Promise<void> => {
				const after = await refresh();
				if (stopped) return;
				onUpdate(after);
				// The next moment every replica reads, once its scrapes are stored.
				timer = setTimeout(
					() => void tick(),
					Math.max(1000, asOf() + refreshMs + settleMs - now()),
				);
				timer.unref?.();
			};
			void tick();
		},
		stop() {
			stopped = true;
			clearTimeout(timer);
		},
		counts: () => ({ queries: sent, refreshes }),
	};
}

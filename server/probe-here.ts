import type { ProbeIo } from '../checks/probes/probe-one.ts';
import { runProbe } from '../checks/probes/probe-one.ts';
import { toProbeStatus } from '../checks/probes/probe-status.ts';
import type { LocatedProbe, ProbeResult } from '../checks/probes/types.ts';
import type { ProbeStatus } from '../core/status-snapshot.ts';
import type { HistoryStore } from './history-store.ts';
import { startScheduler, type Scheduler } from './scheduler.ts';

/** `status.source: probes`: this process runs every probe and keeps their history. */
export interface Probing {
	io: ProbeIo;
	store: HistoryStore;
	concurrency: number;
	/** Uptime window. @default 24 h */
	windowMs?: number;
}

/** Where a source of states puts them: the API's current states and its event stream. */
export interface StatusSink {
	current: Map<string, ProbeStatus>;
	/** The state changed: the stream's greeting must be encoded again. */
	changed(): void;
	broadcast(event: string, data: unknown): void;
	/** One line per state change; never receives header values (messages are scrubbed). */
	log?: (line: string) => void;
}

export interface RunningSource {
	scheduler: Scheduler | undefined;
	/** Runs one probe now (or reads it again) and publishes its state. */
	check(id: string): Promise<ProbeStatus | undefined>;
	close(): void;
}

const latencyPoints = 40;

/**
 * Runs each probe on its interval (`scheduler.ts`), records every result in the history store and
 * publishes it as a `probe` event, with uptime over the window and the recent latencies. `schedule`
 * false: runs only on `check`.
 */
export function probeHere(
	probes: LocatedProbe[],
	probing: Probing,
	sink: StatusSink,
	schedule: boolean,
): RunningSource {
	const { store, io } = probing;
	const windowMs = probing.windowMs ?? 86_400_000;
	// Uptime is an SQL aggregate over the window: refresh it at most once a minute per probe (and on
	// a state change), and keep recent latencies in memory, so a result costs an INSERT, not two scans.
	const history = new Map<string, { uptime: number | null; at: number; latencies: number[] }>();
	function withHistory(
		probe: LocatedProbe,
		result: ProbeResult,
		lastChange: string,
		fresh: boolean,
	): ProbeStatus {
		const now = Date.now();
		let cached = history.get(probe.id);
		if (!cached) {
			cached = {
				uptime: store.uptime(probe.id, now - windowMs),
				at: now,
				latencies: store.latencies(probe.id, latencyPoints),
			};
			history.set(probe.id, cached);
		} else {
			if (fresh && result.latencyMs !== null)
				cached.latencies = [...cached.latencies.slice(1 - latencyPoints), result.latencyMs];
			if (now - cached.at > 60_000)
				Object.assign(cached, { uptime: store.uptime(probe.id, now - windowMs), at: now });
		}
		return {
			...toProbeStatus(probe, { ...result, file: probe.file, line: probe.line }),
			lastChange,
			uptime: cached.uptime,
			latencies: cached.latencies,
		};
	}
	for (const probe of probes) {
		const last = store.latest(probe.id);
		sink.current.set(
			probe.id,
			last
				? withHistory(probe, last, last.lastChange, false)
				: { ...toProbeStatus(probe), message: 'Waiting for the first check' },
		);
	}
	const publish = (probe: LocatedProbe, result: ProbeResult): ProbeStatus => {
		const previous = sink.current.get(probe.id)?.state;
		const lastChange = store.record(result);
		// A state change refreshes uptime at once; otherwise it may lag by up to a minute.
		if (previous !== result.state) history.delete(probe.id);
		const status = withHistory(probe, result, lastChange, true);
		sink.current.set(probe.id, status);
		sink.changed();
		sink.broadcast('probe', status);
		if (previous !== status.state)
			sink.log?.(`probe ${probe.id}: ${status.state} (${status.message})`);
		return status;
	};
	const scheduler = !schedule
		? undefined
		: startScheduler(probes, {
				run: (p) => runProbe(p, io),
				onResult: publish,
				concurrency: probing.concurrency,
			});
	return {
		scheduler,
		async check(id) {
			const probe = probes.find((p) => p.id === id);
			return probe ? publish(probe, await runProbe(probe, io)) : undefined;
		},
		close: () => scheduler?.stop(),
	};
}

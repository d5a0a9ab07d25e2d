import type { LiveProbe, ProbeChange } from '../src/components/status/live-feed.ts';
import type { ProbeStatus } from '../core/status-snapshot.ts';
import type { RunningSource, StatusSink } from './probe-here.ts';
import type { PrometheusFeed } from './prometheus-feed.ts';

/**
 * What a widget paints of a probe (`LiveProbe`): an event carries this, and `status.json` the rest
 * (names, targets, pages, each location's reason), which a refresh never changes.
 */
function painted(status: ProbeStatus): LiveProbe {
	return {
		id: status.id,
		state: status.state,
		message: status.message,
		latencyMs: status.latencyMs,
		checkedAt: status.checkedAt,
		lastChange: status.lastChange,
		uptime: status.uptime,
		latencies: status.latencies,
		intervalMs: status.intervalMs,
		...(status.lastChangeBefore && { lastChangeBefore: true }),
		...(status.locations && {
			locations: status.locations.map((l) => ({ name: l.name, state: l.state })),
		}),
		...(status.staleSince && { staleSince: status.staleSince }),
	};
}

/** The painted fields that differ, with the probe's id; one no longer set is null. Undefined when none does. */
function change(before: LiveProbe, after: LiveProbe): ProbeChange | undefined {
	const diff: Record<string, unknown> = {};
	for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<
		keyof LiveProbe
	>)
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = after[key] ?? null;
	return Object.keys(diff).length > 0 ? { ...diff, id: after.id } : undefined;
}

/**
 * Publishes a feed through the status API: every refresh's changes as one `probes` event, one
 * frame per stream whatever the number of probes, with the painted fields that changed of each
 * probe (a routine refresh changes the time of the check, the latency and, once an interval, the
 * sparkline: a few hundred bytes for a probe, not its whole status). `schedule` false: refreshed
 * only by `check`.
 */
export function readFeed(feed: PrometheusFeed, sink: StatusSink, schedule: boolean): RunningSource {
	const publish = (statuses: ProbeStatus[]): void => {
		const changed: ProbeChange[] = [];
		for (const status of statuses) {
			const previous = sink.current.get(status.id);
			sink.current.set(status.id, status);
			const diff = previous ? change(painted(previous), painted(status)) : painted(status);
			if (diff) changed.push(diff);
			if (previous?.state !== status.state)
				sink.log?.(`probe ${status.id}: ${status.state} (${status.message})`);
		}
		sink.changed();
		if (changed.length > 0) sink.broadcast('probes', changed);
	};
	for (const status of feed.statuses()) sink.current.set(status.id, status);
	if (schedule) feed.start(publish);
	return {
		scheduler: undefined,
		async check(id) {
			publish(await feed.refresh());
			return sink.current.get(id);
		},
		close: () => feed.stop(),
	};
}

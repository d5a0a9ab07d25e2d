import type { LiveProbe } from '../src/components/status/live-feed.ts';
import type { ProbeStatus } from '../src/lib/status-snapshot.ts';
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
		...(status.locations && { locations: status.locations.map((l) => ({ name: l.name, state: l.state })) }),
		...(status.staleSince && { staleSince: status.staleSince }),
	};
}

/**
 * Publishes a feed through the status API: every refresh's changes as one `probes` event, one
 * frame per stream whatever the number of probes, with what widgets paint of each probe whose
 * painted words or numbers changed. `schedule` false: refreshed only by `check`.
 */
export function readFeed(feed: PrometheusFeed, sink: StatusSink, schedule: boolean): RunningSource {
	const publish = (statuses: ProbeStatus[]): void => {
		const changed: LiveProbe[] = [];
		for (const status of statuses) {
			const previous = sink.current.get(status.id);
			sink.current.set(status.id, status);
			const next = painted(status);
			if (!previous || JSON.stringify(painted(previous)) !== JSON.stringify(next)) changed.push(next);
			if (previous?.state !== status.state) sink.log?.(`probe ${status.id}: ${status.state} (${status.message})`);
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

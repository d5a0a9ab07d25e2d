import type { ProbeStatus } from '../../core/status-snapshot.ts';
import { publicTarget } from './outcome.ts';
import type { LocatedProbe, ProbeResult } from './types.ts';

/** What readers see before a probe's first run: words for them, never instructions for authors (those go to the build log). */
const notCheckedMessage = 'Not checked yet';

export function toProbeStatus(probe: LocatedProbe, result?: ProbeResult): ProbeStatus {
	return {
		id: probe.id,
		name: probe.name ?? probe.id,
		kind: probe.kind,
		target: publicTarget(probe),
		file: probe.file,
		line: probe.line,
		route: probe.route,
		pageTitle: probe.pageTitle,
		intervalMs: probe.intervalMs,
		state: result?.state ?? 'unknown',
		message: result?.message ?? notCheckedMessage,
		latencyMs: result?.latencyMs ?? null,
		observed: result?.observed ?? {},
		checkedAt: result?.checkedAt ?? null,
		lastChange: result?.checkedAt ?? null,
		uptime: result ? (result.state === 'up' ? 100 : 0) : null,
		latencies: result?.latencyMs != null ? [result.latencyMs] : [],
	};
}

export const snapshotPath = '_waymark/status.json';

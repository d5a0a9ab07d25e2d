import pLimit from 'p-limit';
import type { LocatedProbe, ProbeResult } from '../checks/probes/types.ts';

export interface SchedulerOptions {
	run(probe: LocatedProbe): Promise<ProbeResult>;
	onResult(probe: LocatedProbe, result: ProbeResult): void;
	/** Probes in flight at once, across the site. */
	concurrency: number;
	/** Spread of each wait around the interval, 0–1. @default 0.1 */
	jitter?: number;
	/** First runs are spread over this window so a restart does not fire everything at once. @default 5000 */
	startSpreadMs?: number;
	random?: () => number;
}

export interface Scheduler {
	stop(): void;
	/** Milliseconds between when each run was due and when it started (timer delay + queueing). */
	lags: number[];
}

const maxTimerMs = 2_147_483_647;

/** Runs each probe on its own interval, with jitter, at most `concurrency` at a time. */
export function startScheduler(probes: LocatedProbe[], options: SchedulerOptions): Scheduler {
	const limit = pLimit(options.concurrency);
	const random = options.random ?? Math.random;
	const jitter = options.jitter ?? 0.1;
	const timers = new Map<string, NodeJS.Timeout>();
	const lags: number[] = [];
	let stopped = false;
	const schedule = (probe: LocatedProbe, wanted: number): void => {
		// Node fires a timeout beyond 2^31-1 ms at once: clamp, so a bad interval can never spin.
		const delay = Math.min(Math.max(wanted, 0), maxTimerMs);
		const due = performance.now() + delay;
		const timer = setTimeout(() => {
			void limit(async () => {
				if (stopped) return;
				if (lags.length >= 100_000) lags.splice(0, 50_000);
				lags.push(performance.now() - due);
				const result = await options.run(probe);
				if (!stopped) options.onResult(probe, result);
			}).finally(() => {
				if (!stopped) schedule(probe, probe.intervalMs * (1 - jitter + 2 * jitter * random()));
			});
		}, delay);
		timer.unref?.();
		timers.set(probe.id, timer);
	};
	for (const probe of probes)
		schedule(probe, random() * Math.min(options.startSpreadMs ?? 5000, probe.intervalMs));
	return {
		lags,
		stop() {
			stopped = true;
			for (const timer of timers.values()) clearTimeout(timer);
			limit.clearQueue();
		},
	};
}

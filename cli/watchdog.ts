import { RunStalled, raise, type WaymarkError } from '../core/errors.ts';
import type { Progress } from '../core/progress.ts';

/** Where a run stands: the steps open now, and the last piece of work done. */
export interface RunState {
	/** Open steps, oldest first. */
	open: string[];
	last?: string;
}

export interface Watchdog {
	/** Hand this to the pipeline; every call counts as progress. */
	progress: Progress;
	/** Rejects with `RunStalled` once `timeoutMs` pass without progress; never resolves. */
	stalled: Promise<never>;
	/** Where the run stands, for an internal error's message. */
	state(): RunState;
	stop(): void;
}

/**
 * Watches a run for progress. The run feeds `progress`; when nothing is reported for `timeoutMs`,
 * `stalled` rejects with an error naming the open steps and the last piece of work done. A run
 * stuck in a computation that never yields is not seen: only a wait can stall this way.
 */
export function startWatchdog(timeoutMs: number, now: () => number = Date.now): Watchdog {
	const open = new Map<number, string>();
	let nextId = 0;
	let last: string | undefined;
	let lastAt = now();
	let reject: (error: WaymarkError) => void = () => undefined;
	const stalled = new Promise<never>((_, fail) => {
		reject = fail;
	});
	// The rejection is read by whoever races it; a run that ends first never looks.
	stalled.catch(() => undefined);
	const state = (): RunState => ({ open: [...open.values()], ...(last !== undefined && { last }) });
	const timer = setInterval(() => {
		if (now() - lastAt < timeoutMs) return;
		clearInterval(timer);
		const { open: steps } = state();
		reject(raise(RunStalled, Math.round(timeoutMs / 1000), steps.length > 0 ? steps.join('; ') : 'finishing the run', last));
	}, Math.min(1000, Math.max(50, timeoutMs / 10)));
	const progress: Progress = {
		begin(what) {
			const id = nextId++;
			open.set(id, what);
			lastAt = now();
			return () => {
				if (!open.delete(id)) return;
				last = what;
				lastAt = now();
			};
		},
		tick(detail) {
			if (detail !== undefined) last = detail;
			lastAt = now();
		},
	};
	return { progress, stalled, state, stop: () => clearInterval(timer) };
}

/** `work` under a watchdog: its result, or `RunStalled` when it stops making progress. */
export async function watched<T>(watchdog: Watchdog, work: Promise<T>): Promise<T> {
	return Promise.race([work, watchdog.stalled]);
}

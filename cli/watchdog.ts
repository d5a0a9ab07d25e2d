import { closeSync, writeSync } from 'node:fs';
import { isMainThread, Worker } from 'node:worker_threads';
import { readEnvironment } from '../core/environment.ts';
import { RunStalled, raise, type WaymarkError } from '../core/errors.ts';
import type { Progress } from '../core/progress.ts';
import { watchdogSource, type StallWorkerData } from './stall-worker.ts';

/** Where a run stands: the steps open now, and the last piece of work done. */
export interface RunState {
	/** Open steps, oldest first. */
	open: string[];
	last?: string;
}

export interface Watchdog {
	/** Hand this to the pipeline; every call counts as progress. */
	progress: Progress;
	/** Rejects with `RunStalled` once `timeoutMs` pass without progress while the run waits; never resolves. */
	stalled: Promise<never>;
	/** Where the run stands, for an internal error's message. */
	state(): RunState;
	stop(): void;
}

/**
 * Watches a run for progress: `timeoutMs` is the budget of each piece of work, from one report of
 * progress to the next. The run feeds `progress`; when nothing is reported for `timeoutMs` while
 * the run waits (a browser, the network), `stalled` rejects with an error naming the open steps and
 * the last piece of work done, and the command ends as it does on any error. A step that keeps
 * computing instead (a backtracking regex, a loop that never yields) cannot see a timer: a worker
 * thread sees the progress count stand still, interrupts the main thread wherever it is (V8
 * interrupts, asked through the inspector), prints the same `RunStalled` and exits with 2
 * (`stall-worker.ts`). Under a debugger (`--inspect`), where a breakpoint stops progress on
 * purpose, only waits are watched.
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
	const stalledError = (): WaymarkError => {
		const { open: steps } = state();
		return raise(
			RunStalled,
			Math.round(timeoutMs / 1000),
			steps.length > 0 ? steps.join('; ') : 'finishing the run',
			last,
		);
	};
	const interval = Math.min(1000, Math.max(50, timeoutMs / 10));
	// The timer reports a wait first, and stops the guard; the guard acts only when the timer cannot run.
	const guard = startComputeGuard(timeoutMs + Math.max(1000, 2 * interval), stalledError);
	const timer = setInterval(() => {
		if (now() - lastAt < timeoutMs) return;
		clearInterval(timer);
		guard?.stop();
		reject(stalledError());
	}, interval);
	const progress: Progress = {
		begin(what) {
			const id = nextId++;
			open.set(id, what);
			lastAt = now();
			guard?.moved(true);
			return () => {
				if (!open.delete(id)) return;
				last = what;
				lastAt = now();
				guard?.moved(true);
			};
		},
		tick(detail) {
			if (detail !== undefined) last = detail;
			lastAt = now();
			guard?.moved(false);
		},
	};
	return {
		progress,
		stalled,
		state,
		stop: () => {
			clearInterval(timer);
			guard?.stop();
		},
	};
}

/** `work` under a watchdog: its result, or `RunStalled` when it stops making progress. */
export async function watched<T>(watchdog: Watchdog, work: Promise<T>): Promise<T> {
	return Promise.race([work, watchdog.stalled]);
}

/** True when the inspector is open (`--inspect`, `--inspect-brk`); a Node built without one has no debugger. */
function underDebugger(): boolean {
	return (
		process.features.inspector && process.getBuiltinModule('node:inspector').url() !== undefined
	);
}

interface ComputeGuard {
	/** Progress was made; `stepsChanged` when a step opened or closed (the fallback message follows them). */
	moved(stepsChanged: boolean): void;
	stop(): void;
}

/**
 * The worker that ends a run whose main thread stops making progress for `budgetMs` while busy
 * (`stall-worker.ts`); `undefined` where it cannot work or must not: off the main thread (the
 * inspector interrupts the process's main thread only) and under a debugger.
 */
function startComputeGuard(
	budgetMs: number,
	stalledError: () => WaymarkError,
): ComputeGuard | undefined {
	if (!isMainThread || underDebugger()) return undefined;
	const shared = new SharedArrayBuffer(8);
	const slots = new Int32Array(shared);
	const report = `__waymarkRunStalled${Math.random().toString(36).slice(2)}`;
	const text = (): string => {
		const error = stalledError();
		return `${error.message}\n${error.hint ? `Hint: ${error.hint}\n` : ''}`;
	};
	// Run by the worker's interrupt, on this thread, wherever it stands.
	Object.defineProperty(globalThis, report, {
		configurable: true,
		value: () => {
			writeSync(2, text());
			// Where the main thread was computing, as printError shows an internal error's stack.
			if (readEnvironment(process.env).debug)
				writeSync(2, `${new Error('The main thread was here').stack ?? ''}\n`);
			// Open, stderr would take Node's "Waiting for the debugger to disconnect..." as the process ends.
			closeSync(2);
			(process as unknown as { reallyExit(code: number): never }).reallyExit(2);
		},
	});
	const data: StallWorkerData = {
		shared,
		report,
		budgetMs,
		fallback: { afterMs: 3000, message: text() },
	};
	const worker = new Worker(watchdogSource, { eval: true, workerData: data });
	worker.unref();
	// A worker that cannot start leaves the run to the timer: it never becomes the run's error, and
	// `DEBUG=waymark` says why, since the run is then watched for waiting only.
	worker.on('error', (error) => {
		if (readEnvironment(process.env).debug)
			writeSync(
				2,
				`waymark: the watchdog's thread stopped (${String(error)}); a run that keeps computing is no longer stopped\n`,
			);
	});
	return {
		moved(stepsChanged) {
			Atomics.add(slots, 0, 1);
			if (stepsChanged) worker.postMessage(text());
		},
		stop() {
			if (Atomics.exchange(slots, 1, 1) !== 0) return;
			Atomics.notify(slots, 1);
			Reflect.deleteProperty(globalThis, report);
		},
	};
}

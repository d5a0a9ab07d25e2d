import { trimHeapWhenGrown } from '../core/heap-trim.ts';
import { deferOptimizingCompiler } from '../core/optimizing-compiler.ts';
import type { Progress } from '../core/progress.ts';
import { exitCodes, printError } from './commands/shared.ts';
import type { Terminal } from './terminal.ts';
import { startWatchdog, watched, type Watchdog } from './watchdog.ts';

/** What a guarded command is handed. */
export interface Guard {
	/** Starts the watchdog with this budget per piece of work; gives the progress to hand the pipeline. */
	watch(timeoutMs: number): Progress;
	/** `work` under the watchdog: rejects with `RunStalled` once it stops making progress. */
	watched<T>(work: Promise<T>): Promise<T>;
}

/**
 * The guards every long command (`build`, `check`) runs under, in one place: the heap trimmed when
 * it grows, V8's optimizing compiler deferred until the run has done `work` pieces of work
 * (`core/optimizing-compiler.ts`), and a watchdog once the config says its budget. An error that
 * escapes is printed (with the steps open when the watchdog saw it) and the command exits with 2.
 */
export async function guardedRun(terminal: Terminal, options: { work?: number }, run: (guard: Guard) => Promise<number>): Promise<number> {
	let watchdog: Watchdog | undefined;
	const stopTrimming = trimHeapWhenGrown();
	const compiler = deferOptimizingCompiler({ nodeOptions: terminal.environment.variables['NODE_OPTIONS'], ...(options.work !== undefined && { work: options.work }) });
	const guard: Guard = {
		watch(timeoutMs) {
			watchdog = startWatchdog(timeoutMs);
			return compiler.counting(watchdog.progress);
		},
		watched: (work) => (watchdog ? watched(watchdog, work) : work),
	};
	try {
		return await run(guard);
	} catch (error) {
		printError(terminal, error, watchdog?.state());
		return exitCodes.usage;
	} finally {
		watchdog?.stop();
		stopTrimming();
		compiler.turnOn();
	}
}

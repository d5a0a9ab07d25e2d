import { trimHeapWhenGrown } from '../core/heap-trim.ts';
import { deferOptimizingCompiler } from '../core/optimizing-compiler.ts';
import type { Progress } from '../core/progress.ts';
import { exitCodes, printError } from './commands/shared.ts';
import { showSlowSteps } from './slow-steps.ts';
import type { Terminal } from './terminal.ts';
import { startWatchdog, watched, type Watchdog } from './watchdog.ts';

/** How a guarded command's steps over two seconds are shown (`slow-steps.ts`), on its stderr. */
interface SlowStepsDisplay {
	/** One line redrawn in place when stderr is a terminal outside CI; else (and always when false) a line now and then, beside a log of its own such as Astro's. */
	redraw: boolean;
	/** Steps that show their own progress (the link checker's bar). */
	ownDisplay?: readonly string[];
}

/** What a guarded command is handed. */
export interface Guard {
	/**
	 * Starts the watchdog with this budget per piece of work; gives the progress to hand the
	 * pipeline. With `slowSteps`, every step over two seconds says what it is doing, unless
	 * `WAYMARK_SILENT`.
	 */
	watch(timeoutMs: number, options?: { slowSteps?: SlowStepsDisplay }): Progress;
	/** `work` under the watchdog: rejects with `RunStalled` once it stops making progress. */
	watched<T>(work: Promise<T>): Promise<T>;
}

/**
 * The guards every long command (`build`, `check`) runs under, in one place: the heap trimmed when
 * it grows, V8's optimizing compiler deferred until the run has done `work` pieces of work
 * (`core/optimizing-compiler.ts`), and a watchdog once the config says its budget, with the steps
 * over two seconds shown on stderr when the command asks (`slow-steps.ts`). An error that
 * escapes is printed (with the steps open when the watchdog saw it) and the command exits with 2.
 */
export async function guardedRun(
	terminal: Terminal,
	options: { work?: number },
	run: (guard: Guard) => Promise<number>,
): Promise<number> {
	let watchdog: Watchdog | undefined;
	let shown: ReturnType<typeof showSlowSteps> | undefined;
	const { environment, stderr } = terminal;
	const stopTrimming = trimHeapWhenGrown();
	const compiler = deferOptimizingCompiler({
		nodeOptions: environment.variables['NODE_OPTIONS'],
		...(options.work !== undefined && { work: options.work }),
	});
	const guard: Guard = {
		watch(timeoutMs, { slowSteps } = {}) {
			watchdog = startWatchdog(timeoutMs);
			const progress = compiler.counting(watchdog.progress);
			if (!slowSteps || environment.silent) return progress;
			shown = showSlowSteps(progress, stderr, {
				redraw: slowSteps.redraw && stderr.isTTY === true && !environment.ci,
				...(slowSteps.ownDisplay && { ownDisplay: slowSteps.ownDisplay }),
			});
			return shown.progress;
		},
		watched: (work) => (watchdog ? watched(watchdog, work) : work),
	};
	try {
		return await run(guard);
	} catch (error) {
		// The line a step drew goes before the error is printed in its place.
		shown?.stop();
		printError(terminal, error, watchdog?.state());
		return exitCodes.usage;
	} finally {
		shown?.stop();
		watchdog?.stop();
		stopTrimming();
		compiler.turnOn();
	}
}

import { setFlagsFromString } from 'node:v8';
import type { Progress } from './progress.ts';

/**
 * How much work a build does without V8's optimizing compiler (TurboFan): pieces of work as it
 * reports them to its watchdog (`Progress.tick`: a page read, parsed or rendered, a module
 * bundled, an asset copied), about five per page, so about 1,600 pages (`checkWork` for `check`). Optimized code is an investment: V8
 * compiles a function that became hot on a background thread, and the time that takes is repaid
 * only by the calls that follow. A `waymark build` of a few hundred pages ends before it is
 * repaid: its 570 TurboFan compilations took 0.9 s of CPU, and without them the 500-page
 * benchmark build took 0.4–0.8 s less CPU and no more wall time (1.1 s less at 1,000 pages). A
 * long run gets TurboFan part way: at 3,000 pages, leaving it out all along cost 1.2 s of wall
 * time (`bench/HISTORY.md`, `## build`, "The optimizing compiler").
 *
 * Counted in work, not time: the same tree is then built the same way on every machine. A delay
 * of 6 s did that on a fast machine, where the 500-page build takes 4.4 s; on one 2.5 times slower
 * TurboFan came on in the middle of the same build and cost it 1.7 s of CPU (2026-11-27). A
 * one-page edit of a 3,000-page tree (6,000 pieces of reading, a few of rendering) stays below.
 */
export const optimizingCompilerWork = 8000;

/**
 * The same for `check`, which reports two pieces per page (read, parsed; a link checked only with
 * `--external`): about 2,000 pages.
 */
export const checkWork = 4000;

/**
 * Time after which TurboFan comes on however little work was counted: a run that spends long on a
 * few pieces (one very large page, a slow network step) still gets optimized code.
 */
export const optimizingCompilerDelayMs = 30_000;

type SetFlags = (flags: string) => void;

/**
 * V8 flags that say how its compilers are to run. Whoever starts Node with one of them (a tier
 * turned off to work around a V8 fault, `--jitless` on a system that forbids generated code) has
 * decided: this module then changes nothing. Turning TurboFan on in a `--jitless` process crashes
 * it (a segmentation fault, tried on Node 24.21).
 */
const compilerFlags =
	/(?:^|\s)--(?:jitless|no-jit|(?:no-)?(?:opt|turbofan|maglev|sparkplug)|max-opt)(?:[=\s]|$)/;

/** Whether Node was started with a flag about V8's compilers, on its command line or in `NODE_OPTIONS`. */
export function compilersChosen(
	execArgv: readonly string[],
	nodeOptions: string | undefined,
): boolean {
	return compilerFlags.test(execArgv.join(' ')) || compilerFlags.test(nodeOptions ?? '');
}

export interface DeferOptions {
	/** `NODE_OPTIONS` as the command read it (`WaymarkEnvironment.variables`). */
	nodeOptions: string | undefined;
	/** Node's own flags. @default process.execArgv */
	execArgv?: readonly string[];
	/** @default optimizingCompilerWork */
	work?: number;
	/** @default optimizingCompilerDelayMs */
	delayMs?: number;
	/** @default v8.setFlagsFromString */
	setFlags?: SetFlags;
}

export interface DeferredCompiler {
	/** `progress` as it is, each piece of work also counted toward turning TurboFan on. */
	counting(progress: Progress): Progress;
	/** Turns TurboFan on at once (the command is done, or a test is). */
	turnOn(): void;
}

/**
 * Leaves V8's optimizing compiler off for the first `work` pieces of work of a batch command
 * (`build`, `check`), counted by the progress `counting` wraps, or its first `delayMs`, then turns
 * it on. Tiering flags are read when V8 decides to optimize a function, so changing them in a
 * running process takes effect from then on (Node's documentation warns that changing flags at
 * run time may misbehave in general: the test holds this pair to what it does, on the Node Waymark
 * runs on). Code Maglev optimizes meanwhile keeps its tier-up checks (Maglev leaves them out while
 * it is the top tier), so what became hot early still reaches TurboFan once it is on. Not for
 * `serve` or `dev`, which run for hours, and not where Node was started with a compiler flag
 * (`compilersChosen`).
 */
export function deferOptimizingCompiler({
	nodeOptions,
	execArgv = process.execArgv,
	work = optimizingCompilerWork,
	delayMs = optimizingCompilerDelayMs,
	setFlags = setFlagsFromString,
}: DeferOptions): DeferredCompiler {
	if (compilersChosen(execArgv, nodeOptions))
		return { counting: (progress) => progress, turnOn: () => undefined };
	setFlags('--force-emit-interrupt-budget-checks');
	setFlags('--no-turbofan');
	let on = false;
	let done = 0;
	const turnOn = (): void => {
		if (on) return;
		on = true;
		clearTimeout(timer);
		setFlags('--turbofan');
	};
	const timer = setTimeout(turnOn, delayMs);
	// A finished command exits: the timer never keeps it alive.
	timer.unref();
	const counting = (progress: Progress): Progress => ({
		begin: (what) => progress.begin(what),
		tick(detail) {
			progress.tick(detail);
			if (++done >= work) turnOn();
		},
	});
	return { counting, turnOn };
}

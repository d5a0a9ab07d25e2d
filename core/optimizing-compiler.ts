import { setFlagsFromString } from 'node:v8';

/**
 * How long a run goes without V8's optimizing compiler (TurboFan). Optimized code is an
 * investment: V8 compiles a function that became hot on a background thread, and the time that
 * takes is repaid only by the calls that follow. A `waymark build` of a few hundred pages ends
 * before it is repaid: its 570 TurboFan compilations took 0.9 s of CPU, and without them the
 * 500-page benchmark build took 0.4–0.8 s less CPU and no more wall time. A long run gets TurboFan
 * from this point on: at 3,000 pages, leaving it out all along cost 1.2 s of wall time, turning it
 * on after 6 s cost nothing (`bench/HISTORY.md`, `## build`, "The optimizing compiler"). Maglev,
 * V8's mid-tier compiler, works throughout.
 */
export const optimizingCompilerDelayMs = 6000;

type SetFlags = (flags: string) => void;

/**
 * V8 flags that say how its compilers are to run. Whoever starts Node with one of them (a tier
 * turned off to work around a V8 fault, `--jitless` on a system that forbids generated code) has
 * decided: this module then changes nothing. Turning TurboFan on in a `--jitless` process crashes
 * it (a segmentation fault, tried on Node 24.21).
 */
const compilerFlags = /(?:^|\s)--(?:jitless|no-jit|(?:no-)?(?:opt|turbofan|maglev|sparkplug)|max-opt)(?:[=\s]|$)/;

/** Whether Node was started with a flag about V8's compilers, on its command line or in `NODE_OPTIONS`. */
export function compilersChosen(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
	return compilerFlags.test(execArgv.join(' ')) || compilerFlags.test(nodeOptions ?? '');
}

export interface DeferOptions {
	/** `NODE_OPTIONS` as the command read it (`WaymarkEnvironment.variables`). */
	nodeOptions: string | undefined;
	/** Node's own flags. @default process.execArgv */
	execArgv?: readonly string[];
	/** @default optimizingCompilerDelayMs */
	delayMs?: number;
	/** @default v8.setFlagsFromString */
	setFlags?: SetFlags;
}

/**
 * Leaves V8's optimizing compiler off for the first `delayMs` of a batch command (`build`,
 * `check`), then turns it on. Tiering flags are read when V8 decides to optimize a function, so
 * changing them in a running process takes effect from then on (Node's documentation warns that
 * changing flags at run time may misbehave in general: the test holds this pair to what it does,
 * on the Node Waymark runs on). Code Maglev optimizes meanwhile keeps its tier-up checks (Maglev
 * leaves them out while it is the top tier), so what became hot early still reaches TurboFan once
 * it is on. Not for `serve` or `dev`, which run for hours, and not where Node was started with a
 * compiler flag (`compilersChosen`). Returns the function that turns TurboFan on at once (the
 * command is done, or a test is).
 */
export function deferOptimizingCompiler({ nodeOptions, execArgv = process.execArgv, delayMs = optimizingCompilerDelayMs, setFlags = setFlagsFromString }: DeferOptions): () => void {
	if (compilersChosen(execArgv, nodeOptions)) return () => undefined;
	setFlags('--force-emit-interrupt-budget-checks');
	setFlags('--no-turbofan');
	let on = false;
	const turnOn = (): void => {
		if (on) return;
		on = true;
		clearTimeout(timer);
		setFlags('--turbofan');
	};
	const timer = setTimeout(turnOn, delayMs);
	// A finished command exits: the timer never keeps it alive.
	timer.unref();
	return turnOn;
}

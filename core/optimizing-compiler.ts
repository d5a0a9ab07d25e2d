import { setFlagsFromString } from 'node:v8';

/**
 * How long a run goes without V8's optimizing compiler (TurboFan). Optimized code is an
 * investment: V8 compiles a function that became hot on a background thread, and the time that
 * takes is repaid only by the calls that follow. A `waymark build` of a few hundred pages ends
 * before it is repaid: its 570 TurboFan compilations took 0.9 s of CPU, and without them the
 * 500-page benchmark build took 0.5–0.6 s less CPU and no more wall time, the 1,000-page build
 * 0.4–0.7 s less. A long run gets TurboFan from this point on: at 3,000 pages, leaving it out all
 * along cost 1.2 s of wall time, turning it on after 6 s cost nothing (`bench/HISTORY.md`,
 * `## build`, "The optimizing compiler"). Maglev, V8's mid-tier compiler, works throughout.
 */
export const optimizingCompilerDelayMs = 6000;

type SetFlags = (flags: string) => void;

/**
 * Leaves V8's optimizing compiler off for the first `delayMs` of a batch command (`build`,
 * `check`), then turns it on. Tiering flags are read when V8 decides to optimize a function, so
 * changing them while the process runs takes effect from then on; what they change is how fast
 * code runs, never what it does. Not for `serve` or `dev`, which run for hours. Returns the
 * function that turns it on at once (the command is done, or a test is).
 */
export function deferOptimizingCompiler(delayMs = optimizingCompilerDelayMs, setFlags: SetFlags = setFlagsFromString): () => void {
	// Code Maglev optimizes meanwhile keeps its tier-up checks (Maglev leaves them out while it is
	// the top tier), so what became hot early still reaches TurboFan once it is on.
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

/**
 * How much more CPU time `run(large)` takes than `run(small)`: each the fastest of `runs` tries, taken in
 * turn after one untimed try of each (the compiler warms up on both sizes, and a busy moment of the
 * machine hits both alike). A pathological-input test asserts this ratio against the sizes' ratio,
 * never a wall time: linear work grows about as the size does, quadratic work as its square.
 *
 * A round whose ratio is past twice the sizes' ratio is measured again, up to `rounds` times, and
 * the lowest ratio is returned: under the whole suite another process can take the core for the
 * length of every try of one size, which inflates one round and never every round, while work that
 * is truly quadratic is past the bound in every round.
 */
export function growthRatio(
	run: (size: number) => unknown,
	small: number,
	large: number,
	runs = 3,
	rounds = 4,
): number {
	run(small);
	run(large);
	let lowest = Number.POSITIVE_INFINITY;
	for (let round = 0; round < rounds && lowest > expectedGrowth(small, large); round++) {
		const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
		for (let i = 0; i < runs; i++) {
			[small, large].forEach((size, side) => {
				const started = cpuMs();
				run(size);
				best[side] = Math.min(best[side]!, cpuMs() - started);
			});
		}
		lowest = Math.min(lowest, best[1]! / Math.max(best[0]!, 0.01));
	}
	return lowest;
}

/** `growthRatio` for work that returns a promise: each try awaited alone. */
export async function growthRatioOf(
	run: (size: number) => Promise<unknown>,
	small: number,
	large: number,
	runs = 3,
	rounds = 4,
): Promise<number> {
	await run(small);
	await run(large);
	let lowest = Number.POSITIVE_INFINITY;
	for (let round = 0; round < rounds && lowest > expectedGrowth(small, large); round++) {
		const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
		for (let i = 0; i < runs; i++) {
			for (const [side, size] of [small, large].entries()) {
				const started = cpuMs();
				await run(size);
				best[side] = Math.min(best[side]!, cpuMs() - started);
			}
		}
		lowest = Math.min(lowest, best[1]! / Math.max(best[0]!, 0.01));
	}
	return lowest;
}

/**
 * The process's CPU time so far, in milliseconds: what the work cost, not how long it waited for a
 * core. Under the whole suite's load a wall clock counted other processes' turns in one size's
 * tries and not the other's (ratios of 30 to 48 for linear work at a load of 15 on 2 cores).
 */
function cpuMs(): number {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

/** Twice the growth of linear work from `small` to `large` (sizes 0 and 1 stand for two inputs of one size). */
function expectedGrowth(small: number, large: number): number {
	return small > 0 ? (2 * large) / small : 2;
}

/** How much longer `run` takes than `control`, an input of the same size known to cost linear time. */
export function costRatio(run: () => unknown, control: () => unknown, runs = 5): number {
	return growthRatio((side) => (side === 0 ? control() : run()), 0, 1, runs);
}

/**
 * How much longer `run(large)` takes than `run(small)`: each the fastest of `runs` tries, taken in
 * turn after one untimed try of each (the compiler warms up on both sizes, and a busy moment of the
 * machine hits both alike). A pathological-input test asserts this ratio against the sizes' ratio,
 * never a wall time: linear work grows about as the size does, quadratic work as its square.
 */
export function growthRatio(run: (size: number) => unknown, small: number, large: number, runs = 3): number {
	run(small);
	run(large);
	const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
	for (let i = 0; i < runs; i++) {
		[small, large].forEach((size, side) => {
			const started = performance.now();
			run(size);
			best[side] = Math.min(best[side]!, performance.now() - started);
		});
	}
	return best[1]! / Math.max(best[0]!, 0.01);
}

/** `growthRatio` for work that returns a promise: each try awaited alone. */
export async function growthRatioOf(run: (size: number) => Promise<unknown>, small: number, large: number, runs = 3): Promise<number> {
	await run(small);
	await run(large);
	const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
	for (let i = 0; i < runs; i++) {
		for (const [side, size] of [small, large].entries()) {
			const started = performance.now();
			await run(size);
			best[side] = Math.min(best[side]!, performance.now() - started);
		}
	}
	return best[1]! / Math.max(best[0]!, 0.01);
}

/** How much longer `run` takes than `control`, an input of the same size known to cost linear time. */
export function costRatio(run: () => unknown, control: () => unknown, runs = 5): number {
	return growthRatio((side) => (side === 0 ? control() : run()), 0, 1, runs);
}

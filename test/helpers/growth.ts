/** The fastest of `runs` tries of `run` (the least disturbed by a busy machine), after one untimed warm-up, in ms. */
function fastest(run: () => unknown, runs: number): number {
	let best = Number.POSITIVE_INFINITY;
	for (let i = 0; i <= runs; i++) {
		const started = performance.now();
		run();
		if (i > 0) best = Math.min(best, performance.now() - started);
	}
	return Math.max(best, 0.01);
}

/**
 * How much longer `run(large)` takes than `run(small)`. A pathological-input test asserts this
 * ratio against the sizes' ratio, never a wall time: linear work grows about as the size does,
 * quadratic work as its square.
 */
export function growthRatio(run: (size: number) => unknown, small: number, large: number, runs = 3): number {
	return fastest(() => run(large), runs) / fastest(() => run(small), runs);
}

/** How much longer `run` takes than `control`, an input of the same size known to cost linear time. */
export function costRatio(run: () => unknown, control: () => unknown, runs = 5): number {
	return fastest(run, runs) / fastest(control, runs);
}

/** `growthRatio` for work that returns a promise: each try awaited alone. */
export async function growthRatioOf(run: (size: number) => Promise<unknown>, small: number, large: number, runs = 3): Promise<number> {
	const fastestOf = async (size: number): Promise<number> => {
		let best = Number.POSITIVE_INFINITY;
		for (let i = 0; i <= runs; i++) {
			const started = performance.now();
			await run(size);
			if (i > 0) best = Math.min(best, performance.now() - started);
		}
		return Math.max(best, 0.01);
	};
	return (await fastestOf(large)) / (await fastestOf(small));
}

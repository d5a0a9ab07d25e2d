/**
 * What a long run reports as it moves, so the command layer can tell a slow run from a stuck one
 * (`cli/watchdog.ts`). Steps are named as they read after "while": `drawing 12 diagrams`,
 * `rendering pages`. Steps may overlap (rules run concurrently); a stall names every open one.
 */
export interface Progress {
	/** Opens a step and returns the function that closes it; both count as progress. */
	begin(what: string): () => void;
	/** One piece of work done (a page read or rendered, a diagram drawn, a link checked); `detail` names it. */
	tick(detail?: string): void;
}

/** For runs nobody watches (tests, `astro build`). */
export const noProgress: Progress = { begin: () => () => undefined, tick: () => undefined };

/** Runs `work` inside a step that closes when it settles, however it settles. */
export async function inStep<T>(
	progress: Progress,
	what: string,
	work: () => Promise<T>,
): Promise<T> {
	const end = progress.begin(what);
	try {
		return await work();
	} finally {
		end();
	}
}
